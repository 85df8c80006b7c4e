#include "ui/label_file_section.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/text/format.h"
#include "core/workflow/eval_batches.h"
#include "core/workflow/label_vectors.h"
#include "ui/item_hooks.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using Phase = workflow::LabelFileState::Phase;

// `total`: the file's data rows as read when it was opened (the run writes every one of them).
void draw_progress(const workflow::LabelFileState& label, std::uint64_t total, std::vector<workflow::Intent>& intents) {
    const auto fraction = static_cast<float>(workflow::label_done_fraction(label, total));
    std::string overlay;
    if (label.phase == Phase::Opening) {
        overlay = "choosing where to write…";
    } else if (label.training) {
        overlay = "training its classifier again…";
    } else if (label.phase == Phase::Closing) {
        overlay = text::with_commas(label.rows) + " rows · writing the last of them…";
    } else {
        overlay = text::with_commas(label.rows) + (total > 0 ? " of " + text::with_commas(total) : "") + " rows · " +
                  text::with_commas(static_cast<std::uint64_t>(workflow::label_rows_per_second(label))) + " rows/s";
        const double left = workflow::label_seconds_left(label, total);
        overlay += left >= 0 ? " · " + text::format_duration(left) + " left" : "";
    }
    ImGui::ProgressBar(fraction, ImVec2(ImGui::GetFontSize() * 24, 0), overlay.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel labelling")) intents.push_back(workflow::CancelLabelFile{});
    std::string where = "Writing " + label.output;
    if (label.parts) {
        where += " in downloads of up to " + text::format_bytes(workflow::kLabelPartBytes) + " (" +
                 std::to_string(label.parts_written) + " so far)";
    }
    text_cut(where);
}

// Which model labels: the in-browser classifier, or a chat candidate through its provider's Batch API.
// False when there is nothing to choose (only the in-browser classifier).
bool draw_source(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const std::vector<workflow::LabelSource> sources = workflow::label_file_sources(state);
    if (sources.size() < 2) return false;
    const auto chosen = std::find_if(sources.begin(), sources.end(),
                                     [&](const workflow::LabelSource& s) { return s.id == state.label_file.source; });
    const std::string preview = chosen != sources.end() ? chosen->name : state.label_file.source;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 32);
    const bool open = ImGui::BeginCombo("Labelled by", preview.c_str());
    if (!open) record_last_item("Labelled by");  // a combo gives automation no label of its own
    if (open) {
        for (const workflow::LabelSource& source : sources) {
            if (ImGui::Selectable(source.name.c_str(), source.id == state.label_file.source)) {
                intents.push_back(workflow::SetLabelSource{source.id});
            }
        }
        ImGui::EndCombo();
    }
    help_marker("A chat model labels the file through its provider's Batch API: every row is sent as a line of a "
                "batch input file, answered within 24 hours at about half the live price, and written with the file "
                "once every batch is done. It goes on after a reload. An embeddings candidate labels it in this tab: "
                "each row's text is sent for its vector, and its classifier answers at once.");
    return true;
}

