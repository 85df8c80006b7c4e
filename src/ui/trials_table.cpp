#include "ui/trials_table.h"

#include <cmath>

#include <imgui.h>

#include "core/eval/local_candidate.h"
#include "core/text/format.h"
#include "ui/style.h"

namespace tb::ui {

// Every setting tried, as it finished: the chosen one says so in words, not by colour alone.
void draw_trials(const std::vector<linear::Trial>& trials, std::optional<std::size_t> best) {
    const bool vectors = !trials.empty() && trials.front().ngram == 0;  // a search on embeddings
    if (trials.empty()) return;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
    if (!ImGui::BeginTable("trials", 8, flags)) return;
    // Widths from the widest text each column can hold, not from the rows drawn so far: the table
    // appears while trials are still arriving, and fixed columns keep their first width.
    const auto width = [](const char* widest) { return ImGui::CalcTextSize(widest).x; };
    ImGui::TableSetupColumn("Features", ImGuiTableColumnFlags_WidthFixed,
                            width(vectors ? "embeddings" : eval::linear_features_label(2, trials.front().chars).c_str()));
    ImGui::TableSetupColumn("C", ImGuiTableColumnFlags_WidthFixed, width("1000"));
    ImGui::TableSetupColumn("Rows", ImGuiTableColumnFlags_WidthFixed, width("100,000"));
    ImGui::TableSetupColumn(vectors ? "Dimensions" : "Terms", ImGuiTableColumnFlags_WidthFixed,
                            width(vectors ? "Dimensions" : "100,000"));
    ImGui::TableSetupColumn("Validation accuracy", ImGuiTableColumnFlags_WidthFixed, width("Validation accuracy"));
    ImGui::TableSetupColumn("Validation loss", ImGuiTableColumnFlags_WidthFixed, width("Validation loss"));
    ImGui::TableSetupColumn("Iterations", ImGuiTableColumnFlags_WidthFixed, width("Iterations"));
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, width("stopped before converging"));
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const linear::Trial& t = trials[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(vectors ? "embeddings" : eval::linear_features_label(t.ngram, t.chars).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%g", t.strength);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(text::with_commas(t.rows).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(text::with_commas(t.features).c_str());
        ImGui::TableNextColumn();
        if (std::isnan(t.accuracy)) ImGui::TextUnformatted("—"); else ImGui::Text("%.3f", t.accuracy);
        ImGui::TableNextColumn();
        if (std::isnan(t.loss)) ImGui::TextUnformatted("—"); else ImGui::Text("%.3f", t.loss);
        ImGui::TableNextColumn();
        ImGui::Text("%d", t.iterations);
        ImGui::TableNextColumn();
        if (best && *best == i) {
            ImGui::TextUnformatted("chosen");
        } else if (!t.converged) {
            ImGui::TextColored(kWarningColor, "stopped before converging");
        }
    }
    ImGui::EndTable();
}

}  // namespace tb::ui
