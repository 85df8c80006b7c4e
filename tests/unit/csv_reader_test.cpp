#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/csv/table_sink.h"

using namespace tb::csv;
using Fields = std::vector<std::string>;

namespace {

struct Read {
    Status status = Status::Reading;
    Dialect dialect;
    Fields header;
    std::vector<TableSink::StoredRow> rows;
    Stats stats;
    int headers_seen = 0;

    std::vector<Fields> fields() const {
        std::vector<Fields> out;
        for (const auto& row : rows) out.push_back(row.fields);
        return out;
    }
};

Read read(std::string_view text, Options options = {}, ColumnSelection selection = {}) {
    Reader reader(options);
    TableSink sink(std::move(selection));
    reader.feed(text, sink);
    reader.finish(sink);
    return {reader.status(), reader.dialect(), reader.header().names(),
            sink.rows(),     reader.stats(),   sink.headers_seen()};
}

const std::string kFffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("a plain file gives its header, then numbered rows with their byte offsets") {
    const std::string text = "name,label\nalpha,1\nbeta,2\n";
    const Read r = read(text);
    CHECK(r.status == Status::Ok);
    CHECK(r.header == Fields{"name", "label"});
    CHECK(r.headers_seen == 1);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.fields() == std::vector<Fields>{{"alpha", "1"}, {"beta", "2"}});
    CHECK(r.rows[0].number == 1);
    CHECK(r.rows[1].number == 2);
    CHECK(r.rows[0].offset == text.find("alpha"));
    CHECK(r.rows[1].offset == text.find("beta"));
    CHECK(r.rows[0].well_formed);
    CHECK(r.stats.rows == 2);
    CHECK(r.stats.bytes == text.size());
    CHECK(r.stats.problems.empty());
    CHECK(r.dialect.delimiter == ',');
    CHECK(r.dialect.detected);
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and line breaks") {
    const std::string text =
        "id,text\n"
        "1,\"a, b\"\n"
        "2,\"say \"\"hi\"\"\"\n"
        "3,\"line one\nline two\r\nline three\"\n"
        "4,\"\"\n"
        "5,\"\"\"\"\n"
        "\"6\",plain \"\n";
    const Read r = read(text);
    CHECK(r.fields() == std::vector<Fields>{{"1", "a, b"},
                                            {"2", "say \"hi\""},
                                            {"3", "line one\nline two\r\nline three"},
                                            {"4", ""},
                                            {"5", "\""},
                                            {"6", "plain \""}});
    CHECK(r.rows[2].offset == text.find("3,\""));
    CHECK(r.rows[3].offset == text.find("4,"));
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 1);  // only the last row's stray quote
}

TEST_CASE("empty fields, trailing delimiters and spaces are kept as they are") {
    const Read r = read("a,b,c\n,,\n x , \"y\" ,z\n1,2,\n");
    CHECK(r.fields() == std::vector<Fields>{{"", "", ""}, {" x ", " \"y\" ", "z"}, {"1", "2", ""}});
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 1);  // " \"y\" " does not start with its quote
}

TEST_CASE("LF, CRLF, a lone CR and any mix of them end records, and blank lines are skipped") {
    const std::string text = "\n\r\nh1,h2\r\na,1\r\n\r\nb,2\nc,3\rd,4\n\n\ne,5";
    const Read r = read(text);
    CHECK(r.header == Fields{"h1", "h2"});
    CHECK(r.fields() == std::vector<Fields>{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}});
    CHECK(r.rows[4].number == 5);
    CHECK(r.rows[4].offset == text.find("e,5"));
    CHECK(r.rows[2].offset == text.find("c,3"));
    CHECK(r.stats.problems.empty());
}

TEST_CASE("Excel's CRLF rows with LF inside quoted narratives keep the narrative's line breaks") {
    const Read r = read("Product,Narrative\r\nMortgage,\"first\nsecond\"\r\nStudent loan,\"x\"\r\n");
    CHECK(r.fields() == std::vector<Fields>{{"Mortgage", "first\nsecond"}, {"Student loan", "x"}});
}

TEST_CASE("a UTF-8 byte order mark is skipped but still counted in offsets") {
    const std::string text = "\xEF\xBB\xBFProduct;Issue\nMortgage;Late fee\n";
    const Read r = read(text);
    CHECK(r.header == Fields{"Product", "Issue"});
    CHECK(r.dialect.delimiter == ';');
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].offset == text.find("Mortgage"));
    // A second BOM later is just text.
    CHECK(read("\xEF\xBB\xBF\xEF\xBB\xBFx,y\n1,2\n").header[0] == "\xEF\xBB\xBFx");
}

