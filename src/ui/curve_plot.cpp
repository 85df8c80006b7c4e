#include "ui/curve_plot.h"

#include "core/plot/csv_export.h"
#include "core/text/format.h"

namespace tb::ui {

void draw_curve_plot(PlotTools& tools, const std::string& key, const char* id, const std::string& file_stem,
                     std::span<const plot::Series> series, plot::View& view, float height,
                     std::vector<workflow::Intent>& intents) {
    const PlotRequests requests = tools.canvas.draw(id, series, view, ImVec2(0, height));
    const std::string stem = text::safe_file_name(file_stem);
    if (requests.export_csv) intents.push_back(workflow::SaveFile{stem + ".csv", "text/csv", plot::series_csv(series)});
    if (!tools.images.ready(key, requests.export_png, requests.capture_min, requests.capture_max)) return;
    intents.push_back(workflow::SavePlotImage{stem + ".png", requests.capture_min.x, requests.capture_min.y,
                                              requests.capture_max.x, requests.capture_max.y});
}

}  // namespace tb::ui
