// Which texts an embeddings run still asks for, at what cost in tokens, in which requests
// (src/core/embed/vector_requests.h): nothing asked twice, in the store or in flight.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/embed/vector_requests.h"

using namespace tb::embed;

namespace {

std::vector<NeededText> needed_of(const std::vector<std::string>& texts, std::int64_t tokens_each) {
    std::vector<NeededText> out;
    for (const std::string& text : texts) out.push_back({text_key(text), text, tokens_each});
    return out;
}

}  // namespace

TEST_CASE("a text in the store, in flight, or already listed is not asked again", "[embed]") {
    const std::vector<std::string> texts = {"card charged twice", "late fee", "mortgage payment lost", "late fee",
                                            "student loan", "card charged twice"};
    const std::vector<NeededText> needed = needed_of(texts, 10);
    VectorStore store;
    std::string error;
    REQUIRE(store.add(text_key("late fee"), std::vector<float>{1, 0}, error));
    const std::unordered_set<std::uint64_t> in_flight = {text_key("student loan")};
    const std::vector<NeededText> to_ask = still_to_ask(needed, store, in_flight);
    REQUIRE(to_ask.size() == 2);
    CHECK(to_ask[0].text == "card charged twice");
    CHECK(to_ask[1].text == "mortgage payment lost");
    CHECK(tokens_to_ask(to_ask) == 20);
    // Once their vectors are in, nothing is left.
    for (const NeededText& t : to_ask) REQUIRE(store.add(t.key, std::vector<float>{0, 1}, error));
    CHECK(still_to_ask(needed, store, in_flight).size() == 0);
}

TEST_CASE("requests stay within the provider's limits, a long text counted at its cut length", "[embed]") {
    std::vector<std::string> texts;
    for (int i = 0; i < 10; ++i) texts.push_back("complaint " + std::to_string(i));
    std::vector<NeededText> to_ask = needed_of(texts, 100);
    to_ask[3].tokens = 50'000;  // cut to 8,192 before it is sent
    CHECK(tokens_to_ask(to_ask) == 9 * 100 + 8192);
    tb::api::EmbeddingBatchLimits limits;
    limits.max_inputs = 4;
    limits.max_tokens = 8400;
    // At most 4 inputs and 8,400 tokens: the long text does not fit after 300 tokens, so [0, 3); it goes
    // with two more (8,192 + 200 ≤ 8,400), [3, 6); then four short ones.
    const auto batches = next_requests(to_ask, limits, 256, 100);
    REQUIRE(batches.size() == 3);
    CHECK(batches[0] == std::pair<std::size_t, std::size_t>{0, 3});
    CHECK(batches[1] == std::pair<std::size_t, std::size_t>{3, 6});
    CHECK(batches[2] == std::pair<std::size_t, std::size_t>{6, 10});
    CHECK(next_requests(to_ask, limits, 256, 2).size() == 2);
}
