#pragma once

#include <string>

#include <imgui.h>

namespace tb::ui {

// A text field over a value the app owns: while focused it edits its own draft (so the person's typing
// is never overwritten by the value it is about to change), otherwise it shows the value.
class DraftText {
public:
    // Returns true when the draft changed this frame. `size.y > 0` makes it multi-line.
    bool input(const char* label, const std::string& value, ImVec2 size = ImVec2(0, 0), ImGuiInputTextFlags flags = 0);
    const std::string& text() const { return draft_; }
    // Wipes the draft (a key once used is not kept in the field).
    void clear();

private:
    std::string draft_;
    bool active_ = false;
};

}  // namespace tb::ui
