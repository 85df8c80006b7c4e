#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/csv/header_search.h"
#include "core/csv/reader.h"
#include "core/csv/table_sink.h"

using namespace tb::csv;
using Fields = std::vector<std::string>;

namespace {

const std::string kCfpbHeader =
    "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,"
    "Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,"
    "Company response to consumer,Timely response?,Consumer disputed?,Complaint ID";

// A CFPB row as exports have it: a narrative over two lines, with commas and doubled quotes.
std::string cfpb_row(int id, const std::string& line_end) {
    return "2023-01-0" + std::to_string(id % 9 + 1) + ",Debt collection,I do not know,Attempts to collect debt,,"
           "\"They called, again, about a \"\"debt\"\"\nthat is not mine.\",,Acme,CA,90210,,Consent provided,"
           "Web,2023-01-02,Closed with explanation,Yes,N/A," +
           std::to_string(1000 + id) + line_end;
}

std::string cfpb_body(int rows, const std::string& line_end) {
    std::string body;
    for (int i = 1; i <= rows; ++i) body += cfpb_row(i, line_end);
    return body;
}

HeaderPlace place_of(std::string_view text, std::uint64_t wanted_line = 0) {
    HeadScanner scanner(wanted_line);
    scanner.advance(text);
    return scanner.place(text, true, 0, 16u << 20);
}

struct Read {
    Status status;
    std::uint64_t header_line;
    Fields header;
    std::vector<TableSink::StoredRow> rows;
    Stats stats;
};

Read read(std::string_view text, Options options = {}) {
    Reader reader(options);
    TableSink sink;
    reader.feed(text, sink);
    reader.finish(sink);
    return {reader.status(), reader.header_line(), reader.header().names(), sink.rows(), reader.stats()};
}

}  // namespace

TEST_CASE("a plain CSV's header is its first line") {
    const std::string text = kCfpbHeader + "\n" + cfpb_body(4, "\n");
    const HeaderPlace place = place_of(text);
    CHECK(place.offset == 0);
    CHECK(place.line == 1);
    CHECK(place.delimiter == ',');
    CHECK(place.found);
}

TEST_CASE("two lines before an 18-column CFPB header are skipped, with a BOM and CRLF") {
    const std::string junk = "\xEF\xBB\xBF" "Consumer complaints\r\nExported on 2024-05-01 12:00\r\n";
    const std::string text = junk + kCfpbHeader + "\r\n" + cfpb_body(6, "\r\n");
    const HeaderPlace place = place_of(text);
    CHECK(place.offset == junk.size());
    CHECK(place.line == 3);
    CHECK(place.delimiter == ',');

    const Read r = read(text);
    CHECK(r.status == Status::Ok);
    CHECK(r.header_line == 3);
    REQUIRE(r.header.size() == 18);
    CHECK(r.header[5] == "Consumer complaint narrative");
    REQUIRE(r.rows.size() == 6);
    // Rows are numbered from the header, and offsets are the file's own bytes.
    CHECK(r.rows[0].number == 1);
    CHECK(r.rows[0].offset == text.find("2023-01-02,Debt"));
    CHECK(r.rows[0].fields[5] == "They called, again, about a \"debt\"\nthat is not mine.");
    CHECK(r.rows[5].fields[17] == "1006");
    CHECK(r.stats.problems.empty());
}

TEST_CASE("titles, blank lines and rows of empty cells before a quoted, semicolon header are skipped") {
    const std::string junk = "Report: complaints, all products\n\n;;;\n\"Exported by \"\"Tool\"\"\"\n";
    const std::string header = "\"Product\";\"Consumer complaint narrative\";\"Complaint ID\"\n";
    const std::string text = junk + header + "Mortgage;\"late; fee\";1\nDebt collection;\"call\nat night\";2\n"
                             "Mortgage;x;3\n";
    const HeaderPlace place = place_of(text);
    CHECK(place.delimiter == ';');
    CHECK(place.offset == junk.size());
    CHECK(place.line == 5);
    const Read r = read(text);
    CHECK(r.header == Fields{"Product", "Consumer complaint narrative", "Complaint ID"});
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[1].fields[1] == "call\nat night");
    CHECK(r.rows[2].number == 3);
}

