#include "ui/plot_image.h"

#include <cmath>

#include "core/text/dates.h"

namespace tb::ui {

void PlotImage::begin(std::string file_name, plot::ImageSize size) {
    file_name_ = std::move(file_name);
    size_ = size;
    lists_.clear();
}

ImDrawList& PlotImage::room_for(std::size_t vertices) {
    constexpr std::size_t kMaxVertices = 65535;
    if (lists_.empty() || static_cast<std::size_t>(lists_.back()->VtxBuffer.Size) + vertices > kMaxVertices) {
        auto list = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
        list->_ResetForNewFrame();
        // The same anti-aliasing as the page's windows, so the image looks like the plot on screen.
        list->Flags = ImGui::GetWindowDrawList()->Flags;
        list->PushTextureID(ImGui::GetIO().Fonts->TexID);
        list->PushClipRect(ImVec2(0, 0), ImVec2(static_cast<float>(size_.width), static_cast<float>(size_.height)));
        lists_.push_back(std::move(list));
    }
    return *lists_.back();
}

std::vector<ImDrawList*> PlotImage::lists() const {
    std::vector<ImDrawList*> out;
    for (const auto& list : lists_) out.push_back(list.get());
    return out;
}

plot::Rect begin_chart_image(PlotImage& image, const std::string& file_name, const std::string& title,
                             const std::vector<ImageLegendEntry>& legend, const std::string& rows, double epoch_now) {
    const float font = ImGui::GetFontSize();
    const float swatch = std::round(font * 0.8f), swatch_gap = std::round(font * 0.4f);
    std::vector<double> widths;
    for (const ImageLegendEntry& entry : legend) widths.push_back(swatch + swatch_gap + ImGui::CalcTextSize(entry.label.c_str()).x);
    const plot::ImageSize size = plot::image_size(font);
    const plot::ImageLayout layout = plot::lay_out_image(size, font, widths);
    image.begin(file_name, size);
    ImDrawList& draw = image.room_for(4096);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), quiet = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const auto at = [](plot::Point p) { return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y)); };
    draw.AddText(nullptr, std::round(font * static_cast<float>(plot::kTitleScale)), at(layout.title), text, title.c_str());
    for (std::size_t i = 0; i < legend.size(); ++i) {
        const ImVec2 p = at(layout.legend[i]);
        const float top = std::round(p.y + (font - swatch) / 2);
        draw.AddRectFilled(ImVec2(p.x, top), ImVec2(p.x + swatch, top + swatch), legend[i].colour, font * 0.15f);
        draw.AddText(ImVec2(p.x + swatch + swatch_gap, p.y), text, legend[i].label.c_str());
    }
    const std::string footer = rows + " \xc2\xb7 exported " + text::utc_time(static_cast<std::int64_t>(epoch_now));
    draw.AddText(at(layout.footer), quiet, footer.c_str());
    return layout.chart;
}

}  // namespace tb::ui
