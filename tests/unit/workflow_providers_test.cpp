#include <catch2/catch.hpp>

#include "core/workflow/intents.h"
#include "core/workflow/providers_settings.h"

using namespace tb;
using workflow::ConnectionTest;
using workflow::ProvidersState;

namespace {
const std::string kProxy = "https://proxy.example/v1";
const std::string kOther = "https://elsewhere.example/v1";

api::Profile& openai(ProvidersState& providers) { return *providers.find("openai"); }
}  // namespace

TEST_CASE("provider settings come back whole: selection, base URLs, listed models, never a key") {
    ProvidersState before;
    before.selected = "custom";
    before.find("custom")->base_url = "https://my-proxy.example/v1";
    openai(before).base_url = kProxy;
    api::ModelInfo model{"gpt-4o-mini", "openai", 0, std::string("2027-01-14")};
    before.tests["openai"] = ConnectionTest{ConnectionTest::Phase::Ok, {model, {"ft:x", "me", 0, std::nullopt}}, {}};
    before.tests["together"] = ConnectionTest{ConnectionTest::Phase::Failed, {}, "HTTP 401"};
    before.has_key["openai"] = true;
    before.remember_key["openai"] = true;
    before.key_for["openai"] = kProxy;

    const nlohmann::json saved = workflow::providers_settings_json(before);
    const std::string text = saved.dump();
    CHECK(text.find("hasKey") == std::string::npos);
    CHECK(text.find("key_for") == std::string::npos);
    CHECK(text.find("remember") == std::string::npos);

    ProvidersState after;
    CHECK(workflow::restore_providers_settings(after, nlohmann::json::parse(text)).empty());
    CHECK(after.selected == "custom");
    CHECK(after.find("custom")->base_url == "https://my-proxy.example/v1");
    CHECK(openai(after).base_url == kProxy);
    CHECK(after.find("azure")->base_url == "https://RESOURCE.openai.azure.com/openai/v1");
    REQUIRE(after.tests.count("openai") == 1);
    const ConnectionTest& test = after.tests["openai"];
    CHECK(test.phase == ConnectionTest::Phase::Ok);
    CHECK(test.saved);
    REQUIRE(test.models.size() == 2);
    CHECK(test.models[0].id == "gpt-4o-mini");
    CHECK(test.models[0].owned_by == "openai");
    CHECK(test.models[0].shutdown_date == std::optional<std::string>("2027-01-14"));
    CHECK_FALSE(test.models[1].shutdown_date);
    CHECK(after.tests.count("together") == 0);  // a failure is not worth keeping
    CHECK(after.has_key.empty());                // keys are the key store's alone
}

TEST_CASE("damaged provider settings are said, and what is good in them still comes back") {
    ProvidersState providers;
    CHECK(workflow::restore_providers_settings(providers, nlohmann::json::array()) ==
          "the saved provider settings are not a JSON object; the defaults are used.");
    CHECK(workflow::restore_providers_settings(providers, {{"version", 99}}).find("newer Tuneboard") != std::string::npos);

    const std::string huge(3000, 'a');
    const auto json = nlohmann::json::parse(R"({"version": 1, "selected": "nope", "profiles": {
        "gone": {"baseUrl": "https://x"}, "openai": {"baseUrl": 5, "models": "many"},
        "nebius": {"baseUrl": "https://neb.example/v1", "models": [{"id": 3}, {"id": "m"}]}}})");
    auto with_huge = json;
    with_huge["profiles"]["together"] = {{"baseUrl", huge}};
    const std::string problem = workflow::restore_providers_settings(providers, with_huge);
    CHECK(problem == "The saved base URL of Together AI is 3000 characters long, which no address is: its default is used.");
    CHECK(providers.selected == "openai");
    CHECK(openai(providers).base_url == "https://api.openai.com/v1");
    CHECK(providers.find("together")->base_url == "https://api.together.ai/v1");
    CHECK(providers.find("nebius")->base_url == "https://neb.example/v1");
    REQUIRE(providers.tests["nebius"].models.size() == 1);
    CHECK(providers.tests["nebius"].models[0].id == "m");
}

TEST_CASE("changing a base URL or the selection marks the settings for saving, the same value does not") {
    workflow::State state;
    workflow::apply(state, workflow::SetBaseUrl{"openai", "https://api.openai.com/v1"});
    CHECK_FALSE(state.providers.unsaved);
    workflow::apply(state, workflow::SetBaseUrl{"openai", kProxy});
    CHECK(state.providers.unsaved);
    state.providers.unsaved = false;
    workflow::apply(state, workflow::SelectProfile{"openai"});
    CHECK_FALSE(state.providers.unsaved);
    workflow::apply(state, workflow::SelectProfile{"nebius"});
    CHECK(state.providers.unsaved);
}