TEST_CASE("the delimiter is detected from the header line, unless it is given") {
    SECTION("semicolon, with commas in the data") {
        const Read r = read("Date;Text\n2023-01-01;\"a, b; c\"\n2023-01-02;d,e\n");
        CHECK(r.dialect.delimiter == ';');
        CHECK(r.fields() == std::vector<Fields>{{"2023-01-01", "a, b; c"}, {"2023-01-02", "d,e"}});
    }
    SECTION("tab") {
        const Read r = read("a\tb, c\td\n1\t2\t3\n");
        CHECK(r.dialect.delimiter == '\t');
        CHECK(r.header == Fields{"a", "b, c", "d"});
    }
    SECTION("given") {
        Options options;
        options.delimiter = '|';
        const Read r = read("a|b,c,d\n1|2\n", options);
        CHECK(r.dialect.delimiter == '|');
        CHECK_FALSE(r.dialect.detected);
        CHECK(r.fields() == std::vector<Fields>{{"1", "2"}});
    }
    SECTION("an unusable given delimiter falls back to detection") {
        Options options;
        options.delimiter = '"';
        CHECK(read("a;b\n1;2\n", options).dialect.delimiter == ';');
    }
}

TEST_CASE("only the selected columns are materialised, the others arrive empty") {
    const std::string text = "id,text,label\n1,\"x \"\"y\"\"\",A\n2,\"bad \xFF\",B\n3,z\n";
    const Read r = read(text, {}, ColumnSelection::only({0, 2}));
    CHECK(r.fields() == std::vector<Fields>{{"1", "", "A"}, {"2", "", "B"}, {"3", ""}});
    CHECK(r.stats.utf8_replacements == 0);  // the bad byte sits in a column nobody asked for
    CHECK(r.stats.count(ProblemKind::InvalidUtf8) == 0);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 1);

    const Read none = read(text, {}, ColumnSelection::only({}));
    CHECK(none.rows.size() == 3);
    CHECK(none.rows[0].fields == Fields{"", "", ""});
}

TEST_CASE("Row::field gives an empty view for a column the row does not have") {
    struct Probe : RowSink {
        std::vector<std::string> seen;
        void on_row(const Row& row) override {
            seen.emplace_back(row.field(0));
            seen.emplace_back(row.field(5));
        }
    } probe;
    Reader reader;
    reader.feed("a,b\n1,2\n", probe);
    reader.finish(probe);
    CHECK(probe.seen == Fields{"1", ""});
}

TEST_CASE("invalid UTF-8 in a materialised field is replaced, counted and listed") {
    const std::string text = "name,text\nok,fine\nlatin,\"caf\xE9 \"\"cr\xE8me\"\"\"\nbad\x80,x\n";
    const Read r = read(text);
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[1].fields[1] == "caf" + kFffd + " \"cr" + kFffd + "me\"");
    CHECK(r.rows[2].fields[0] == "bad" + kFffd);
    CHECK(r.rows[1].well_formed);  // the text is repaired; the row's shape is fine
    CHECK(r.stats.utf8_replacements == 3);
    CHECK(r.stats.count(ProblemKind::InvalidUtf8) == 2);
    REQUIRE(r.stats.problems.size() == 2);
    CHECK(r.stats.problems[0].kind == ProblemKind::InvalidUtf8);
    CHECK(r.stats.problems[0].row == 2);
    CHECK(r.stats.problems[0].offset == text.find("caf"));
    CHECK(r.stats.problems[0].message ==
          "column 2: 2 invalid UTF-8 sequences replaced by U+FFFD (is the file UTF-8?)");
    CHECK(r.stats.problems[1].row == 3);

    const Read header = read("a\xFF,b\n1,2\n");
    CHECK(header.header[0] == "a" + kFffd);
    CHECK(header.stats.problems.at(0).row == 0);
}

