#pragma once

#include "core/frame/item_log.h"

namespace tb::ui {

// Where Dear ImGui's test-engine hooks record each widget's id, rectangle and label (nullptr: nowhere).
void record_items_into(frame::ItemLog* log);

}  // namespace tb::ui