TEST_CASE("a remembered key goes only to the base URL it was kept for, until the person confirms another") {
    ProvidersState providers;
    openai(providers).base_url = kProxy;
    providers.key_restored("openai", kProxy);
    CHECK(providers.key_hold("openai").empty());

    // A link (or a reset) points the profile elsewhere: the key is held back, and the message says where.
    openai(providers).base_url = kOther;
    const std::string held = providers.key_hold("openai");
    CHECK(held == "The key kept for OpenAI was meant for " + kProxy + ", and the base URL is now " + kOther +
                      ": it is not sent there until you confirm it in Providers first (Send key to this URL).");
    // Ticking or unticking Remember is no confirmation.
    providers.set_remember("openai", false);
    CHECK_FALSE(providers.key_hold("openai").empty());
    providers.set_remember("openai", true);
    CHECK_FALSE(providers.key_hold("openai").empty());

    providers.confirm_key("openai");
    CHECK(providers.key_hold("openai").empty());
    CHECK(providers.key_for["openai"] == kOther);

    // Back to the first address: it now needs confirming in turn.
    openai(providers).base_url = kProxy;
    CHECK_FALSE(providers.key_hold("openai").empty());
    providers.key_forgotten("openai");
    CHECK(providers.key_hold("openai").empty());
    CHECK_FALSE(providers.has_key["openai"]);
}

TEST_CASE("a key kept by a version that recorded no address needs confirming once") {
    ProvidersState providers;
    providers.key_restored("openai", "");
    CHECK(providers.key_hold("openai").find("an address this browser did not record") != std::string::npos);
    providers.confirm_key("openai");
    CHECK(providers.key_hold("openai").empty());
}

TEST_CASE("a key typed now follows the person's own base URL edits unless it is remembered") {
    ProvidersState providers;
    providers.key_entered("openai");
    openai(providers).base_url = kProxy;
    CHECK(providers.key_hold("openai").empty());

    providers.set_remember("openai", true);
    CHECK(providers.key_for["openai"] == kProxy);
    openai(providers).base_url = kOther;
    CHECK_FALSE(providers.key_hold("openai").empty());
    // A new key entered while remembering is for the address in view.
    providers.key_entered("openai");
    CHECK(providers.key_hold("openai").empty());
    CHECK(providers.key_for["openai"] == kOther);
    // Unticking a key that is not held lets it follow again.
    providers.set_remember("openai", false);
    CHECK(providers.key_for.count("openai") == 0);
}

TEST_CASE("the state shows whether a key is held and where it may go, never the key") {
    ProvidersState providers;
    providers.key_restored("openai", kProxy);
    const nlohmann::json json = workflow::providers_json(providers);
    const auto& item = json["profiles"][0];
    CHECK(item["id"] == "openai");
    CHECK(item["keyHeld"] == true);
    CHECK(item["keyFor"] == kProxy);
    CHECK(json["profiles"][1]["keyFor"].is_null());
}

TEST_CASE("a link over restored settings moves the profile, and a key remembered for the old address is held") {
    ProvidersState providers;
    openai(providers).base_url = kProxy;
    providers.tests["openai"] = ConnectionTest{ConnectionTest::Phase::Ok, {{"m", "me", 0, std::nullopt}}, {}, true};
    providers.key_restored("openai", kProxy);

    const auto link = api::parse_link_fragment("#provider=openai&base=https%3A%2F%2Felsewhere.example%2Fv1");
    REQUIRE(link);
    workflow::apply_link(providers, *link);
    CHECK(providers.selected == "openai");
    CHECK(providers.open);
    CHECK(openai(providers).base_url == kOther);
    CHECK(providers.tests.count("openai") == 0);
    CHECK_FALSE(providers.key_hold("openai").empty());
    CHECK_FALSE(providers.unsaved);

    // A link to the address the key was kept for changes nothing.
    ProvidersState same;
    same.key_restored("nebius", "https://api.tokenfactory.nebius.com/v1");
    workflow::apply_link(same, *api::parse_link_fragment("#provider=nebius&base=https%3A%2F%2Fapi.tokenfactory.nebius.com%2Fv1"));
    CHECK(same.selected == "nebius");
    CHECK(same.key_hold("nebius").empty());
}