TEST_CASE("rows with the wrong number of fields are passed on, flagged, counted and listed") {
    const std::string text = "a,b,c\n1,2,3\n1,2\n1,2,3,4\n4,5,6\n";
    const Read r = read(text);
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[1].fields == Fields{"1", "2"});
    CHECK(r.rows[2].fields == Fields{"1", "2", "3", "4"});
    CHECK(r.rows[0].well_formed);
    CHECK_FALSE(r.rows[1].well_formed);
    CHECK_FALSE(r.rows[2].well_formed);
    CHECK(r.rows[3].well_formed);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 2);
    REQUIRE(r.stats.problems.size() == 2);
    CHECK(r.stats.problems[0].row == 2);
    CHECK(r.stats.problems[0].offset == text.find("1,2\n"));
    CHECK(r.stats.problems[0].message == "expected 3 fields, as in the header, found 2");
    CHECK(r.stats.problems[1].row == 3);
    CHECK(r.stats.problems[1].offset == text.find("1,2,3,4"));
    CHECK(r.status == Status::Ok);
}

TEST_CASE("a quote inside an unquoted field is kept as text and reported where it is") {
    const std::string text = "a,b\n1,5\" screen\n2,ok\n";
    const Read r = read(text);
    CHECK(r.fields() == std::vector<Fields>{{"1", "5\" screen"}, {"2", "ok"}});
    CHECK_FALSE(r.rows[0].well_formed);
    CHECK(r.rows[1].well_formed);
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 1);
    REQUIRE(r.stats.problems.size() == 1);
    CHECK(r.stats.problems[0].row == 1);
    CHECK(r.stats.problems[0].offset == text.find('"'));
    CHECK(r.stats.problems[0].message == "column 2: a quote inside an unquoted field; kept as text");
}

TEST_CASE("an undoubled quote inside a quoted field is kept as text and the field goes on") {
    // The malformation real complaint dumps have: a narrative quoting someone without doubling quotes.
    const std::string text =
        "id,narrative,product\n"
        "1,\"He said \"no\" to me, twice\",Mortgage\n"
        "2,\"She wrote \"paid in full\" and left\nthe next day\",Debt collection\n"
        "3,\"fine\",Student loan\n";
    const Read r = read(text);
    CHECK(r.fields() ==
          std::vector<Fields>{{"1", "He said \"no\" to me, twice", "Mortgage"},
                              {"2", "She wrote \"paid in full\" and left\nthe next day", "Debt collection"},
                              {"3", "fine", "Student loan"}});
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 2);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 0);
    REQUIRE(r.stats.problems.size() == 2);
    CHECK(r.stats.problems[0].offset == text.find("\"no"));
    CHECK(
        r.stats.problems[0].message ==
        "column 2: a quote inside a quoted field is neither doubled nor followed by a delimiter or line end; "
        "kept as text");
    CHECK(r.stats.problems[1].row == 2);
    CHECK_FALSE(r.rows[0].well_formed);
    CHECK(r.rows[2].well_formed);
}

TEST_CASE("an undoubled quote just before a line end closes the field: two rows are damaged, no more") {
    const std::string text =
        "id,narrative,product\n"
        "1,\"She wrote \"paid in full\"\nand left\",Debt collection\n"
        "2,\"fine\",Student loan\n";
    const Read r = read(text);
    CHECK(r.fields() == std::vector<Fields>{{"1", "She wrote \"paid in full"},
                                            {"and left\"", "Debt collection"},
                                            {"2", "fine", "Student loan"}});
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 2);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 2);
    CHECK(r.rows[2].well_formed);
}

TEST_CASE("text after a closing quote keeps the field open until a quote that can close it") {
    // The quote after x is followed by y, so it is text and the field runs on to the next quote followed
    // by a delimiter or line end, here on the next line: the damage is one merged row.
    const std::string text = "a,b,c\n\"x\"y,2,3\n4,\"5\",6\n7,8,9\n";
    const Read r = read(text);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].fields == Fields{"x\"y,2,3\n4,\"5", "6"});
    CHECK_FALSE(r.rows[0].well_formed);
    CHECK(r.rows[1].fields == Fields{"7", "8", "9"});
    CHECK(r.rows[1].number == 2);
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 1);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 1);
    CHECK(r.stats.problems.at(0).offset == text.find("\"y"));
}

TEST_CASE("a stray opening quote costs its own row, not the rest of the file") {
    const std::string text =
        "id,a,company,b\n"
        "1,\"broken,z,w\n"
        "2,p,\"EQUIFAX, INC.\",r\n"
        "3,p,q,r\n"
        "4,\"ok\",\"fine\",s\n";
    const Read r = read(text);
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[0].fields == Fields{"1", "broken,z,w\n2,p,\"EQUIFAX, INC.", "r"});
    CHECK_FALSE(r.rows[0].well_formed);
    CHECK(r.rows[1].fields == Fields{"3", "p", "q", "r"});
    CHECK(r.rows[1].number == 2);
    CHECK(r.rows[1].offset == text.find("3,p"));
    CHECK(r.rows[2].fields == Fields{"4", "ok", "fine", "s"});
    CHECK(r.stats.count(ProblemKind::MalformedQuote) == 1);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 1);
}

