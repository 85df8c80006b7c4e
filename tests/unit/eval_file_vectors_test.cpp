#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/csv/table_sink.h"
#include "core/embed/vector_requests.h"
#include "core/embed/vector_store.h"
#include "core/eval/calibration.h"
#include "core/eval/file_vectors.h"

using namespace tb;

namespace {

// Two dimensions, two classes: a vector along the first axis is "card", along the second "loan", each
// with probability e / (e + 1) (the logits 1 and 0), no standardising.
linear::VectorModel axis_model() {
    linear::Standardiser unit{{0.f, 0.f}, {1.f, 1.f}};
    return linear::VectorModel({"card", "loan"}, unit, {1.f, 0.f, 0.f, 1.f}, {0.f, 0.f}, 1);
}
const double kSure = std::exp(1.0) / (std::exp(1.0) + 1);

std::vector<std::vector<std::string>> rows_of(const std::string& text) {
    csv::Reader reader;
    csv::TableSink sink;
    reader.feed(text, sink);
    reader.finish(sink);
    std::vector<std::vector<std::string>> out;
    for (const auto& row : sink.rows()) out.push_back(row.fields);
    return out;
}

const char* const kFile =
    "id,text\n"
    "1,held text\n"   // its vector is in the page: answered at once
    "2,beta\n"        // asked
    "3,\n"            // no text: blank columns, written in its place
    "4,beta\n"        // the same text again: not asked twice
    "5,gamma\n";      // asked

}  // namespace

TEST_CASE("Rows wait for their vectors and are written in the file's order once answered") {
    embed::VectorStore store;
    std::string error;
    const std::vector<float> card = {1.f, 0.f}, loan = {0.f, 1.f};
    REQUIRE(store.add(embed::text_key("held text"), card, error));
    eval::VectorRowLabeller labeller("text-embedding-3-small", [&](std::uint64_t key) { return store.find(key); });
    labeller.set_model(axis_model(), 1);
    eval::FileLabeller file(labeller, {{}, "text", "", false});
    file.feed(kFile);
    file.finish();
    // Row 1 answered from the held vector; row 2 waits, and every row after it with it.
    CHECK(rows_of(file.output()).size() == 1);
    CHECK(file.held() == 4);
    CHECK(labeller.rows_from_held() == 1);
    CHECK(labeller.waiting() == 2);
    CHECK(labeller.to_ask() == 2);

    api::EmbeddingBatchLimits one;
    one.max_inputs = 1;
    const std::vector<eval::VectorRowLabeller::Question> first = labeller.take(one, 2);
    REQUIRE(first.size() == 1);
    CHECK(first[0].text == "beta");
    CHECK(first[0].key == embed::text_key("beta"));
    const std::vector<eval::VectorRowLabeller::Question> second = labeller.take({}, 2);
    REQUIRE(second.size() == 1);
    CHECK(second[0].text == "gamma");
    CHECK(labeller.texts_asked() == 2);
    CHECK(labeller.to_ask() == 0);

    // The later text answered first: nothing can be written past row 2 yet.
    labeller.answer(second, std::vector<std::vector<float>>{card});
    file.release();
    CHECK(file.held() == 4);
    labeller.answer(first, std::vector<std::vector<float>>{loan});
    CHECK(labeller.waiting() == 2);  // answered, not yet written
    file.release();
    CHECK(file.held() == 0);
    CHECK(labeller.waiting() == 0);

    const auto rows = rows_of(file.output());
    REQUIRE(rows.size() == 5);
    const std::vector<std::string> labels = {"card", "loan", "", "loan", "card"};
    char sure[16];
    std::snprintf(sure, sizeof sure, "%.4f", kSure);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        INFO("row " << r + 1);
        REQUIRE(rows[r].size() == 5);
        CHECK(rows[r][0] == std::to_string(r + 1));
        CHECK(rows[r][2] == labels[r]);
        CHECK(rows[r][3] == (labels[r].empty() ? "" : sure));
        CHECK(rows[r][4] == (labels[r].empty() ? "" : "text-embedding-3-small"));
    }
    CHECK(file.rows() == 5);
    CHECK(file.labelled() == 4);
}

