#include "ui/compare_panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/eval/spend_estimate.h"
#include "core/plot/accuracy_chart.h"
#include "core/text/format.h"
#include "core/text/utf8.h"
#include "ui/eval_charts.h"
#include "ui/label_file_section.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using eval::CandidateReport;

const ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;

void cell(const char* format, double value) {
    ImGui::TableNextColumn();
    ImGui::Text(format, value);
}

void draw_table(const workflow::State& state) {
    if (!ImGui::BeginTable("comparison", 8, kTableFlags)) return;
    for (const char* column : {"Candidate", "Accuracy", "95 % interval", "Macro-F1", "Invalid", "Cost", "Mean latency", "Rows"}) {
        ImGui::TableSetupColumn(column);
    }
    ImGui::TableHeadersRow();
    for (const CandidateReport& r : state.eval.reports) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name.c_str());
        cell("%.3f", r.accuracy);
        ImGui::TableNextColumn();
        ImGui::Text("%.3f – %.3f", r.interval.low, r.interval.high);
        cell("%.3f", r.macro_f1);
        ImGui::TableNextColumn();
        ImGui::Text("%zu", r.tally.invalid);
        ImGui::TableNextColumn();
        if (r.cost && *r.cost == 0 && r.tally.prompt_tokens == 0) {
            ImGui::TextDisabled("free");  // no provider asked: the baseline, the in-browser classifier
        } else if (r.cost) {
            ImGui::TextUnformatted(eval::cost_text(r.cost).c_str());
        } else {
            ImGui::TextDisabled("%s", eval::cost_text(r.cost).c_str());
        }
        ImGui::TableNextColumn();
        if (r.tally.answered && r.mean_seconds > 0) {
            ImGui::Text("%.2f s", r.mean_seconds);
        } else {
            ImGui::TextDisabled("–");
        }
        ImGui::TableNextColumn();
        if (r.complete) {
            ImGui::Text("%zu", r.tally.answered);
        } else {
            ImGui::TextColored(kWarningColor, "%zu of %zu", r.tally.answered, r.tally.rows);
        }
    }
    ImGui::EndTable();
}

void draw_chart(const workflow::State& state, PlotTools& tools, std::vector<workflow::Intent>& intents) {
    std::vector<AccuracyBar> bars;
    for (const CandidateReport& r : state.eval.reports) {
        bars.push_back({r.name, r.accuracy, r.interval.low, r.interval.high, r.tally.answered, !r.complete});
    }
    const data::Split& split = state.data.dataset->split;
    const std::string test_rows = text::with_commas(split.test.size()) + " test rows";
    const AccuracyChartText chart{"Accuracy on the " + test_rows + " (share right; whiskers: 95 % interval)",
                                  plot::majority_baseline(split.train, split.test, split.classes)};
    if (ImGui::Button("Export chart PNG")) {
        compose_accuracy_image(bars, chart, state.experiment_name + ": accuracy on the test rows", test_rows,
                               tools.epoch_now, text::safe_file_name(state.experiment_name) + "-accuracy.png", tools.image);
        intents.push_back(workflow::SavePlotImage{});
    }
    draw_accuracy_chart("accuracy", bars, chart);
}

// A combo over the candidates; returns the id picked this frame, or empty.
std::string candidate_combo(const char* label, const workflow::State& state, const std::string& current) {
    const CandidateReport* shown = state.eval.report(current);
    std::string picked;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
    if (ImGui::BeginCombo(label, shown ? shown->name.c_str() : "choose…")) {
        for (const CandidateReport& r : state.eval.reports) {
            if (ImGui::Selectable(r.name.c_str(), r.id == current)) picked = r.id;
        }
        ImGui::EndCombo();
    }
    return picked;
}

void draw_per_class(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const std::string shown = state.eval.per_class_shown();
    const std::string picked = candidate_combo("Candidate##shown", state, shown);
    if (!picked.empty()) intents.push_back(workflow::ShowCandidate{picked});
    const CandidateReport* r = state.eval.report(shown);
    if (r == nullptr) return;
    if (ImGui::BeginTable("per_class", 5, kTableFlags)) {
        for (const char* column : {"Class", "Precision", "Recall", "F1", "Rows"}) ImGui::TableSetupColumn(column);
        ImGui::TableHeadersRow();
        for (const eval::ClassScores& c : r->classes) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.label.c_str());
            cell("%.3f", c.precision);
            cell("%.3f", c.recall);
            cell("%.3f", c.f1);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", c.support);
        }
        ImGui::EndTable();
    }
    draw_confusion_heatmap("confusion", r->confusion.classes, r->confusion.counts);
}

