// The embeddings candidate's vector store (src/core/embed/vector_store.h): one contiguous block of floats
// looked up by text key, its memory limit said in words, and the cache key of a vector space.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "core/embed/vector_store.h"
#include "core/linear/vector_search.h"

using namespace tb::embed;

TEST_CASE("vectors are kept once each by text key, in one block of floats", "[embed]") {
    VectorStore store;
    std::string error;
    const std::uint64_t a = text_key("my card was charged twice"), b = text_key("the mortgage servicer lost my payment");
    CHECK(a != b);
    CHECK(text_key("my card was charged twice") == a);
    CHECK(store.dims() == 0);
    REQUIRE(store.add(a, std::vector<float>{1, 2, 3}, error));
    REQUIRE(store.add(b, std::vector<float>{4, 5, 6}, error));
    // The same text again keeps its first vector.
    REQUIRE(store.add(a, std::vector<float>{7, 8, 9}, error));
    CHECK(store.size() == 2);
    CHECK(store.bytes() == 6 * sizeof(float));
    CHECK(std::vector<float>(store.find(a).begin(), store.find(a).end()) == std::vector<float>{1, 2, 3});
    CHECK(std::vector<float>(store.find(b).begin(), store.find(b).end()) == std::vector<float>{4, 5, 6});
    CHECK(store.find(text_key("never asked")).empty());
    // Contiguous: the second vector starts where the first ends.
    CHECK(store.find(b).data() == store.find(a).data() + 3);

    CHECK_FALSE(store.add(text_key("x"), std::vector<float>{1, 2}, error));
    CHECK(error == "a vector of 2 numbers among vectors of 3");
    CHECK_FALSE(store.add(text_key("y"), std::vector<float>{1, std::numeric_limits<float>::quiet_NaN(), 3}, error));
    CHECK(error == "a vector holds a value that is not a number");
    CHECK(store.size() == 2);
}

TEST_CASE("the store refuses vectors past its memory limit, saying how much they would take", "[embed]") {
    // A limit of 40 bytes: ten floats, so three vectors of 3 fit and a fourth does not.
    VectorStore store(40);
    std::string error;
    for (int i = 0; i < 3; ++i) REQUIRE(store.add(static_cast<std::uint64_t>(i), std::vector<float>{1, 2, 3}, error));
    CHECK_FALSE(store.add(99, std::vector<float>{1, 2, 3}, error));
    CHECK(error == "The vectors of 4 rows (3 numbers each) would take 48 B; the page holds at most 40 B of vectors. "
                   "Ask for fewer dimensions, or learn from fewer rows.");
    CHECK(store.room_for(0, 3).empty());
    // At the default limit: 100,000 vectors of 1,536 fit, of 3,072 do not.
    const VectorStore page;
    CHECK(page.room_for(100000, 1536).empty());
    CHECK(page.room_for(100000, 3072) ==
          "The vectors of 100,000 rows (3072 numbers each) would take 1.23 GB; the page holds at most 1.07 GB of "
          "vectors. Ask for fewer dimensions, or learn from fewer rows.");
}

TEST_CASE("a vector space's key names the server, the model and the dimensions", "[embed]") {
    CHECK((VectorSpace{"https://api.openai.com/v1/", "text-embedding-3-small", 512}.key()) ==
          "https://api.openai.com/v1|text-embedding-3-small|512");
    CHECK((VectorSpace{"https://api.openai.com/v1", "text-embedding-3-small", 512}.key()) ==
          (VectorSpace{"https://api.openai.com/v1//", "text-embedding-3-small", 512}.key()));
    CHECK((VectorSpace{"http://127.0.0.1:11434/v1", "nomic-embed-text", 0}.key()) != (VectorSpace{"http://127.0.0.1:11434/v1", "nomic-embed-text", 256}.key()));
}

TEST_CASE("the classifier learns from the store's vectors where they are", "[embed]") {
    // Two classes of texts whose vectors lean to one of two axes; looked up by text key, as a run does.
    VectorStore store;
    std::string error;
    std::vector<std::size_t> train_rows, validation_rows;
    std::vector<int> train_labels, validation_labels;
    for (int i = 0; i < 40; ++i) {
        const int label = i % 2;
        const std::string text = "complaint " + std::to_string(i);
        const float wobble = static_cast<float>(i % 7) * 0.05f;
        REQUIRE(store.add(text_key(text), std::vector<float>{label == 0 ? 1.0f : wobble, label == 1 ? 1.0f : wobble, 0.5f}, error));
        const auto row = static_cast<std::size_t>(store.row_of(text_key(text)));
        (i < 30 ? train_rows : validation_rows).push_back(row);
        (i < 30 ? train_labels : validation_labels).push_back(label);
    }
    CHECK(store.row_of(text_key("never asked")) == -1);
    const std::vector<float> before = store.rows().values;
    tb::linear::VectorSearch search(store.rows(), train_rows, train_labels, validation_rows, validation_labels, {"a", "b"}, {});
    while (!search.done()) search.step(7);
    REQUIRE(search.error().empty());
    CHECK(search.trials()[*search.best()].accuracy == 1.0);
    CHECK(store.rows().values == before);  // read, never standardised in place
}
