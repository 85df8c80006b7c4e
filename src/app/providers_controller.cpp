#include "app/providers_controller.h"

#include "platform/key_store.h"

namespace tb::app {

namespace {
using workflow::ConnectionTest;
using Level = workflow::Status::Level;
}  // namespace

ProvidersController::ProvidersController(workflow::State& state, Post post, RequestRunner& runner)
    : state_(state), post_(std::move(post)), runner_(runner) {}

void ProvidersController::load_remembered_keys() {
    for (const api::Profile& profile : state_.providers.profiles) {
        if (auto key = platform::remembered_key(profile.id)) {
            keys_[profile.id] = std::move(*key);
            state_.providers.has_key[profile.id] = true;
            state_.providers.remember_key[profile.id] = true;
        }
    }
}

void ProvidersController::set_key(const std::string& profile, const std::string& key) {
    keys_[profile] = key;
    state_.providers.has_key[profile] = !key.empty();
    state_.providers.tests.erase(profile);
    if (state_.providers.remember_key[profile]) {
        if (key.empty()) {
            platform::forget_key(profile);
        } else {
            platform::remember_key(profile, key);
        }
    }
}

void ProvidersController::set_remember(const std::string& profile, bool remember) {
    state_.providers.remember_key[profile] = remember;
    const auto key = keys_.find(profile);
    if (remember && key != keys_.end() && !key->second.empty()) {
        platform::remember_key(profile, key->second);
    } else if (!remember) {
        platform::forget_key(profile);
    }
}

void ProvidersController::forget(const std::string& profile) {
    keys_.erase(profile);
    platform::forget_key(profile);
    state_.providers.has_key[profile] = false;
    state_.providers.remember_key[profile] = false;
    state_.providers.tests.erase(profile);
    state_.set_status(Level::Info, "The key for this provider is forgotten, here and on this device.");
}

api::Endpoint ProvidersController::endpoint(const std::string& profile) const {
    const api::Profile* found = state_.providers.find(profile);
    const auto key = keys_.find(profile);
    return api::Endpoint{found ? found->base_url : std::string(), key == keys_.end() ? std::string() : key->second,
                         found != nullptr && found->azure_key_header};
}

std::string ProvidersController::missing_key(const std::string& profile_id) const {
    const api::Profile* profile = state_.providers.find(profile_id);
    if (profile == nullptr) return "There is no provider \"" + profile_id + "\".";
    if (profile->needs_key && endpoint(profile_id).key.empty()) {
        return "Enter the API key for " + profile->name + " in Providers first.";
    }
    return {};
}

void ProvidersController::test_connection(const std::string& profile_id) {
    const api::Profile* profile = state_.providers.find(profile_id);
    if (profile == nullptr) return;
    ConnectionTest& test = state_.providers.tests[profile_id];
    if (const std::string problem = api::check_base_url(profile->base_url); !problem.empty()) {
        test.phase = ConnectionTest::Phase::Failed;
        test.error = problem;
        return;
    }
    if (profile->needs_key && keys_[profile_id].empty()) {
        test.phase = ConnectionTest::Phase::Failed;
        test.error = "Enter this provider's API key first.";
        return;
    }
    test = ConnectionTest{ConnectionTest::Phase::Testing, {}, {}};
    runner_.send(profile_id, api::openai::list_models(endpoint(profile_id)), api::RetryPolicy{}, [this, profile_id](api::HttpResponse response) {
        post_([profile_id, response = std::move(response)](workflow::State& state) {
            ConnectionTest& result = state.providers.tests[profile_id];
            const auto models = api::openai::parse_models(response);
            if (const auto* list = api::value_of(models)) {
                result = ConnectionTest{ConnectionTest::Phase::Ok, *list, {}};
                state.set_status(Level::Info, "Connected: " + std::to_string(list->size()) + " models available.");
            } else {
                result = ConnectionTest{ConnectionTest::Phase::Failed, {}, api::describe(std::get<api::ApiError>(models))};
                state.set_status(Level::Error, result.error);
            }
        });
    });
}

}  // namespace tb::app
