#include "ui/style.h"

#include <cmath>

#include "ui/font_data.h"

namespace tb::ui {

namespace {
constexpr float kBodyPixels = 15.0f;
constexpr float kHeadingPixels = 18.0f;

ImFont* add_font(const unsigned char* data, int size, float pixels) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in the binary
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), size,
                                                      std::round(pixels), &config, kGlyphRanges);
}
}  // namespace

Fonts build_fonts(float scale) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    Fonts fonts;
    fonts.body = add_font(kRegularFont, kRegularFontSize, kBodyPixels * scale);
    fonts.heading = add_font(kSemiBoldFont, kSemiBoldFontSize, kHeadingPixels * scale);
    atlas.Build();
    return fonts;
}

void apply_style(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(16, 12);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.WindowRounding = 0;
    style.FrameRounding = 5;
    style.GrabRounding = 5;
    style.TabRounding = 5;
    style.WindowBorderSize = 0;
    // Every frame outlined: a checkbox or a field is as dark as a table's lighter rows, and unticked it
    // would vanish there.
    style.FrameBorderSize = 1;
    style.ScrollbarSize = 14;

    ImVec4* colors = style.Colors;
    namespace palette = plot::palette;
    colors[ImGuiCol_WindowBg] = imvec4(palette::kWindowBg);
    colors[ImGuiCol_ChildBg] = imvec4(palette::kChildBg);
    colors[ImGuiCol_FrameBg] = imvec4(palette::kFrameBg);
    colors[ImGuiCol_Border] = imvec4(palette::kFrameBorder);
    colors[ImGuiCol_TableRowBgAlt] = imvec4(palette::kRowBgAlt);
    colors[ImGuiCol_PlotHistogram] = imvec4(palette::kProgressFill);
    colors[ImGuiCol_Header] = ImVec4(0.235f, 0.361f, 0.659f, 0.55f);
    colors[ImGuiCol_HeaderHovered] = ImVec4(0.235f, 0.361f, 0.659f, 0.80f);
    colors[ImGuiCol_HeaderActive] = ImVec4(0.235f, 0.361f, 0.659f, 1.0f);
    colors[ImGuiCol_Button] = ImVec4(0.220f, 0.243f, 0.294f, 1.0f);
    colors[ImGuiCol_ButtonHovered] = ImVec4(0.290f, 0.400f, 0.690f, 1.0f);
    colors[ImGuiCol_ButtonActive] = ImVec4(0.235f, 0.361f, 0.659f, 1.0f);
    colors[ImGuiCol_Text] = imvec4(palette::kText);
    colors[ImGuiCol_TextDisabled] = imvec4(palette::kTextDisabled);

    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace tb::ui
