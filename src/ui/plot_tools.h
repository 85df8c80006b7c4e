#pragma once

#include "ui/image_saver.h"
#include "ui/plot_canvas.h"

namespace tb::ui {

// What the steps' plots and charts share for the page's life: the canvas every plot is drawn with (its
// buffers and each plot's cached lines) and the saver of their images (one may wait to be scrolled into
// view). The step panels own it; the views that draw plots borrow it.
struct PlotTools {
    PlotCanvas canvas;
    ImageSaver images;
};

}  // namespace tb::ui
