#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/csv/table_sink.h"
#include "csv_transcript.h"

using namespace tb::csv;
using Fields = std::vector<std::string>;

namespace {

std::vector<std::size_t> every_byte(std::size_t size) {
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < size; ++i) cuts.push_back(i);
    return cuts;
}

Options with_scan(Options options, bool scalar) {
    options.scalar_scan = scalar;
    options.max_problems = std::max<std::size_t>(options.max_problems, 1000);
    return options;
}

// Cuts `text` at every position, at every byte, and (when short) at every pair of positions, with
// both scanners; each must give exactly what one chunk gives.
void check_chunking(const std::string& text, const Options& options, bool all_pairs,
                    const ColumnSelection& selection = {}) {
    const std::string whole = read_cut(text, with_scan(options, false), {}, selection);
    for (const bool scalar : {false, true}) {
        const Options o = with_scan(options, scalar);
        REQUIRE(read_cut(text, o, {}, selection) == whole);
        for (std::size_t cut = 0; cut <= text.size(); ++cut) {
            INFO("cut at " << cut << (scalar ? " (scalar)" : " (SIMD)"));
            REQUIRE(read_cut(text, o, {cut}, selection) == whole);
        }
        INFO("byte by byte" << (scalar ? " (scalar)" : " (SIMD)"));
        REQUIRE(read_cut(text, o, every_byte(text.size()), selection) == whole);
        if (!all_pairs) continue;
        for (std::size_t a = 1; a < text.size(); ++a) {
            for (std::size_t b = a + 1; b < text.size(); ++b) {
                INFO("cuts at " << a << " and " << b);
                REQUIRE(read_cut(text, o, {a, b}, selection) == whole);
            }
        }
    }
}

struct Tricky {
    const char* name;
    std::string header;
    std::string body;
    Options options;
};

std::vector<Tricky> tricky_inputs() {
    Options small_records;
    small_records.max_record_bytes = 40;
    Options header_on_line_4;
    header_on_line_4.header_line = 4;
    return {
        {"lines before the header", "\xEF\xBB\xBFTitle\r\n\r\nExported on 2024-05-01\r\nid,\"te,xt\",n\r\n",
         "1,\"a\nb\",2\r\n2,c,3\r\n3,d,4\r\n", {}},
        {"the header line given", "Title\n\"x\ny\"\nid;text\n", "1;a\n2;\"b\nc\"\n", header_on_line_4},
        {"quoted fields across lines, doubled quotes, CRLF, lone CR",
         "id,text,n\r\n",
         "1,\"a,b\",2\r\n2,\"line\nbreak\r\nand "
         "\"\"quotes\"\"\",3\r\n\r\n3,\"\",\"\"\"\"\r4,x,\"\"\"a\"\"\"\n"
         "5,\"ends\r\n\",6\n",
         {}},
        {"a BOM and semicolons",
         "\xEF\xBB\xBFProduct;\"Issue; detail\";ID\r\n",
         "Mortgage;\"late; fee\";1\r\nDebt collection;\"\"\"quoted\"\"\";2\r\n",
         {}},
        {"tabs", "a\tb\tc\n", "1\t\"x\ty\"\t3\n4\t5\t6", {}},
        {"malformed quotes",
         "a,b,c\n",
         "1,5\" screen,x\n2,\"He said \"no\" "
         "twice\",y\n\"x\"y,2,3\n4,\"5\",6\n7,8,\"end\"\"\n8,\"q\"\"\"z\",9\n"
         "9,\"a\"\"\",\"\"\"\"\"\n",
         {}},
        {"multibyte and invalid UTF-8",
         "name,text\n",
         "caf\xC3\xA9,\"em\xE2\x80\x94"
         "dash \xF0\x9F\x98\x80\"\nbad\xE9,\"x \"\"\xFF\"\" y\"\ncut\xE2\x82,z\n",
         {}},
        {"wrong field counts and blank lines", "a,b,c\n", "\n1,2\n\n\n1,2,3,4\r\n,,\n\"\",\"\"\n", {}},
        {"a file ending inside quotes", "a,b\n", "1,2\n3,\"never\nclosed", {}},
        {"a file ending right after a closing quote", "a,b\n", "1,\"x\"\"\"", {}},
        {"a file ending after fewer fields", "a,b,c\n", "1,2,3\n4,\"5\"", {}},
        {"records around the length limit", "a,b\n",
         "1," + std::string(38, 'x') + "\n2," + std::string(39, 'y') + "\n3,\"never closed\rz,1\r\n4,ok\n5," +
             std::string(60, 'w') + "\n6,fine\n7,\"" + std::string(50, 'q') + "\"\"\"\n8,last",
         small_records},
        {"a too-long record with no line end until the input ends", "a,b\n",
         "1,ok\n2,\"" + std::string(80, 'n') + "\"," + std::string(20, 'm'), small_records},
    };
}

