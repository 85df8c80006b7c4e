#include <catch2/catch.hpp>

#include "core/api/chat.h"
#include "core/api/openai_dialect.h"
#include "core/data/hashing.h"

using namespace tb::api;

namespace {
ChatCall row_question(const std::string& text) {
    ChatCall call;
    call.model = "gpt-4o-mini-2024-07-18";
    call.messages = {{"system", "Name the product."}, {"user", text}};
    call.labels = {"Mortgage", "Student loan"};
    return call;
}
}  // namespace

TEST_CASE("a replay key is 16 hex digits of the asker, the method, the address and the body") {
    const Endpoint endpoint{"https://api.openai.com/v1", "sk-one", false};
    const HttpRequest request = openai::chat(endpoint, row_question("My escrow was miscalculated."));
    const std::string key = replay_key("split-1\nzero-shot/openai/gpt\n17", request);
    CHECK(key == tb::data::hex64(tb::data::hash_text("split-1\nzero-shot/openai/gpt\n17\nPOST\n" + request.url + "\n" +
                                                     request.body)));
    CHECK(key.size() == 16);
    CHECK(key.find_first_not_of("0123456789abcdef") == std::string::npos);

    // The same row asked again (after a reload, with the key entered again) has the same key…
    const Endpoint key_entered_again{"https://api.openai.com/v1", "sk-two", false};
    CHECK(replay_key("split-1\nzero-shot/openai/gpt\n17",
                     openai::chat(key_entered_again, row_question("My escrow was miscalculated."))) == key);
    // …and another row, another candidate, another split or another server, another one.
    CHECK(replay_key("split-1\nzero-shot/openai/gpt\n17", openai::chat(endpoint, row_question("My loan was sold."))) != key);
    CHECK(replay_key("split-1\nfew-shot/openai/gpt\n17", request) != key);
    CHECK(replay_key("split-2\nzero-shot/openai/gpt\n17", request) != key);
    HttpRequest elsewhere = request;
    elsewhere.url = "https://proxy.example/v1/chat/completions";
    CHECK(replay_key("split-1\nzero-shot/openai/gpt\n17", elsewhere) != key);
}

TEST_CASE("hex64 writes 16 lower-case digits, leading zeros kept") {
    CHECK(tb::data::hex64(0) == "0000000000000000");
    CHECK(tb::data::hex64(0xABCull) == "0000000000000abc");
    CHECK(tb::data::hex64(0xFFFFFFFFFFFFFFFFull) == "ffffffffffffffff");
}
