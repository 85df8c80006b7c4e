#pragma once

namespace tb::plot {

// The part of the data on show, in data units (on a log axis y_min and y_max are positive values, not
// their logarithms).
struct Window {
    double x_min = 0, x_max = 1;
    double y_min = 0, y_max = 1;
};

// A rectangle in pixels; y grows downwards, as on screen, so y0 is the top edge.
struct Rect {
    double x0 = 0, y0 = 0;
    double x1 = 1, y1 = 1;
};

// "Axis space" is where the axis is linear: the value itself, or log10 of it on a log axis. Zooming,
// panning and padding happen there, so a log plot zooms by the same factor per decade everywhere.
double to_axis(double value, bool log);  // NaN for a value <= 0 on a log axis
double from_axis(double coordinate, bool log);

// Finite, non-empty on both axes, and positive in y on a log axis.
bool usable(const Window& window, bool log_y);

// Data <-> pixels for one window drawn into one rectangle. A degenerate window or rectangle (zero
// width) maps as if it were one unit wide rather than dividing by zero.
class Mapping {
public:
    Mapping(const Window& window, bool log_y, const Rect& rect);

    double px(double x) const { return x_offset_ + x * x_scale_; }
    double py(double y) const;  // NaN when y has no place on the axis (<= 0 on a log axis)
    double x_at(double pixel_x) const { return (pixel_x - x_offset_) / x_scale_; }
    double y_at(double pixel_y) const;

private:
    bool log_y_;
    double x_scale_, x_offset_;
    double y_scale_, y_offset_;  // over axis-space y
};

// The window after zooming by `factor_x` and `factor_y` (< 1 zooms in) about the pixel (px, py): the
// data under that pixel stays under it. A zoom that would make the window too small to represent, or
// not finite, leaves that axis as it was.
Window zoom(const Window& window, bool log_y, const Rect& rect, double px, double py, double factor_x,
            double factor_y);

// The window after dragging the content by (dx, dy) pixels: what was under the mouse follows it.
Window pan(const Window& window, bool log_y, const Rect& rect, double dx, double dy);

}  // namespace tb::plot