// The batches of a file sent through a provider's Batch API, until the person forgets them.
void draw_batch_job(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const workflow::LabelBatchJob& job = *state.label_file.batch;
    wrapped("Model: " + job.name, 60);
    wrapped("Sent " + job.file + (job.only_unlabelled ? " (only rows without a label)" : "") + ": " +
                workflow::label_batches_summary(job),
            60);
    for (const workflow::LabelBatchPart& part : job.parts) {
        const std::string line = workflow::label_batch_part_summary(part);
        text_cut(line);
        if (!part.problem.empty()) wrapped(kWarningColor, part.problem);
    }
    if (!workflow::label_batches_done(job)) {
        if (ImGui::Button("Cancel the batches…")) ImGui::OpenPopup("cancel label batches");
        if (confirm_popup("cancel label batches",
                          "Cancel every batch of the file? The rows they have answered are kept (and billed)\n"
                          "and written with the file; the others stay unanswered.",
                          "Cancel the batches", "Keep them")) {
            intents.push_back(workflow::CancelLabelBatches{});
        }
    } else {
        const std::uint64_t unanswered = workflow::label_batches_unanswered(job);
        wrapped("Every batch is done: " + text::with_commas(workflow::label_batches_answered(job)) + " rows answered" +
                    (unanswered > 0 ? ", " + text::with_commas(unanswered) + " not (their added columns stay blank)." : "."),
                60);
        const std::string why = workflow::label_file_unavailable_because(state);
        if (!why.empty()) wrapped(kWarningColor, why);
        ImGui::BeginDisabled(!why.empty());
        if (ImGui::Button("Write the labelled file…")) intents.push_back(workflow::WriteLabelBatches{});
        ImGui::EndDisabled();
        help_marker("Reads the file again and writes it with the batches' answers added (predicted_label, model); "
                    "predicted_probability stays blank, as a chat model gives none.");
        if (unanswered > 0) {
            ImGui::SameLine();
            ImGui::BeginDisabled(!why.empty());
            if (ImGui::Button("Ask the unanswered rows again…")) ImGui::OpenPopup("resend label batches");
            ImGui::EndDisabled();
            if (confirm_popup("resend label batches",
                              "Send the " + text::with_commas(unanswered) +
                                  " rows no batch answered as new batches? They are billed as they are answered,\n"
                                  "at the batch price. The rows already answered are not sent again.",
                              "Ask them again", "Not now")) {
                intents.push_back(workflow::ResendLabelBatches{});
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Forget the batches…")) ImGui::OpenPopup("forget label batches");
        if (confirm_popup("forget label batches",
                          "Forget these batches? Their answers are no longer read from the provider:\n"
                          "write the labelled file first if you want them.",
                          "Forget them", "Keep them")) {
            intents.push_back(workflow::ForgetLabelBatches{});
        }
    }
}

void draw_only_unlabelled(const workflow::LabelFileState& label, std::vector<workflow::Intent>& intents) {
    bool only = label.only_unlabelled;
    if (ImGui::Checkbox("Only rows without a label", &only)) intents.push_back(workflow::SetLabelOnlyUnlabelled{only});
    help_marker("Rows that already have a label are written as they are, with the added columns left blank.");
}

void draw_message(const workflow::LabelFileState& label) {
    if (label.message.empty()) return;
    if (label.phase == Phase::Failed) {
        wrapped(kErrorColor, label.message);
    } else {
        wrapped(label.message, 60);
    }
}

// What answering every row (or only the unlabelled ones) means, or that there is nothing to answer.
// `where`: " in this tab", " through the Batch API".
bool draw_rows_to_answer(const workflow::State& state, const std::string& where, const std::string& added) {
    const workflow::LabelFileState& label = state.label_file;
    const std::string& file = state.data.dataset->file.name;
    const std::uint64_t unlabelled = state.data.dataset->summary.missing_label;
    if (!label.only_unlabelled) {
        const std::uint64_t rows = workflow::label_file_rows(state);
        const std::uint64_t with_text = state.data.dataset->summary.rows_with_text;
        // A row without a text is written with blank columns: it is not counted as answered.
        const std::string count = with_text < rows ? " that has a text (" + text::with_commas(with_text) + " of " +
                                                         text::with_commas(rows) + " rows)"
                                                   : " (" + text::with_commas(rows) + " rows)";
        wrapped("It answers every row of " + file + count + where + "." + added, 60);
    } else if (unlabelled > 0) {
        wrapped("It answers the " + text::with_commas(unlabelled) + (unlabelled == 1 ? " row" : " rows") + " of " + file +
                    " that have a text and no label" + where + "; the others keep the added columns blank." + added,
                60);
    } else {
        wrapped(kWarningColor, "No row of " + file + " has a text and no label: there is nothing to answer. Untick "
                               "\"Only rows without a label\" to answer every row.");
        return false;
    }
    return true;
}

// An embeddings candidate ready to label the file in the tab: what it sends and what that costs, asked first.
void draw_vectors_ready(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const workflow::LabelFileState& label = state.label_file;
    const eval::Evaluation& e = *state.eval.find(label.source);
    const api::Profile* profile = state.providers.find(e.candidate.profile);
    const std::string provider = profile != nullptr ? profile->name : e.candidate.profile;
    const bool any = draw_rows_to_answer(
        state, " in this tab",
        " Each row's text is sent to " + provider + " for its vector (a few texts a request, as its evaluation's were) "
        "and its classifier, trained again on the same vectors, answers; the file is written again as it goes, with "
        "predicted_label, predicted_probability (calibrated on the validation rows) and model added.");
    const std::string cost = workflow::label_vectors_cost_hint(state, label.source, workflow::label_rows_to_ask(state));
    if (any) wrapped(cost.empty() ? "Its price is not known: see " + provider + "'s embedding prices." : cost, 60);
    draw_only_unlabelled(label, intents);
    ImGui::BeginDisabled(!any);
    if (ImGui::Button("Label the file…")) ImGui::OpenPopup("label with vectors");
    ImGui::EndDisabled();
    if (confirm_popup("label with vectors",
                      "Send the file's texts to " + provider + " for their vectors? They are billed as they come;\n"
                      "stopping keeps every vector that came, so labelling again sends only the rest.",
                      "Label the file", "Not now")) {
        intents.push_back(workflow::LabelFile{});
    }
    draw_message(label);
}

}  // namespace

void draw_label_file(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const workflow::LabelFileState& label = state.label_file;
    if (label.active()) {
        wrapped("Model: " + label.model, 60);
        wrapped((label.sending ? "Reading " + label.file + " into batch input files" : "Labelling " + label.file) +
                    (label.run_only_unlabelled ? ": only rows without a label." : ": every row."),
                60);
        draw_progress(label, workflow::label_file_rows(state), intents);
        if (workflow::labels_with_vectors(state, label.source)) {
            text_cut("Texts sent for their vectors: " + text::with_commas(label.texts_asked) + " (" +
                     text::with_commas(static_cast<std::uint64_t>(label.embedding_tokens)) +
                     " tokens billed so far); rows answered by a vector this browser held: " +
                     text::with_commas(label.rows_from_held) + ".");
        }
        return;
    }
    if (label.batch) {
        draw_batch_job(state, intents);
        draw_message(label);
        return;
    }
    const bool choices = draw_source(state, intents);
    if (const std::string why = workflow::label_file_unavailable_because(state); !why.empty()) {
        wrapped(why + (label.source.empty() && choices ? " Or choose another candidate in \"Labelled by\": a chat "
                                                         "model labels the file through its provider's Batch API, an "
                                                         "embeddings candidate in this tab."
                                                       : ""),
                60);
        return;
    }
    if (workflow::labels_with_vectors(state, label.source)) {
        draw_vectors_ready(state, intents);
        return;
    }
    if (!label.source.empty()) {
        const bool any = draw_rows_to_answer(
            state, " through the provider's Batch API, in input files of up to " + text::with_commas(static_cast<std::uint64_t>(label.rows_per_batch)) + " rows",
            " Answers come within 24 hours, billed at the batch price (about half the live one); once every batch is "
            "done, the file is written again with predicted_label and model added. Nothing is sent before you click.");
        const std::string cost =
            workflow::label_batch_cost_hint(state, label.source, workflow::label_rows_to_ask(state));
        if (any) wrapped(cost.empty() ? "Its price is not known: see the provider's batch prices." : cost, 60);
        wrapped("Each answer is one of the split's " + std::to_string(state.data.dataset->split.classes.size()) +
                    " classes, named as in the split (label families applied), so a row of a class left out of the "
                    "split gets the closest of them.",
                60);
        draw_only_unlabelled(label, intents);
        int rows = label.rows_per_batch;
        ImGui::SetNextItemWidth(int_field_width(6, true));
        if (ImGui::InputInt("Rows per batch", &rows, 1000, 10000) && rows != label.rows_per_batch) {
            intents.push_back(workflow::SetLabelRowsPerBatch{rows});
        }
        help_marker("Each batch input file asks at most this many rows (the provider's limit is 50,000; a file also "
                    "stops at 32 MB). Smaller batches finish sooner, and stay under a provider's limit on the tokens "
                    "it queues at once.");
        ImGui::BeginDisabled(!any);
        if (ImGui::Button("Send the file as batches…")) ImGui::OpenPopup("send label batches");
        ImGui::EndDisabled();
        if (confirm_popup("send label batches",
                          "Send the file's rows to the provider as batches? They are billed as they are answered,\n"
                          "at the batch price; cancelling later keeps (and bills) what was answered.",
                          "Send them", "Not now")) {
            intents.push_back(workflow::LabelFile{});
        }
        draw_message(label);
        return;
    }
    wrapped("Model: " + workflow::label_file_model_name(state), 60);
    const bool any = draw_rows_to_answer(state, " in this tab",
                                         " The file is written again, every row of it, with three columns added: "
                                         "predicted_label, predicted_probability and model.");
    // Said before the run: a first-time user took renamed labels and left-out classes for mistakes.
    const std::size_t classes = state.local.model ? state.local.model->classes().size() : 0;
    wrapped("Each answer is one of the model's " + std::to_string(classes) +
                " classes, named as in the split (label families applied), so a row of a class left out of the "
                "split gets the closest of them. predicted_probability is calibrated on the validation rows: on "
                "average it is how often the answers are right.",
            60);
    draw_only_unlabelled(label, intents);
    ImGui::BeginDisabled(!any);
    if (ImGui::Button("Label the file…")) intents.push_back(workflow::LabelFile{});
    ImGui::EndDisabled();
    help_marker("Where the browser allows it you choose the file, and it is written as it goes; otherwise it "
                "arrives as downloads of up to 64 MB each (part-1, part-2, …), to be joined in order.");
    draw_message(label);
}

}  // namespace tb::ui
