#include "core/csv/stats.h"

namespace tb::csv {

std::string_view problem_kind_label(ProblemKind kind) {
    switch (kind) {
    case ProblemKind::MalformedQuote:
        return "malformed quote";
    case ProblemKind::WrongFieldCount:
        return "wrong number of fields";
    case ProblemKind::RecordTooLong:
        return "record too long";
    case ProblemKind::CutOffRow:
        return "cut-off row";
    case ProblemKind::InvalidUtf8:
        return "invalid UTF-8";
    }
    return "problem";
}

StatusText describe(Status status) {
    switch (status) {
    case Status::Reading:
        return {"Reading the file.", ""};
    case Status::Ok:
        return {"The file was read.", ""};
    case Status::Empty:
        return {"The file is empty.", "Choose a CSV file with a header row and at least one data row."};
    case Status::Binary:
        return {"This is not a text file: it contains NUL bytes near the start.",
                "If it is a spreadsheet or an archive (.xlsx, .zip, .gz), save or extract it as CSV first."};
    case Status::Utf16:
        return {"The file is UTF-16 text, which this reader does not take.",
                "Save it again as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8) and open that."};
    case Status::NoHeader:
        return {
            "The first row never ends properly (most likely a quote that is never closed), so the "
            "file has no usable header.",
            "Check that the file is a CSV whose header line names the columns; if lines come before it, set "
            "\"Header on line\" to its line."};
    case Status::HeaderOnly:
        return {"The file has only one row, taken as the header, and no data rows.",
                "Choose a file whose header line names the columns and whose data rows follow it, or set "
                "\"Header on line\" to the line that names them."};
    case Status::SingleColumn:
        return {"No comma, semicolon or tab separates the header's names, so every row is one column.",
                "Choose a CSV whose header names its columns, separated by commas, semicolons or tabs; if "
                "lines come before the header, set \"Header on line\" to its line."};
    case Status::NoHeaderOnLine:
        return {"No row starts on the line set in \"Header on line\" or after it: the file has fewer lines.",
                "Set \"Header on line\" to the line that names the columns, or back to automatic."};
    }
    return {"", ""};
}

std::string_view status_key(Status status) {
    switch (status) {
    case Status::Reading:
        return "reading";
    case Status::Ok:
        return "ok";
    case Status::Empty:
        return "empty";
    case Status::Binary:
        return "binary";
    case Status::Utf16:
        return "utf16";
    case Status::NoHeader:
        return "no_header";
    case Status::HeaderOnly:
        return "header_only";
    case Status::SingleColumn:
        return "single_column";
    case Status::NoHeaderOnLine:
        return "no_header_on_line";
    }
    return "";
}

}  // namespace tb::csv
