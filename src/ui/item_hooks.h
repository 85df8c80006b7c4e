#pragma once

#include <string_view>

#include "core/frame/item_log.h"

namespace tb::ui {

// Where Dear ImGui's test-engine hooks record each widget's id, rectangle and label (nullptr: nowhere).
void record_items_into(frame::ItemLog* log);

// Text is not a widget, so ImGui reports no rectangle for it. This records the last item drawn (a text)
// under `label`, so automation finds a sentence the page shows as it finds a button.
void record_last_item(std::string_view label);

}  // namespace tb::ui