TEST_CASE("a record longer than the limit is dropped and reading resumes at its first line end") {
    Options options;
    options.max_record_bytes = 64;
    const std::string text = "a,b\n0,short\n1,\"never closed " + std::string(100, 'x') + "\n2,ok\n3,fine\n";
    const Read r = read(text, options);
    CHECK(r.fields() == std::vector<Fields>{{"0", "short"}, {"2", "ok"}, {"3", "fine"}});
    CHECK(r.rows[1].number == 3);  // the dropped record kept its number
    CHECK(r.rows[1].offset == text.find("2,ok"));
    CHECK(r.stats.count(ProblemKind::RecordTooLong) == 1);
    REQUIRE(r.stats.problems.size() == 1);
    CHECK(r.stats.problems[0].row == 2);
    CHECK(r.stats.problems[0].offset == text.find("1,\""));
    CHECK(r.status == Status::Ok);

    SECTION("a record of exactly the limit is fine") {
        const std::string row = "1," + std::string(62, 'y');  // 64 bytes before its line end
        const Read fits = read("a,b\n" + row + "\n2,z\n", options);
        CHECK(fits.stats.count(ProblemKind::RecordTooLong) == 0);
        CHECK(fits.rows.size() == 2);
        const Read over = read("a,b\n" + row + "y\n2,z\n", options);
        CHECK(over.stats.count(ProblemKind::RecordTooLong) == 1);
        CHECK(over.fields() == std::vector<Fields>{{"2", "z"}});
    }
    SECTION("with no line end in sight the rest of the input is skipped") {
        const Read rest = read("a,b\n1,\"" + std::string(500, 'x'), options);
        CHECK(rest.rows.empty());
        CHECK(rest.stats.count(ProblemKind::RecordTooLong) == 1);
        CHECK(rest.stats.count(ProblemKind::CutOffRow) == 0);
    }
}

TEST_CASE("a file that ends inside a quoted field has a cut-off last row, which is not passed on") {
    // Like the published 1 MiB excerpt of the complaint database, cut in the middle of a product label.
    const std::string text = "Date,Product,ID\n2023-07-17,Mortgage,1\n2023-07-17,\"Credit reporting, credit";
    const Read r = read(text);
    CHECK(r.fields() == std::vector<Fields>{{"2023-07-17", "Mortgage", "1"}});
    CHECK(r.stats.count(ProblemKind::CutOffRow) == 1);
    REQUIRE(r.stats.problems.size() == 1);
    CHECK(r.stats.problems[0].row == 2);
    CHECK(r.stats.problems[0].offset == text.rfind("2023"));
    CHECK(r.stats.problems[0].message ==
          "the file ends inside a quoted field, so the last row is cut off; it was not read");
    CHECK(r.status == Status::Ok);
}

TEST_CASE("a last row without a line end is read if it has all its fields, else it is cut off") {
    CHECK(read("a,b\n1,2").fields() == std::vector<Fields>{{"1", "2"}});
    CHECK(read("a,b\n1,\"2\"").fields() == std::vector<Fields>{{"1", "2"}});
    CHECK(read("a,b\n1,2,3").fields() == std::vector<Fields>{{"1", "2", "3"}});
    const Read cut = read("a,b,c\n1,2,3\n4,5");
    CHECK(cut.fields() == std::vector<Fields>{{"1", "2", "3"}});
    CHECK(cut.stats.count(ProblemKind::CutOffRow) == 1);
    CHECK(cut.stats.count(ProblemKind::WrongFieldCount) == 0);
    CHECK(cut.stats.problems.at(0).message ==
          "the file ends after 2 of 3 fields of the last row, so it is cut off; it was not read");
}

