#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/csv/table_sink.h"
#include "core/csv/writer.h"
#include "core/eval/file_labeller.h"

using namespace tb;

namespace {

// Answers "long" for texts over 10 bytes, else "short", and counts what it was asked.
class LengthLabeller : public eval::RowLabeller {
public:
    Answer label(const eval::RowQuestion& question) override {
        const std::string_view text = question.text;
        ++asked;
        return {text.size() > 10 ? 1 : 0, text.size() > 10 ? 0.75 : 0.5};
    }
    const std::vector<std::string>& classes() const override { return classes_; }
    std::string model_id() const override { return "model, \"v1\""; }
    int asked = 0;

private:
    std::vector<std::string> classes_ = {"short", "long"};
};

struct Read {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

Read read_all(std::string_view text) {
    csv::Reader reader;
    csv::TableSink sink;
    reader.feed(text, sink);
    reader.finish(sink);
    Read out{reader.header().names(), {}};
    for (const auto& row : sink.rows()) out.rows.push_back(row.fields);
    return out;
}

// The labeller fed `input` in pieces of `piece` bytes; its output taken away as it grows, as the app does.
std::string label_file(std::string_view input, eval::RowLabeller& labeller, eval::FileLabelSettings settings,
                       std::size_t piece, eval::FileLabeller** out_labeller = nullptr) {
    static std::unique_ptr<eval::FileLabeller> kept;
    kept = std::make_unique<eval::FileLabeller>(labeller, std::move(settings));
    std::string written;
    for (std::size_t at = 0; at < input.size(); at += piece) {
        const std::string copy(input.substr(at, piece));
        kept->feed(copy);
        written += kept->output();
        kept->output().clear();
    }
    kept->finish();
    written += kept->output();
    if (out_labeller != nullptr) *out_labeller = kept.get();
    return written;
}

const char* const kFile =
    "Complaint ID;Issue;Consumer complaint narrative;Note\r\n"
    "1;Debt;\"He said \"\"pay\"\"\nor else, twice\";x\r\n"
    "2;;short;\" padded \"\r\n"
    "3;Loan;\"multi\r\nline; with delimiter\";\"\"\n"
    "4;;a much longer text here;\"comma, inside\"\n"
    "5;Card;;\n";

}  // namespace

TEST_CASE("Labelling a file keeps every field and adds the answer's columns") {
    LengthLabeller labeller;
    for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
        const std::string out = label_file(kFile, labeller, {{}, "Consumer complaint narrative", "Issue", false}, piece);
        const Read original = read_all(kFile);
        const Read labelled = read_all(out);
        REQUIRE(labelled.header.size() == original.header.size() + 3);
        CHECK(labelled.header[4] == "predicted_label");
        CHECK(labelled.header[5] == "predicted_probability");
        CHECK(labelled.header[6] == "model");
        REQUIRE(labelled.rows.size() == original.rows.size());
        for (std::size_t r = 0; r < original.rows.size(); ++r) {
            const auto& row = labelled.rows[r];
            CHECK(std::vector<std::string>(row.begin(), row.begin() + 4) == original.rows[r]);
        }
        CHECK(labelled.rows[0][4] == "long");
        CHECK(labelled.rows[0][5] == "0.7500");
        CHECK(labelled.rows[0][6] == "model, \"v1\"");
        CHECK(labelled.rows[1][4] == "short");
        // No text: nothing to go on, so no answer.
        CHECK(labelled.rows[4][4].empty());
        CHECK(labelled.rows[4][6].empty());
    }
}

TEST_CASE("Only rows without a label get an answer, the others are written as they are") {
    LengthLabeller labeller;
    eval::FileLabeller* run = nullptr;
    const std::string out = label_file(kFile, labeller, {{}, "Consumer complaint narrative", "Issue", true}, 5, &run);
    const Read labelled = read_all(out);
    REQUIRE(labelled.rows.size() == 5);
    CHECK(labelled.rows[0][4].empty());  // "Debt"
    CHECK(labelled.rows[1][4] == "short");
    CHECK(labelled.rows[2][4].empty());  // "Loan"
    CHECK(labelled.rows[3][4] == "long");
    CHECK(labelled.rows[4][4].empty());  // labelled, and no text either
    CHECK(labeller.asked == 2);
    CHECK(run->rows() == 5);
    CHECK(run->labelled() == 2);
    CHECK(run->error().empty());
}

TEST_CASE("A label or text the file's reading counts as missing (blank, \"None\") counts so here too") {
    LengthLabeller labeller;
    eval::FileLabeller* run = nullptr;
    const std::string file = "id,Issue,Consumer complaint narrative\n1,None,a long enough text\n2, ,short\n3,Loan,None\n";
    const std::string out = label_file(file, labeller, {{}, "Consumer complaint narrative", "Issue", true}, 7, &run);
    const Read labelled = read_all(out);
    REQUIRE(labelled.rows.size() == 3);
    CHECK(labelled.rows[0][3] == "long");   // "None" is no label: answered
    CHECK(labelled.rows[1][3] == "short");  // a blank label: answered
    CHECK(labelled.rows[2][3].empty());     // "None" is no text either
    CHECK(run->labelled() == 2);
}

TEST_CASE("A file without the model's text column is refused with its name") {
    LengthLabeller labeller;
    eval::FileLabeller* run = nullptr;
    label_file("a,b\n1,2\n", labeller, {{}, "Consumer complaint narrative", "", false}, 100, &run);
    CHECK(run->error().find("\"Consumer complaint narrative\"") != std::string::npos);
    CHECK(run->rows() == 0);
}

TEST_CASE("A row the reader cannot pass on is reported with its row and byte") {
    LengthLabeller labeller;
    eval::FileLabeller* run = nullptr;
    const std::string out = label_file("id,text\n1,fine\n2,\"never closed\n", labeller, {{}, "text", "", false}, 100, &run);
    CHECK(read_all(out).rows.size() == 1);
    CHECK(run->lost_rows().find("row 2, byte 15") != std::string::npos);
}

TEST_CASE("Fields written by the CSV writer read back exactly (random fields)") {
    std::mt19937 random(7);
    const std::string alphabet = "ab ,;\"\r\n\t'x";
    for (int round = 0; round < 300; ++round) {
        const std::size_t columns = 1 + random() % 4;
        std::vector<std::vector<std::string>> rows(1 + random() % 5);
        std::string text;
        std::vector<std::string> header;
        for (std::size_t c = 0; c < columns; ++c) header.push_back("c" + std::to_string(c));
        std::vector<std::string_view> views(header.begin(), header.end());
        csv::append_record(text, views);
        for (auto& row : rows) {
            for (std::size_t c = 0; c < columns; ++c) {
                std::string field;
                const std::size_t length = random() % 6;
                for (std::size_t k = 0; k < length; ++k) field += alphabet[random() % alphabet.size()];
                row.push_back(field);
            }
            views.assign(row.begin(), row.end());
            csv::append_record(text, views);
        }
        const Read back = read_all(text);
        INFO(text);
        CHECK(back.header == header);
        CHECK(back.rows == rows);
    }
}
