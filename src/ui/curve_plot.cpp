#include "ui/curve_plot.h"

#include "core/plot/csv_export.h"
#include "core/text/format.h"

namespace tb::ui {

void draw_curve_plot(PlotTools& tools, const char* id, const CurvePlotText& text, std::span<const plot::Series> series,
                     plot::View& view, float height, std::vector<workflow::Intent>& intents) {
    const PlotRequests requests = tools.canvas.draw(id, series, view, text.axes, ImVec2(0, height));
    const std::string stem = text::safe_file_name(text.file_stem);
    if (requests.export_csv) intents.push_back(workflow::SaveFile{stem + ".csv", "text/csv", plot::series_csv(series)});
    if (!requests.export_png) return;
    tools.canvas.compose_image(series, view, text.axes, text.title, text.rows, tools.epoch_now, stem + ".png", tools.image);
    intents.push_back(workflow::SavePlotImage{});
}

}  // namespace tb::ui