TEST_CASE("A calibrated labeller sharpens its probabilities, a failed or wrong-length vector leaves the row blank") {
    eval::VectorRowLabeller labeller("m", {});
    labeller.set_model(axis_model(), 2);
    eval::FileLabeller file(labeller, {{}, "text", "", false});
    file.feed("id,text\n1,a\n2,b\n3,c\n");
    file.finish();
    const auto asked = labeller.take({}, 2);
    REQUIRE(asked.size() == 3);
    labeller.answer(std::span(asked).subspan(0, 1), std::vector<std::vector<float>>{{1.f, 0.f}});
    labeller.forget(std::span(asked).subspan(1, 1));
    labeller.answer(std::span(asked).subspan(2, 1), std::vector<std::vector<float>>{{1.f, 0.f, 0.f}});
    file.release();
    const auto rows = rows_of(file.output());
    REQUIRE(rows.size() == 3);
    // β = 2: e² / (e² + 1).
    char sharp[16];
    std::snprintf(sharp, sizeof sharp, "%.4f", std::exp(2.0) / (std::exp(2.0) + 1));
    CHECK(rows[0][2] == "card");
    CHECK(rows[0][3] == sharp);
    CHECK(rows[1][2].empty());
    CHECK(rows[2][2].empty());
    CHECK(file.labelled() == 1);
    CHECK(labeller.waiting() == 0);
}

TEST_CASE("The text asked is the one the evaluation embeds: cut at its limit") {
    eval::VectorRowLabeller labeller("m", {});
    labeller.set_model(axis_model(), 1);
    eval::FileLabeller file(labeller, {{}, "text", "", false});
    const std::string long_text(embed::kMaxEmbeddedTextBytes + 100, 'x');
    file.feed("id,text\n1," + long_text + "\n");
    file.finish();
    const auto asked = labeller.take({}, 2);
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].text.size() == embed::kMaxEmbeddedTextBytes);
    CHECK(asked[0].key == embed::text_key(std::string(embed::kMaxEmbeddedTextBytes, 'x')));
}

TEST_CASE("A request takes as many texts as the provider's limits allow") {
    eval::VectorRowLabeller labeller("m", {});
    labeller.set_model(axis_model(), 1);
    eval::FileLabeller file(labeller, {{}, "text", "", false});
    // Estimated at a token per 3 bytes: 300 bytes are 100 tokens.
    file.feed("id,text\n1," + std::string(300, 'a') + "\n2," + std::string(300, 'b') + "\n3," + std::string(300, 'c') + "\n");
    file.finish();
    api::EmbeddingBatchLimits limits;
    limits.max_tokens = 250;  // two texts a request
    CHECK(labeller.take(limits, 2).size() == 2);
    CHECK(labeller.take(limits, 2).size() == 1);
    CHECK(labeller.take(limits, 2).empty());
    CHECK(labeller.texts_asked() == 3);
}

TEST_CASE("The classifier's probabilities are calibrated on the validation rows it holds vectors of") {
    embed::VectorStore store;
    std::string error;
    REQUIRE(store.add(embed::text_key("c1"), std::vector<float>{1.f, 0.f}, error));
    REQUIRE(store.add(embed::text_key("l1"), std::vector<float>{0.f, 1.f}, error));
    const auto row = [](std::string text, std::string label) {
        data::SplitRow r;
        r.label = std::move(label);
        r.fields = {std::move(text)};
        return r;
    };
    // Every validation row right: the sharper the better, up to the search's end.
    CHECK(eval::calibrate(axis_model(), store, {row("c1", "card"), row("l1", "loan"), row("unheld", "card")}, 0) ==
          Approx(eval::kMaxBeta).epsilon(0.01));
    // Right as often as wrong: flatter than the model's own (β below 1).
    CHECK(eval::calibrate(axis_model(), store, {row("c1", "card"), row("c1", "loan"), row("l1", "loan"), row("l1", "card")}, 0) <
          0.2);
    // No row with a vector and a known class: left as it is.
    CHECK(eval::calibrate(axis_model(), store, {row("unheld", "card"), row("c1", "other")}, 0) == 1);
}
