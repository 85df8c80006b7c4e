#pragma once

#include <functional>

namespace tb::platform {

struct CanvasSize {
    int css_width = 0, css_height = 0;          // the canvas's size on the page
    int backing_width = 0, backing_height = 0;  // its drawing buffer: CSS size × devicePixelRatio
    float device_pixel_ratio = 1.0f;
    float left = 0, top = 0;  // its position in the page, in CSS pixels
};

// Sizes the canvas's backing store to its CSS size × devicePixelRatio (GLFW on the web ignores the
// ratio, and a 1:1 buffer is blurry on HiDPI screens) and returns the sizes.
CanvasSize fit_canvas_to_page();

// Called whenever the page's size or devicePixelRatio changes (window resize, zoom, another screen).
void on_canvas_resize(std::function<void()> callback);

}  // namespace tb::platform
