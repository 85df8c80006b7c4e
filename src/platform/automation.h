#pragma once

#include <functional>
#include <string>

namespace tb::platform {

// What window.tuneboard answers with; each returns JSON text (frames: a number).
struct AutomationHooks {
    std::function<std::string()> state;
    std::function<std::string()> items;
    std::function<double()> frames;
};

// Defines window.tuneboard = {state(), items(), frames()} for tests and anyone scripting the app.
void install_automation(AutomationHooks hooks);

}  // namespace tb::platform