TEST_CASE("the reader says clearly what is wrong with files it cannot use") {
    SECTION("empty") {
        for (const std::string text : {"", "\xEF\xBB\xBF", "\n\r\n\n"}) {
            const Read r = read(text);
            CHECK(r.status == Status::Empty);
            CHECK(r.headers_seen == 0);
        }
        Reader reader;
        TableSink sink;
        reader.finish(sink);
        CHECK(reader.status() == Status::Empty);
    }
    SECTION("binary: NUL bytes in the first kilobyte") {
        std::string zip = "PK\x03\x04\x14";
        zip += std::string(1, '\0') + std::string(3000, 'a') + "\n1,2\n";
        const Read r = read(zip);
        CHECK(r.status == Status::Binary);
        CHECK(r.headers_seen == 0);
        CHECK(r.rows.empty());
        CHECK(r.stats.bytes == zip.size());
        CHECK(read(std::string("a,b\n1,\0\n", 8)).status == Status::Binary);
    }
    SECTION("a NUL byte after the first kilobyte is just data") {
        const std::string text = "a,b\n" + std::string(2000, 'x') + "," + std::string(1, '\0') + "\n";
        const Read r = read(text);
        CHECK(r.status == Status::Ok);
        CHECK(r.rows.at(0).fields[1] == std::string(1, '\0'));
    }
    SECTION("UTF-16") {
        CHECK(read("\xFF\xFE"
                   "a\0,\0b\0")
                  .status == Status::Utf16);
        CHECK(read("\xFE\xFF").status == Status::Utf16);
    }
    SECTION("a header and nothing else") {
        CHECK(read("Product,Narrative\n").status == Status::HeaderOnly);
        CHECK(read("Product,Narrative").status == Status::HeaderOnly);
        CHECK(read("Product,Narrative\n\n\n").header == Fields{"Product", "Narrative"});
    }
    SECTION("one column") {
        const Read r = read("just some text\nmore text\n");
        CHECK(r.status == Status::SingleColumn);
        CHECK(r.fields() == std::vector<Fields>{{"more text"}});
    }
    SECTION("a first record that never ends") {
        const Read r = read("\"a,b\nc,d\n");
        CHECK(r.status == Status::NoHeader);
        CHECK(r.stats.count(ProblemKind::CutOffRow) == 1);
        CHECK(r.stats.problems.at(0).row == 0);
    }
    for (const Status status : {Status::Empty, Status::Binary, Status::Utf16, Status::NoHeader,
                                Status::HeaderOnly, Status::SingleColumn}) {
        CHECK_FALSE(describe(status).what.empty());
        CHECK_FALSE(describe(status).todo.empty());
        CHECK_FALSE(status_key(status).empty());
    }
    CHECK(describe(Status::Ok).todo.empty());
}

TEST_CASE("the status is Reading until finish, and nothing is read after it") {
    Reader reader;
    TableSink sink;
    CHECK(reader.status() == Status::Reading);
    reader.feed("a,b\n1,2\n", sink);
    CHECK(reader.status() == Status::Reading);
    CHECK_FALSE(reader.finished());
    reader.finish(sink);
    CHECK(reader.finished());
    CHECK(reader.status() == Status::Ok);
    reader.feed("3,4\n", sink);
    reader.finish(sink);
    CHECK(sink.rows().size() == 1);
    CHECK(reader.stats().bytes == 8);
}

TEST_CASE("problems past the listing limit are counted but not listed") {
    Options options;
    options.max_problems = 3;
    std::string text = "a,b\n";
    for (int i = 0; i < 10; ++i) text += "1,2,3\n";
    const Read r = read(text, options);
    CHECK(r.stats.count(ProblemKind::WrongFieldCount) == 10);
    REQUIRE(r.stats.problems.size() == 3);
    CHECK(r.stats.problems[2].row == 3);
    CHECK(r.rows.size() == 10);
}

TEST_CASE("a sink can pick its columns by name from the header") {
    struct ProductCounter : RowSink {
        std::size_t product = 0, narrative = 0;
        std::vector<std::string> products;
        ColumnSelection on_header(const Header& header) override {
            product = header.find("product").value_or(0);
            narrative = header.find("Consumer complaint narrative").value_or(0);
            return ColumnSelection::only({product, narrative});
        }
        void on_row(const Row& row) override {
            if (!row.field(narrative).empty()) products.emplace_back(row.field(product));
        }
    } counter;
    Reader reader;
    reader.feed(
        "Date received,Product,Consumer complaint narrative,Company\n"
        "2023-01-01,Mortgage,\"late, fees\",X\n2023-01-02,Debt collection,,Y\n"
        "2023-01-03,Student loan,\"called \"\"twice\"\"\",Z\n",
        counter);
    reader.finish(counter);
    CHECK(counter.products == Fields{"Mortgage", "Student loan"});
}
