#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "ui/style.h"

namespace tb::ui {

// The Compare step: every candidate's scores side by side, one candidate's per-class view, a paired
// test between two, the rows themselves, and the exports.
void draw_compare_panel(const workflow::State& state, const Fonts& fonts, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
