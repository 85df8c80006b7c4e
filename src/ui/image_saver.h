#pragma once

#include <string>

#include <imgui.h>

namespace tb::ui {

// Images saved from the screen (Export PNG): the pixels are read after the frame, so a rectangle partly
// scrolled out of view is first scrolled in and saved the next frame (or as it is, if it cannot be wholly
// shown). One image at a time waits so; one saver serves the whole page.
class ImageSaver {
public:
    // Whether to save the pixels of [min, max) after this frame: asked now (or waiting since an earlier
    // frame) and in view. `key` names the image among those that may be waiting.
    bool ready(const std::string& key, bool asked, ImVec2 min, ImVec2 max);

private:
    std::string waiting_for_view_;  // the key of the image scrolled into view last frame, or empty
};

}  // namespace tb::ui
