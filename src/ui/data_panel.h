#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/split_preview.h"
#include "ui/style.h"

namespace tb::ui {

// The Data step: open a file (or the demo), watch it being read, choose columns and classes, draw the
// split and look through it.
class DataPanel {
public:
    void draw(const workflow::State& state, const Fonts& fonts, double now, std::vector<workflow::Intent>& intents);

private:
    DraftText families_;  // the label families' editor: applied only by its button
    SplitPreview split_preview_;
};

}  // namespace tb::ui
