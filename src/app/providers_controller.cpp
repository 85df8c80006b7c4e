#include "app/providers_controller.h"

#include "platform/key_store.h"

namespace tb::app {

namespace {
using workflow::ConnectionTest;
using Level = workflow::Status::Level;

// The person is waiting: one timeout is an answer (retrying would make them wait as long again), while a
// 429 or a 5xx is still worth the usual retries.
constexpr api::RetryPolicy kTestPolicy{2, 60, /*retry_timeouts=*/false};
}  // namespace

ProvidersController::ProvidersController(workflow::State& state, Post post, RequestRunner& runner)
    : state_(state), post_(std::move(post)), runner_(runner) {}

void ProvidersController::load_remembered_keys() {
    for (const api::Profile& profile : state_.providers.profiles) {
        if (auto remembered = platform::remembered_key(profile.id)) {
            keys_[profile.id] = std::move(remembered->key);
            state_.providers.key_restored(profile.id, remembered->base_url);
        }
    }
}

void ProvidersController::set_key(const std::string& profile, const std::string& key) {
    if (key.empty()) return;  // an empty field is no key: Forget removes one
    keys_[profile] = key;
    state_.providers.key_entered(profile);
    if (state_.providers.key_remembered(profile)) platform::remember_key(profile, key, state_.providers.key_for[profile]);
}

void ProvidersController::set_remember(const std::string& profile, bool remember) {
    state_.providers.set_remember(profile, remember);
    const auto key = keys_.find(profile);
    if (remember && key != keys_.end() && !key->second.empty()) {
        platform::remember_key(profile, key->second, state_.providers.key_for[profile]);
    } else if (!remember) {
        platform::forget_key(profile);
    }
}

void ProvidersController::confirm_key(const std::string& profile) {
    state_.providers.confirm_key(profile);
    const auto key = keys_.find(profile);
    if (state_.providers.key_remembered(profile) && key != keys_.end()) {
        platform::remember_key(profile, key->second, state_.providers.key_for[profile]);
    }
    if (const api::Profile* found = state_.providers.find(profile)) {
        state_.set_status(Level::Info, "The key for " + found->name + " now goes to " + found->base_url + ".");
    }
}

void ProvidersController::forget(const std::string& profile) {
    keys_.erase(profile);
    platform::forget_key(profile);
    state_.providers.key_forgotten(profile);
    state_.set_status(Level::Info, "The key for this provider is forgotten, here and on this device.");
}

api::Endpoint ProvidersController::endpoint(const std::string& profile) const {
    const api::Profile* found = state_.providers.find(profile);
    const auto key = keys_.find(profile);
    const bool may_send = key != keys_.end() && state_.providers.key_hold(profile).empty();
    return api::Endpoint{found ? found->base_url : std::string(), may_send ? key->second : std::string(),
                         found != nullptr && found->azure_key_header};
}

std::string ProvidersController::missing_key(const std::string& profile_id) const {
    const api::Profile* profile = state_.providers.find(profile_id);
    if (profile == nullptr) return "There is no provider \"" + profile_id + "\".";
    if (const std::string held = state_.providers.key_hold(profile_id); !held.empty()) return held;
    if (profile->needs_key && endpoint(profile_id).key.empty()) {
        return "Enter the API key for " + profile->name + " in Providers first.";
    }
    return {};
}

void ProvidersController::test_connection(const std::string& profile_id) {
    const api::Profile* profile = state_.providers.find(profile_id);
    if (profile == nullptr) return;
    cancel_test(profile_id);
    ConnectionTest& test = state_.providers.tests[profile_id];
    if (const std::string problem = api::check_base_url(profile->base_url); !problem.empty()) {
        test = ConnectionTest{ConnectionTest::Phase::Failed, {}, problem};
        return;
    }
    if (const std::string missing = missing_key(profile_id); !missing.empty()) {
        test = ConnectionTest{ConnectionTest::Phase::Failed, {}, missing};
        return;
    }
    test = ConnectionTest{ConnectionTest::Phase::Testing, {}, {}};
    tests_[profile_id] = runner_.send(profile_id, api::openai::list_models(endpoint(profile_id)), kTestPolicy,
                                      [this, profile_id](api::HttpResponse response) {
        tests_.erase(profile_id);
        post_([profile_id, response = std::move(response)](workflow::State& state) {
            ConnectionTest& result = state.providers.tests[profile_id];
            const auto models = api::openai::parse_models(response);
            if (const auto* list = api::value_of(models)) {
                result = ConnectionTest{ConnectionTest::Phase::Ok, *list, {}};
                state.providers.unsaved = true;  // the list is kept for the model pickers
                state.set_status(Level::Info, "Connected: " + std::to_string(list->size()) + " models available.");
            } else {
                result = ConnectionTest{ConnectionTest::Phase::Failed, {}, api::describe(std::get<api::ApiError>(models))};
                state.set_status(Level::Error, result.error);
            }
        });
    });
}

void ProvidersController::cancel_test(const std::string& profile_id) {
    const auto running = tests_.find(profile_id);
    if (running == tests_.end()) return;
    runner_.cancel(running->second);
    tests_.erase(running);
    state_.providers.tests.erase(profile_id);
    state_.set_status(Level::Info, "Test connection cancelled.");
}

}  // namespace tb::app
