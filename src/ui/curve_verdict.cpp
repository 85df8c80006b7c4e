#include "ui/curve_verdict.h"

#include <imgui.h>

#include "ui/item_hooks.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

ImVec4 colour_of(train::CurveVerdict verdict) {
    switch (verdict) {
        case train::CurveVerdict::AtChance:
        case train::CurveVerdict::Stalled:
        case train::CurveVerdict::Rising:
        case train::CurveVerdict::Overfitting: return kWarningColor;
        case train::CurveVerdict::Converged: return kOkColor;
        case train::CurveVerdict::None:
        case train::CurveVerdict::TooShort: return ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
        case train::CurveVerdict::StillImproving: break;
    }
    return ImGui::GetStyle().Colors[ImGuiCol_Text];
}

}  // namespace

void draw_curve_verdict(const train::CurveReading& reading) {
    if (reading.sentence.empty()) return;
    wrapped(colour_of(reading.verdict), reading.sentence);
    record_last_item(reading.sentence);
}

}  // namespace tb::ui
