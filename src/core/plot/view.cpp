#include "core/plot/view.h"

#include <algorithm>

namespace tb::plot {

namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

void set_member(std::vector<std::string>& list, std::string_view value, bool member) {
    const auto it = std::find(list.begin(), list.end(), value);
    if (member && it == list.end()) list.emplace_back(value);
    if (!member && it != list.end()) list.erase(it);
}

}  // namespace

bool name_hidden(const View& view, std::string_view name) { return contains(view.hidden_names, name); }
bool run_hidden(const View& view, std::string_view run) { return contains(view.hidden_runs, run); }
void set_name_hidden(View& view, std::string_view name, bool hidden) { set_member(view.hidden_names, name, hidden); }
void set_run_hidden(View& view, std::string_view run, bool hidden) { set_member(view.hidden_runs, run, hidden); }

bool is_visible(const View& view, const Series& series) {
    return !name_hidden(view, series.name) && !run_hidden(view, series.run);
}

Extents visible_extents(std::span<const Series> series, const View& view) {
    Extents all;
    for (const Series& s : series) {
        if (is_visible(view, s)) all.merge(extents_of(s.points));
    }
    return all;
}

Window fit(std::span<const Series> series, const View& view, Padding padding) {
    return fit(visible_extents(series, view), view.log_y, padding);
}

Window current_window(const Extents& visible_data, const View& view) {
    if (!view.auto_fit && usable(view.window, view.log_y)) return view.window;
    return fit(visible_data, view.log_y);
}

Window current_window(std::span<const Series> series, const View& view) {
    if (!view.auto_fit && usable(view.window, view.log_y)) return view.window;
    return fit(series, view);
}

}  // namespace tb::plot
