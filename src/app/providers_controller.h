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
    void set_key(const std::string& profile, const std::string& key);
    void set_remember(const std::string& profile, bool remember);
    void forget(const std::string& profile);
    void test_connection(const std::string& profile);

    api::Endpoint endpoint(const std::string& profile) const;
    // "Enter the API key for OpenAI in Providers first." when the profile needs a key it has not got;
    // empty when it can be asked.
    std::string missing_key(const std::string& profile) const;

private:
    workflow::State& state_;
    Post post_;
    RequestRunner& runner_;
    std::map<std::string, std::string> keys_;
};

}  // namespace tb::app
