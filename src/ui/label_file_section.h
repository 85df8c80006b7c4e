#pragma once

#include <vector>

#include "core/workflow/intents.h"

namespace tb::ui {

// "Label the file" (Compare step): the in-browser classifier's answer for every row of the open file,
// written as a new CSV with the file's own columns; progress, rows/s, time left and Cancel while it runs.
void draw_label_file(const workflow::State& state, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
