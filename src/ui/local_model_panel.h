#pragma once

#include <cstddef>
#include <vector>

#include "core/linear/linear_search.h"
#include "core/plot/view.h"
#include "core/train/curve_reading.h"
#include "core/train/trainer.h"
#include "core/train/training_run.h"
#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/plot_tools.h"

namespace tb::ui {

// The classifier trained in the browser (in the Fine-tune step): its settings, Train, the live curves
// of training loss and validation loss and accuracy, and the model in hand (download, load). It keeps
// its plots' views for the page's life.
class LocalModelSection {
public:
    void draw(const workflow::State& state, PlotTools& tools, std::vector<workflow::Intent>& intents);

private:
    void draw_curves(const std::vector<train::LossPoint>& curve, const std::vector<train::ValidationPoint>& validation,
                     int epochs, const train::CurveReading& reading, const std::string& rows, PlotTools& tools,
                     std::vector<workflow::Intent>& intents);
    void draw_learning_curve(const std::vector<linear::CurvePoint>& curve, std::size_t validation_rows,
                             const std::string& rows, PlotTools& tools, std::vector<workflow::Intent>& intents);

    plot::View loss_view_, accuracy_view_;  // the training curves'
    // Three measured points, drawn as they are: never smoothed.
    plot::View learning_curve_view_{.smoothing = 0};
};

}  // namespace tb::ui
