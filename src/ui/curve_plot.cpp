#include "ui/curve_plot.h"

#include "core/plot/csv_export.h"
#include "core/text/format.h"
#include "ui/plot_canvas.h"
#include "ui/widgets.h"

namespace tb::ui {

void draw_curve_plot(const std::string& key, const char* id, const std::string& file_stem,
                     std::span<const plot::Series> series, plot::View& view, float height,
                     std::vector<workflow::Intent>& intents) {
    const PlotRequests requests = draw_plot(id, series, view, ImVec2(0, height));
    const std::string stem = text::safe_file_name(file_stem);
    if (requests.export_csv) intents.push_back(workflow::SaveFile{stem + ".csv", "text/csv", plot::series_csv(series)});
    if (!image_ready_to_save(key, requests.export_png, requests.capture_min, requests.capture_max)) return;
    intents.push_back(workflow::SavePlotImage{stem + ".png", requests.capture_min.x, requests.capture_min.y,
                                              requests.capture_max.x, requests.capture_max.y});
}

}  // namespace tb::ui