void draw_pair(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const auto [current_a, current_b] = state.eval.chosen_pair();
    const std::string a = candidate_combo("A", state, current_a);
    const std::string b = candidate_combo("B", state, current_b);
    if (!a.empty() || !b.empty()) intents.push_back(workflow::SetComparePair{a.empty() ? current_a : a, b.empty() ? current_b : b});
    if (!state.eval.pair) {
        ImGui::TextDisabled("Choose two different candidates.");
        return;
    }
    wrapped(state.eval.pair->sentence, 60);
}

void draw_repeats(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    int splits = state.eval.repeats;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputInt("Splits", &splits, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue) && splits != state.eval.repeats) {
        intents.push_back(workflow::SetRepeats{std::clamp(splits, 1, workflow::kMaxRepeats)});
    }
    help_marker("The split itself, then reshuffles of its rows with the seeds after it: each class keeps its "
                "numbers of training, validation and test rows. The spread across splits shows how much a score "
                "owes to which rows were held out. Prompted models are asked each row once, however many splits "
                "hold it; the in-browser classifier is trained again on each split's training rows; fine-tuned "
                "and few-shot candidates are left out, as the reshuffled test rows include rows they learnt from.");
    if (state.eval.repeats <= 1) {
        ImGui::TextDisabled("One split: set more to see the spread. Run the candidates again to ask the new rows.");
        return;
    }
    if (!ImGui::BeginTable("repeats", 4, kTableFlags)) return;
    for (const char* column : {"Candidate", "Mean ± sd", "Splits scored", "Accuracy per split"}) ImGui::TableSetupColumn(column);
    ImGui::TableHeadersRow();
    for (const eval::RepeatScores& r : state.eval.repeat_scores) {
        const CandidateReport* report = state.eval.report(r.id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(report ? report->name.c_str() : r.id.c_str());
        ImGui::TableNextColumn();
        if (!r.excluded_because.empty()) {
            ImGui::TextDisabled("left out: %s", r.excluded_because.c_str());
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            continue;
        }
        if (r.accuracies.empty()) {
            ImGui::TextDisabled("–");
        } else if (r.accuracies.size() == 1) {
            // One score has no spread: "± 0.000" would claim a steadiness nothing measured.
            ImGui::Text("%.3f", r.summary.mean);
            ImGui::SameLine();
            ImGui::TextDisabled("(scored on 1 split)");
        } else {
            ImGui::Text("%.3f ± %.3f", r.summary.mean, r.summary.sd);
        }
        ImGui::TableNextColumn();
        ImGui::Text("%zu of %zu", r.accuracies.size(), state.eval.splits.size());
        ImGui::TableNextColumn();
        std::string each;
        char number[16];
        for (double accuracy : r.accuracies) {
            std::snprintf(number, sizeof number, each.empty() ? "%.2f" : "  %.2f", accuracy);
            each += number;
        }
        ImGui::TextUnformatted(each.c_str());
    }
    ImGui::EndTable();
}

