#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "core/tokens/encoding.h"
#include "token_fixtures.h"

using tb::tokens::Encoding;
using tb::tokens::encoding_for_model;

TEST_CASE("encodings by name") {
    CHECK(tb::tokens::encoding_name(Encoding::O200kBase) == "o200k_base");
    CHECK(tb::tokens::encoding_name(Encoding::Cl100kBase) == "cl100k_base");
    CHECK(tb::tokens::encoding_from_name("cl100k_base") == Encoding::Cl100kBase);
    CHECK(tb::tokens::encoding_from_name("o200k_base") == Encoding::O200kBase);
    CHECK_FALSE(tb::tokens::encoding_from_name("p50k_base"));
}

TEST_CASE("models count with their family's encoding, fine-tuned ones with their base model's") {
    for (const char* model : {"gpt-4o", "gpt-4o-mini-2024-07-18", "chatgpt-4o-latest", "gpt-4.1-nano",
                              "gpt-4.5-preview", "o1", "o1-mini", "o3-mini-2025-01-31", "o4-mini", "gpt-5",
                              "gpt-5-mini", "gpt-5.1",
                              "ft:gpt-4o-mini-2024-07-18:acme::9abc", "ft:gpt-4.1-2025-04-14:acme:labels:Bx1"}) {
        INFO(model);
        CHECK(encoding_for_model(model) == Encoding::O200kBase);
    }
    for (const char* model : {"gpt-4", "gpt-4-0613", "gpt-4-turbo", "gpt-4-32k", "gpt-3.5-turbo", "gpt-35-turbo",
                              "gpt-3.5-turbo-0125", "text-embedding-3-small", "text-embedding-ada-002",
                              "ft:gpt-3.5-turbo-0125:acme::8xyz"}) {
        INFO(model);
        CHECK(encoding_for_model(model) == Encoding::Cl100kBase);
    }
    for (const char* model : {"", "gpt-4x", "gpt-2", "o", "omni", "davinci-002", "text-davinci-003",
                              "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "ft:", "ft:davinci-002:acme::1"}) {
        INFO(model);
        CHECK_FALSE(encoding_for_model(model));
    }
}

TEST_CASE("every model js-tiktoken names gets the encoding js-tiktoken gives it") {
    std::istringstream table(tb::test::read_file(tb::test::token_fixture_path("models.txt")));
    int models = 0;
    for (std::string model, encoding; table >> model >> encoding; ++models) {
        INFO(model << " " << encoding);
        const auto ours = encoding_for_model(model);
        if (encoding == "none") {
            CHECK_FALSE(ours);
        } else {
            REQUIRE(ours);
            CHECK(tb::tokens::encoding_name(*ours) == encoding);
        }
    }
    CHECK(models > 90);
}
