#pragma once

#include "ui/plot_canvas.h"
#include "ui/plot_image.h"

namespace tb::ui {

// What the steps' plots and charts share for the page's life: the canvas every plot is drawn with (its
// buffers and each plot's cached lines), the image an export composes, and the wall clock (dated on
// exports). The step panels own it; the views that draw plots borrow it.
struct PlotTools {
    PlotCanvas canvas;
    PlotImage image;
    double epoch_now = 0;  // set by the step panels each frame
};

}  // namespace tb::ui