void draw_rows(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const data::Split& split = state.data.dataset->split;
    int filter = static_cast<int>(state.eval.filter);
    bool changed = ImGui::RadioButton("All rows", &filter, static_cast<int>(eval::RowFilter::All));
    ImGui::SameLine();
    changed |= ImGui::RadioButton("Any wrong", &filter, static_cast<int>(eval::RowFilter::AnyWrong));
    ImGui::SameLine();
    changed |= ImGui::RadioButton("A and B disagree", &filter, static_cast<int>(eval::RowFilter::Disagree));
    if (!state.eval.map_selection.empty()) {
        ImGui::SameLine();
        changed |= ImGui::RadioButton("Selected on the map", &filter, static_cast<int>(eval::RowFilter::MapSelection));
    }
    if (changed) intents.push_back(workflow::SetRowFilter{static_cast<eval::RowFilter>(filter)});

    std::vector<const eval::Evaluation*> evaluations;
    for (const auto& e : state.eval.evaluations) evaluations.push_back(&e);
    const std::vector<std::size_t>& rows = state.eval.shown_rows;
    ImGui::Text("%zu of %zu rows", rows.size(), split.test.size());
    ImGui::SameLine();
    ImGui::TextDisabled("A wrong answer is marked \xE2\x89\xA0 (and red); hover a text or a name to read it whole.");
    const int columns = 3 + static_cast<int>(evaluations.size());
    if (columns > 64) return;  // ImGui's table limit; nobody compares that many at once
    // In the page's own scroll, not a small scroll area of its own inside it: the wheel moves one thing,
    // and every row can be read at the page's height. Columns share the width; cut text shows whole on hover.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("rows", columns, flags)) return;
    ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100,000").x);
    ImGui::TableSetupColumn("True label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Text", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    for (const auto* e : evaluations) {
        ImGui::TableSetupColumn(eval::candidate_name(e->candidate).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < columns; ++column) {
        ImGui::TableSetColumnIndex(column);
        const char* name = ImGui::TableGetColumnName(column);
        ImGui::TableHeader(name);
        if (ImGui::IsItemHovered() && column >= 3) ImGui::SetTooltip("%s", name);
    }
    const int text_column = state.data.dataset->summary.text_column;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::size_t index = rows[static_cast<std::size_t>(i)];
            if (index >= split.test.size()) continue;  // the split changed; the rows follow next frame
            const data::SplitRow& row = split.test[index];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(text::with_commas(row.row).c_str());  // as the Data step writes it
            ImGui::TableNextColumn();
            text_cut(row.label);
            ImGui::TableNextColumn();
            // A view of the field: only the visible rows copy their first 120 characters.
            const std::string_view text = data::field_of(row, text_column);
            // One line a row: a narrative's own line breaks would make rows of uneven height.
            std::string line(text::cut_utf8(text, 120));
            std::replace_if(line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
            ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
            if (ImGui::IsItemHovered() && !text.empty()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
                const std::string_view tip = text::cut_utf8(text, 2000);
                ImGui::TextUnformatted(tip.data(), tip.data() + tip.size());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            for (const auto* e : evaluations) {
                ImGui::TableNextColumn();
                const auto found = e->answers.find(row.row);
                if (found == e->answers.end()) continue;
                const eval::Answer& answer = found->second;
                // Right or wrong by a mark as well as by colour.
                const bool right = !answer.label.empty() && answer.label == row.label;
                ImGui::PushStyleColor(ImGuiCol_Text, right ? kOkColor : kErrorColor);
                text_cut(answer.label.empty() ? "\xE2\x89\xA0 invalid: " + answer.raw
                                              : right ? answer.label : "\xE2\x89\xA0 " + answer.label);
                ImGui::PopStyleColor();
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_compare_panel(const workflow::State& state, const Fonts& fonts, PlotTools& tools, MapPanel& map,
                        MapFeed* feed, std::vector<workflow::Intent>& intents) {
    heading(fonts, "Compare");
    if (!state.eval.shelved.empty()) {
        ImGui::TextDisabled("Results of %zu other %s are kept aside (see Evaluate): only this split's are compared.",
                            state.eval.shelved.size(), state.eval.shelved.size() == 1 ? "split" : "splits");
    }
    if (state.eval.reports.empty() || !state.data.dataset) {
        wrapped("Add candidates in Evaluate and run them: their scores on the same test rows appear here.", 48);
        if (ImGui::Button("Import experiment…")) intents.push_back(workflow::ImportExperiment{});
        return;
    }
    wrapped("Accuracy is the share of test rows answered right; an answer that names no label counts as wrong. "
            "The interval is Wilson's 95 % interval: with 100 rows it spans about ±0.08, so close scores may not "
            "differ at all — the paired test below says whether they do.", 60);
    draw_table(state);
    if (ImGui::Button("Export predictions CSV")) intents.push_back(workflow::ExportPredictions{});
    ImGui::SameLine();
    if (ImGui::Button("Export experiment JSON")) intents.push_back(workflow::ExportExperiment{});
    ImGui::SameLine();
    if (ImGui::Button("Import experiment…")) intents.push_back(workflow::ImportExperiment{});
    help_marker("The JSON holds the split, the prompt, the jobs and every answer, never a key. Open it in "
                "Tuneboard anywhere to see this comparison.");

    ImGui::SeparatorText("Accuracy");
    draw_chart(state, tools, intents);
    ImGui::SeparatorText("Per class");
    draw_per_class(state, intents);
    ImGui::SeparatorText("Paired test");
    draw_pair(state, intents);
    ImGui::SeparatorText("Repeat over splits");
    draw_repeats(state, intents);
    if (feed) {
        ImGui::SeparatorText("Map");
        map.draw(state, *feed, intents);
    }
    ImGui::SeparatorText("Rows");
    draw_rows(state, intents);
    ImGui::SeparatorText("Label the file");
    draw_label_file(state, intents);
}

}  // namespace tb::ui