// A quoted field whose content is long enough to push the interesting rows past the first kilobyte,
// where the reader no longer holds bytes back to sniff the file.
const std::string kPaddingRow = "\"" + std::string(1100, 'p') + "\"\n";

}  // namespace

TEST_CASE("every tricky input reads the same however it is cut into chunks", "[csv][chunks]") {
    for (const Tricky& input : tricky_inputs()) {
        SECTION(input.name) {
            const std::string text = input.header + input.body;
            check_chunking(text, input.options, text.size() < 160);
            check_chunking(input.header + kPaddingRow + input.body, input.options, false);
        }
    }
}

TEST_CASE("cutting gives the same rows with only some columns materialised", "[csv][chunks]") {
    const Tricky input = tricky_inputs()[4];
    check_chunking(input.header + kPaddingRow + input.body, {}, false, ColumnSelection::only({1}));
}

TEST_CASE("a header line longer than the sniffed kilobyte reads the same however it is cut",
          "[csv][chunks]") {
    std::string header;
    for (int i = 0; i < 120; ++i) header += "\"column; number " + std::to_string(i) + "\";";
    header += "last\n";
    std::string body;
    for (int i = 0; i < 121; ++i) body += std::to_string(i) + ";";
    check_chunking(header + body + "\n", {}, false);
}

TEST_CASE("the binary check looks at exactly the first kilobyte, however it is cut", "[csv][chunks]") {
    std::string text = "a,b\n" + std::string(2000, 'x') + ",y\n";
    text[1023] = '\0';
    const std::string binary = read_cut(text, {}, {});
    CHECK(binary.rfind("status binary", 0) == 0);
    for (std::size_t cut = 0; cut <= text.size(); cut += 3) REQUIRE(read_cut(text, {}, {cut}) == binary);
    text[1023] = 'x';
    text[1024] = '\0';
    const std::string ok = read_cut(text, {}, {});
    CHECK(ok.rfind("status ok", 0) == 0);
    for (std::size_t cut = 0; cut <= text.size(); cut += 3) REQUIRE(read_cut(text, {}, {cut}) == ok);
    REQUIRE(read_cut(text, {}, every_byte(text.size())) == ok);
}

// --- a generated larger input against a plain reference parser ------------------------------------------

