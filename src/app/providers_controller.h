#pragma once

#include <functional>
#include <map>
#include <string>

#include "app/request_runner.h"
#include "core/api/openai_dialect.h"
#include "core/workflow/state.h"

namespace tb::app {

// Keys, and the calls made with them. Keys live only here (and, when the person opts in, in the
// browser's storage): never in the State, its JSON, a saved experiment, a log or a URL.
class ProvidersController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    ProvidersController(workflow::State& state, Post post, RequestRunner& runner);

    void load_remembered_keys();
    // The person finished entering the key (Enter, paste or Use key): it is used from now on.
    void set_key(const std::string& profile, const std::string& key);
    void set_remember(const std::string& profile, bool remember);
    // The held key may go to the profile's base URL as it is now.
    void confirm_key(const std::string& profile);
    void forget(const std::string& profile);
    void test_connection(const std::string& profile);
    void cancel_test(const std::string& profile);

    // The base URL, and the key only when it may be sent there.
    api::Endpoint endpoint(const std::string& profile) const;
    // "Enter the API key for OpenAI in Providers first." when the profile needs a key it has not got, or
    // why its key is held back; empty when it can be asked.
    std::string missing_key(const std::string& profile) const;

private:
    workflow::State& state_;
    Post post_;
    RequestRunner& runner_;
    std::map<std::string, std::string> keys_;
    std::map<std::string, int> tests_;  // the Test connection call under way, by profile
};

}  // namespace tb::app
