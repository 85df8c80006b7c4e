#pragma once

#include <functional>
#include <string>

namespace tb::platform {

// What window.tuneboard answers with; each returns JSON text (frames: a number).
struct AutomationHooks {
    std::function<std::string()> state;
    std::function<std::string()> items;
    std::function<double()> frames;
    // Counts the tokens of `text` with `encoding` ("o200k_base", "cl100k_base"), once its tokenizer has
    // loaded; `done` gets the count, or -1 and why not.
    std::function<void(const std::string& text, const std::string& encoding,
                       std::function<void(double count, const std::string& error)> done)>
        count_tokens;
};

// Defines window.tuneboard = {state(), items(), frames(), countTokens(text, encoding) → Promise<number>}
// for tests and anyone scripting the app.
void install_automation(AutomationHooks hooks);

}  // namespace tb::platform