TEST_CASE("a title padded with empty cells to the table's width is not the header") {
    const std::string text = "Complaints,,,\n,,,\nDate,Product,Text,ID\n2023,Mortgage,a,1\n2023,Mortgage,b,2\n";
    const Read r = read(text);
    CHECK(r.header_line == 3);
    CHECK(r.header == Fields{"Date", "Product", "Text", "ID"});
    CHECK(r.rows.size() == 2);
}

TEST_CASE("malformed rows after a real header do not make it pass for a title") {
    // The header's followers mostly have the wrong field count, yet a later row looks steady.
    const std::string text = "a,b,c\n1,2\n1,2\n3,4,5\n6,7,8\n9,10,11\n12,13,14\n15,16,17\n";
    CHECK(place_of(text).line == 1);
    CHECK(read(text).header == Fields{"a", "b", "c"});
    // Rows ending in a delimiter the header lacks: the header is still the first line.
    CHECK(place_of("text,label\nhello,A,\nworld,B,\nagain,A,\n").line == 1);
    // A title with a separator before a table more than twice as wide is skipped, not before a narrow one.
    CHECK(place_of("Complaints, 2024\na,b,c,d,e\n1,2,3,4,5\n5,6,7,8,9\n").line == 2);
    CHECK(place_of("Complaints, 2024\na,b,c\n1,2,3\n5,6,7\n").line == 1);
    // An index column with no name (pandas' to_csv) is still a header.
    CHECK(place_of(",Product,Consumer complaint narrative\n0,Mortgage,x\n1,Mortgage,y\n").line == 1);
}

TEST_CASE("with nothing steady to go by, the first line is the header, as before") {
    CHECK(place_of("just some text\nmore text\n").line == 1);
    CHECK(place_of("Product,Narrative\n").line == 1);
    CHECK(place_of("\"a,b\nc,d\n").line == 1);
    CHECK(place_of("\n\nx,y\n1,2\n").line == 3);  // blank lines before the first record, skipped as always
    CHECK(place_of("\n\nx,y\n1,2\n").offset == 0);
}

TEST_CASE("the header line can be named by hand") {
    const std::string text = "Title\nx;y\n\"a\nb\",c\nName,Value\n1,2\n";
    const HeaderPlace fourth = place_of(text, 5);
    CHECK(fourth.found);
    CHECK(fourth.line == 5);
    CHECK(fourth.offset == text.find("Name"));
    CHECK(fourth.delimiter == ',');
    // Line 4 is inside a quoted field: the first record starting after it is the header.
    CHECK(place_of(text, 4).line == 5);
    CHECK(place_of(text, 2).delimiter == ';');
    CHECK_FALSE(place_of(text, 9).found);

    Options options;
    options.header_line = 5;
    const Read r = read(text, options);
    CHECK(r.status == Status::Ok);
    CHECK(r.header == Fields{"Name", "Value"});
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].offset == text.find("1,2"));
    options.header_line = 40;
    CHECK(read(text, options).status == Status::NoHeaderOnLine);
    CHECK_FALSE(describe(Status::NoHeaderOnLine).todo.empty());
}

TEST_CASE("the header is found the same however the text arrives") {
    const std::string text = "Title line\r\n\r\nProduct,Text,ID\r\nMortgage,\"a\r\nb\",1\r\nLoan,c,2\r\n";
    const HeaderPlace whole = place_of(text);
    REQUIRE(whole.line == 3);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        HeadScanner pieces;
        pieces.advance(std::string_view(text).substr(0, cut));
        pieces.advance(text);
        const HeaderPlace place = pieces.place(text, true, 0, 16u << 20);
        CHECK(place.offset == whole.offset);
        CHECK(place.line == whole.line);
        CHECK(pieces.first_line_found());
        CHECK(pieces.first_line_end() == 10);
    }
    HeadScanner none;
    none.advance("no line end \"yet\"");
    CHECK_FALSE(none.first_line_found());
}

TEST_CASE("only the first records are looked at") {
    std::string text = "Title\n";
    for (std::size_t i = 0; i < HeadScanner::kProbeRecords; ++i) text += "only one field\n";
    text += "a,b\n1,2\n3,4\n";
    HeadScanner scanner;
    scanner.advance(text);
    CHECK(scanner.done());
    CHECK(scanner.scanned() < text.find("a,b"));
    CHECK(scanner.place(text, false, 0, 1000).line == 1);
}
