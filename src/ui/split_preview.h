#pragma once

#include <cstdint>
#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/style.h"

namespace tb::ui {

// The split, one tab per part: a virtualised table with a search filter, the full text of the selected
// row, and a download of the whole split as CSV.
class SplitPreview {
public:
    void draw(const workflow::Dataset& dataset, const Fonts& fonts, std::vector<workflow::Intent>& intents);

private:
    int part_ = 0;                    // the tab open: train, validation or test
    std::uint64_t selected_row_ = 0;  // by its row number in the file
    // The search typed: a draft over an empty value, so it filters while the field is being edited.
    DraftText search_;
};

}  // namespace tb::ui