namespace {

// The reader's documented rules, one byte at a time, written for clarity rather than speed.
struct Event {
    enum class Kind { Header, Row, TooLong, CutOff } kind = Kind::Row;
    std::uint64_t number = 0, offset = 0;
    Fields fields;
    bool flawed = false;
    std::uint64_t flaw_offset = 0;
};

std::vector<Event> reference_read(std::string_view s, char d, std::size_t max_record_bytes) {
    const auto eol = [](char c) { return c == '\n' || c == '\r'; };
    std::vector<Event> events;
    bool have_header = false;
    std::uint64_t number = 0;
    std::size_t columns = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (eol(s[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        Event e;
        e.offset = start;
        bool in_quotes_at_end = false;
        const auto flaw = [&](std::size_t at) {
            if (!e.flawed) e.flaw_offset = at;
            e.flawed = true;
        };
        for (;;) {
            std::string field;
            if (i < n && s[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= n) {
                        in_quotes_at_end = true;
                        break;
                    }
                    if (s[i] != '"') {
                        field += s[i++];
                    } else if (i + 1 >= n) {
                        ++i;
                        break;
                    } else if (s[i + 1] == '"') {
                        field += '"';
                        i += 2;
                    } else if (s[i + 1] == d || eol(s[i + 1])) {
                        ++i;
                        break;
                    } else {
                        flaw(i);
                        field += s[i++];
                    }
                }
            } else {
                while (i < n && s[i] != d && !eol(s[i])) {
                    if (s[i] == '"') flaw(i);
                    field += s[i++];
                }
            }
            e.fields.push_back(field);
            if (in_quotes_at_end || i >= n || s[i] != d) break;
            ++i;
        }
        const bool terminated = i < n;
        if (i - start > max_record_bytes) {
            events.push_back({Event::Kind::TooLong, have_header ? ++number : 0, start, {}, false, 0});
            i = start + 1;
            while (i < n && !eol(s[i])) ++i;
            continue;
        }
        if (!have_header) {
            if (in_quotes_at_end) {
                events.push_back({Event::Kind::CutOff, 0, start, {}, false, 0});
                break;
            }
            e.kind = Event::Kind::Header;
            have_header = true;
            columns = e.fields.size();
            events.push_back(e);
            continue;
        }
        e.number = ++number;
        if (in_quotes_at_end || (!terminated && e.fields.size() < columns)) {
            events.push_back({Event::Kind::CutOff, e.number, start, {}, false, 0});
            break;
        }
        events.push_back(e);
    }
    return events;
}

// What the reader should report for those events, in the transcript's terms that do not depend on
// wording: rows, and problems by kind, row and offset.
std::string expected_outline(const std::vector<Event>& events) {
    std::string rows, problems;
    std::size_t columns = 0;
    for (const Event& e : events) {
        if (e.kind == Event::Kind::Header) {
            columns = e.fields.size();
            if (e.flawed) problems += "malformed quote row 0 @" + std::to_string(e.flaw_offset) + "\n";
        } else if (e.kind == Event::Kind::TooLong) {
            problems +=
                "record too long row " + std::to_string(e.number) + " @" + std::to_string(e.offset) + "\n";
        } else if (e.kind == Event::Kind::CutOff) {
            problems +=
                "cut-off row row " + std::to_string(e.number) + " @" + std::to_string(e.offset) + "\n";
        } else {
            const bool wrong_count = e.fields.size() != columns;
            rows += "row " + std::to_string(e.number) + " @" + std::to_string(e.offset) +
                    (e.flawed || wrong_count ? " flawed" : "");
            for (const std::string& field : e.fields) rows += " [" + escaped(field) + "]";
            rows += "\n";
            if (e.flawed) {
                problems += "malformed quote row " + std::to_string(e.number) + " @" +
                            std::to_string(e.flaw_offset) + "\n";
            }
            if (wrong_count) {
                problems += "wrong number of fields row " + std::to_string(e.number) + " @" +
                            std::to_string(e.offset) + "\n";
            }
        }
    }
    return rows + problems;
}

std::string actual_outline(const std::string& transcript) {
    std::string rows, problems;
    std::size_t from = 0;
    while (from < transcript.size()) {
        std::size_t to = transcript.find('\n', from);
        if (to == std::string::npos) to = transcript.size();
        const std::string line = transcript.substr(from, to - from);
        if (line.rfind("row ", 0) == 0) rows += line + "\n";
        if (line.rfind("problem ", 0) == 0) problems += line.substr(8, line.find(':') - 8) + "\n";
        from = to + 1;
    }
    return rows + problems;
}

struct Generated {
    std::string text;
    std::vector<Fields> records;  // what the writer meant, header first
};

// CFPB-like rows: short codes, company names with commas, multi-line narratives with quotes, some
// non-ASCII; quoted when needed and sometimes when not; LF or CRLF between records.
Generated generate(std::mt19937& rng, int rows, std::size_t columns) {
    static const char* const kPieces[] = {"account",
                                          " ",
                                          "XXXX",
                                          ",",
                                          "\"",
                                          "\n",
                                          "\r\n",
                                          "{$1100.00}",
                                          "caf\xC3\xA9",
                                          "\xE2\x80\x94",
                                          "\xE2\x80\x99",
                                          "\xF0\x9F\x98\x80",
                                          ";",
                                          "\t",
                                          "N/A",
                                          "2023-08-25",
                                          "EQUIFAX, INC.",
                                          "x"};
    Generated g;
    for (int r = 0; r <= rows; ++r) {
        Fields record;
        for (std::size_t c = 0; c < columns; ++c) {
            std::string field;
            const std::size_t pieces = rng() % 4 == 0 ? rng() % 30 : rng() % 3;
            for (std::size_t k = 0; k < pieces; ++k) field += kPieces[rng() % std::size(kPieces)];
            if (r == 0) field = "col" + std::to_string(c);
            const bool needs_quotes = field.find_first_of(",\"\r\n") != std::string::npos;
            if (needs_quotes || rng() % 10 == 0) {
                g.text += '"';
                for (const char ch : field) g.text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                g.text += '"';
            } else {
                g.text += field;
            }
            g.text += c + 1 < columns ? "," : "";
            record.push_back(field);
        }
        g.records.push_back(record);
        if (r < rows || rng() % 2 == 0) g.text += rng() % 3 == 0 ? "\r\n" : "\n";
    }
    return g;
}

std::vector<std::size_t> random_cuts(std::mt19937& rng, std::size_t size, std::size_t max_chunk) {
    std::vector<std::size_t> cuts;
    for (std::size_t at = 1 + rng() % max_chunk; at < size; at += 1 + rng() % max_chunk) cuts.push_back(at);
    return cuts;
}

}  // namespace

TEST_CASE("a generated CFPB-like file reads as written, in any chunking", "[csv][chunks][generated]") {
    std::mt19937 rng(20231125);
    const Generated g = generate(rng, 2500, 6);
    Options options;
    options.max_problems = 100000;
    const std::string whole = read_cut(g.text, options, {});

    Reader reader(options);
    TableSink sink;
    reader.feed(g.text, sink);
    reader.finish(sink);
    REQUIRE(reader.status() == Status::Ok);
    CHECK(reader.header().names() == g.records[0]);
    REQUIRE(sink.rows().size() == g.records.size() - 1);
    for (std::size_t i = 0; i < sink.rows().size(); ++i) {
        REQUIRE(sink.rows()[i].fields == g.records[i + 1]);
        REQUIRE(sink.rows()[i].number == i + 1);
    }
    CHECK(reader.stats().problems.empty());

    CHECK(actual_outline(whole) == expected_outline(reference_read(g.text, ',', options.max_record_bytes)));
    for (const std::size_t max_chunk : {7, 100, 5000, 70000}) {
        for (const bool scalar : {false, true}) {
            INFO("chunks up to " << max_chunk << " bytes" << (scalar ? " (scalar)" : ""));
            REQUIRE(read_cut(g.text, with_scan(options, scalar),
                             random_cuts(rng, g.text.size(), max_chunk)) == whole);
        }
    }
}

TEST_CASE("a damaged generated file matches the reference parser in any chunking",
          "[csv][chunks][generated]") {
    std::mt19937 rng(4180);
    for (int round = 0; round < 12; ++round) {
        std::string text = generate(rng, 300, 1 + rng() % 6).text;
        // Stray quotes inserted and real ones deleted, never inside a multi-byte character.
        for (int damage = 0; damage < 6; ++damage) {
            const std::size_t at = rng() % text.size();
            if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;
            if (rng() % 3 == 0) {
                const std::size_t quote = text.find('"', at);
                if (quote != std::string::npos) text.erase(quote, 1);
            } else {
                text.insert(at, 1, '"');
            }
        }
        if (round % 3 ==
            1) {  // cut off anywhere, as the published 1 MiB excerpt was (not inside a character)
            std::size_t cut = text.size() / 2 + rng() % (text.size() / 2);
            while ((static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
            text.resize(cut);
        }
        Options options;
        options.max_problems = 100000;
        options.delimiter = ',';
        options.max_record_bytes = round % 2 == 0 ? 300 : 16u << 20;
        INFO("round " << round);
        const std::string whole = read_cut(text, options, {});
        REQUIRE(actual_outline(whole) ==
                expected_outline(reference_read(text, ',', options.max_record_bytes)));
        for (const std::size_t max_chunk : {3, 64, 2000}) {
            for (const bool scalar : {false, true}) {
                INFO("chunks up to " << max_chunk << " bytes" << (scalar ? " (scalar)" : ""));
                REQUIRE(read_cut(text, with_scan(options, scalar),
                                 random_cuts(rng, text.size(), max_chunk)) == whole);
            }
        }
    }
}
