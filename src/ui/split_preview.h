#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/style.h"

namespace tb::ui {

// The split, one tab per part: a virtualised table with a search filter, the full text of the selected
// row, and a download of the whole split as CSV.
void draw_split_preview(const workflow::Dataset& dataset, const Fonts& fonts, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
