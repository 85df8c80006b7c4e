#include "ui/label_file_section.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/text/format.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using Phase = workflow::LabelFileState::Phase;

// `total`: the file's data rows as read when it was opened (the run writes every one of them).
void draw_progress(const workflow::LabelFileState& label, std::uint64_t total, std::vector<workflow::Intent>& intents) {
    const float fraction =
        label.bytes > 0 ? static_cast<float>(static_cast<double>(label.bytes_read) / static_cast<double>(label.bytes)) : 0.f;
    std::string overlay;
    if (label.phase == Phase::Opening) {
        overlay = "choosing where to write…";
    } else if (label.phase == Phase::Closing) {
        overlay = text::with_commas(label.rows) + " rows · writing the last of them…";
    } else {
        overlay = text::with_commas(label.rows) + (total > 0 ? " of " + text::with_commas(total) : "") + " rows · " +
                  text::with_commas(static_cast<std::uint64_t>(workflow::label_rows_per_second(label))) + " rows/s";
        const double left = workflow::label_seconds_left(label);
        overlay += left >= 0 ? " · " + text::format_duration(left) + " left" : "";
    }
    ImGui::ProgressBar(std::min(fraction, 1.f), ImVec2(ImGui::GetFontSize() * 24, 0), overlay.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel labelling")) intents.push_back(workflow::CancelLabelFile{});
    std::string where = "Writing " + label.output;
    if (label.parts) {
        where += " in downloads of up to " + text::format_bytes(workflow::kLabelPartBytes) + " (" +
                 std::to_string(label.parts_written) + " so far)";
    }
    text_cut(where);
}

}  // namespace

void draw_label_file(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const workflow::LabelFileState& label = state.label_file;
    if (label.active()) {
        wrapped("Model: " + label.model, 60);
        wrapped("Labelling " + label.file + (label.run_only_unlabelled ? ": only rows without a label." : ": every row."), 60);
        draw_progress(label, workflow::label_file_rows(state), intents);
        return;
    }
    if (const std::string why = workflow::label_file_unavailable_because(state); !why.empty()) {
        wrapped(why, 60);
        return;
    }
    const std::string model = workflow::label_file_model_name(state);
    wrapped("Model: " + model, 60);
    const std::string& file = state.data.dataset->file.name;
    const std::uint64_t unlabelled = state.data.dataset->summary.missing_label;
    const std::string added = " The file is written again, every row of it, with three columns added: predicted_label, "
                              "predicted_probability and model.";
    if (!label.only_unlabelled) {
        wrapped("It answers every row of " + file + " (" + text::with_commas(workflow::label_file_rows(state)) +
                    " rows) in this tab." + added,
                60);
    } else if (unlabelled > 0) {
        wrapped("It answers the " + text::with_commas(unlabelled) + (unlabelled == 1 ? " row" : " rows") + " of " + file +
                    " that have a text and no label, in this tab; the others keep the added columns blank." + added,
                60);
    } else {
        wrapped(kWarningColor, "No row of " + file + " has a text and no label: there is nothing to answer. Untick "
                               "\"Only rows without a label\" to answer every row.");
    }
    // Said before the run: a first-time user took renamed labels and left-out classes for mistakes.
    const std::size_t classes = state.local.model ? state.local.model->classes().size() : 0;
    wrapped("Each answer is one of the model's " + std::to_string(classes) +
                " classes, named as in the split (label families applied), so a row of a class left out of the "
                "split gets the closest of them. predicted_probability is calibrated on the validation rows: on "
                "average it is how often the answers are right.",
            60);
    bool only = label.only_unlabelled;
    if (ImGui::Checkbox("Only rows without a label", &only)) intents.push_back(workflow::SetLabelOnlyUnlabelled{only});
    help_marker("Rows that already have a label are written as they are, with the added columns left blank.");
    ImGui::BeginDisabled(label.only_unlabelled && unlabelled == 0);
    if (ImGui::Button("Label the file…")) intents.push_back(workflow::LabelFile{});
    ImGui::EndDisabled();
    help_marker("Where the browser allows it you choose the file, and it is written as it goes; otherwise it "
                "arrives as downloads of up to 64 MB each (part-1, part-2, …), to be joined in order.");
    if (!label.message.empty()) {
        if (label.phase == Phase::Failed) {
            wrapped(kErrorColor, label.message);
        } else {
            wrapped(label.message, 60);
        }
    }
}

}  // namespace tb::ui
