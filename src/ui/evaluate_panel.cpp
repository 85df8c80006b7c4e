#include "ui/evaluate_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "core/data/summary.h"
#include "core/eval/spend_estimate.h"
#include "core/tokens/encoding.h"
#include "core/text/format.h"
#include "core/workflow/eval_batches.h"
#include "core/workflow/spend_estimates.h"
#include "ui/curve_plot.h"
#include "ui/item_hooks.h"
#include "ui/model_picker.h"
#include "ui/trials_table.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using workflow::CandidateDraft;

std::string duration(double seconds) {
    if (seconds < 0) return "…";
    char text[32];
    if (seconds < 90) {
        std::snprintf(text, sizeof text, "%.0f s", std::ceil(seconds));
    } else {
        std::snprintf(text, sizeof text, "%.0f min", std::ceil(seconds / 60));
    }
    return text;
}

// What adding an embeddings candidate would ask for, and what the page holds already: stated before
// anything is sent.
void draw_embedding_estimate(const workflow::State& state, const CandidateDraft& draft) {
    eval::Candidate candidate;
    candidate.profile = draft.profile;
    candidate.model = draft.embedding_model;
    candidate.dimensions = draft.dimensions;
    const auto found = state.embed.spaces.find(workflow::vector_space(state, candidate).key());
    if (found == state.embed.spaces.end() || found->second.cache == workflow::SpaceVectors::Cache::Reading) {
        ImGui::TextDisabled("Looking for vectors kept in this browser…");
        return;
    }
    const workflow::SpaceVectors& vectors = found->second;
    const int rows = draft.embedding_all_rows ? 1 : 0;
    const workflow::EmbedState& embed = state.embed;
    if (rows == 1 && !embed.all_rows_error.empty()) {
        wrapped(kErrorColor, embed.all_rows_error);
        return;
    }
    if (rows == 1 && (embed.all_rows_read || !embed.all_rows)) {
        ImGui::TextDisabled("Reading %s again for every labelled row…", state.data.dataset->file.name.c_str());
        return;
    }
    const std::size_t needed = embed.needed[rows].size();
    const std::string learns = rows == 1 ? text::with_commas(embed.all_rows->texts.size()) +
                                               " labelled rows outside validation and test"
                                         : "the split's " + text::with_commas(state.data.dataset->split.train.size()) +
                                               " training rows";
    wrapped("Learns from " + learns + ", chooses its strength on the validation rows, then answers the test rows: " +
                text::with_commas(needed) + " texts, " + text::with_commas(needed - std::min(needed, vectors.to_ask[rows])) +
                " of them kept in this browser. To embed: " + text::with_commas(vectors.to_ask[rows]) + " texts, " +
                (vectors.tokens_exact ? "" : "about ") +
                text::with_commas(static_cast<std::uint64_t>(vectors.tokens_to_ask[rows])) + " tokens, " +
                eval::cost_text(vectors.cost_to_ask[rows]) + ".",
            60);
    if (vectors.store.size() > 0) {
        ImGui::TextDisabled("Vectors in this page: %s of %d floats, %s (at most %s).",
                            text::with_commas(vectors.store.size()).c_str(), vectors.store.dims(),
                            text::format_bytes(vectors.store.bytes()).c_str(),
                            text::format_bytes(vectors.store.memory_limit()).c_str());
    }
}

void draw_add_candidate(const workflow::State& state, DraftText& model_field, DraftText& embedding_field,
                        std::vector<workflow::Intent>& intents) {
    const CandidateDraft& draft = state.eval.draft;
    CandidateDraft changed = draft;
    const float field = ImGui::GetFontSize() * 20;
    const bool embeddings = changed.method == eval::Method::Embeddings;
    bool dirty = embeddings ? draw_model_picker(state, /*fine_tuning=*/false, changed.profile, changed.embedding_model,
                                                embedding_field, field, intents)
                            : draw_model_picker(state, /*fine_tuning=*/false, changed.profile, changed.model, model_field,
                                                field, intents);
    int method = changed.method == eval::Method::FewShot ? 1 : embeddings ? 2 : 0;
    if (ImGui::RadioButton("Zero-shot", &method, 0)) dirty = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("Few-shot", &method, 1)) dirty = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("Embeddings + classifier", &method, 2)) dirty = true;
    help_marker("Each text is embedded once by the provider's embedding model (/v1/embeddings; local servers too), "
                "then a logistic regression is trained on the vectors in this page. Vectors are kept in this "
                "browser: a reload, a re-run or another split asks for none twice.");
    changed.method = method == 1 ? eval::Method::FewShot : method == 2 ? eval::Method::Embeddings : eval::Method::ZeroShot;
    if (changed.method == eval::Method::Embeddings) {
        ImGui::SetNextItemWidth(int_field_width(5, false));
        if (ImGui::InputInt("Dimensions", &changed.dimensions, 0, 0)) {
            changed.dimensions = std::clamp(changed.dimensions, 0, workflow::kMaxEmbeddingDimensions);
            dirty = true;
        }
        help_marker("0: the model's own length. OpenAI's text-embedding-3 models can return shorter vectors "
                    "(e.g. 256 or 512): less memory, a little less accuracy.");
        ImGui::SameLine();
        if (ImGui::RadioButton("Training rows", !changed.embedding_all_rows)) {
            changed.embedding_all_rows = false;
            dirty = true;
        }
        ImGui::SameLine();
        if (ImGui::RadioButton("Every labelled row", changed.embedding_all_rows)) {
            changed.embedding_all_rows = true;
            dirty = true;
        }
        help_marker("Every labelled row of the file outside the split's validation and test rows (up to 100,000, a "
                    "seeded sample beyond): more to learn from, more to embed. Not repeated over splits, as other "
                    "splits' test rows are among them.");
        if (draft.method == eval::Method::Embeddings) draw_embedding_estimate(state, draft);
    }
    if (changed.method == eval::Method::FewShot) {
        ImGui::SetNextItemWidth(int_field_width(3, true));
        if (ImGui::InputInt("Examples per class", &changed.shots, 1, 1) ) {
            changed.shots = std::clamp(changed.shots, 1, workflow::kMaxShots);
            dirty = true;
        }
        help_marker("Drawn from the training split with the split's seed; never a test row.");
    }
    if (dirty) intents.push_back(workflow::SetCandidateDraft{changed});
    if (ImGui::Button("Add candidate")) intents.push_back(workflow::AddCandidate{changed, {}});
    ImGui::SameLine();
    if (ImGui::Button("Add majority baseline")) {
        CandidateDraft majority;
        majority.method = eval::Method::Majority;
        intents.push_back(workflow::AddCandidate{majority, {}});
    }
    help_marker("Always answers the most frequent training label: the score any model must beat.");

    // Fine-tuned models and their checkpoints, from the jobs.
    for (const auto& tracked : state.finetune.jobs) {
        if (tracked.job.status != api::JobStatus::Succeeded || tracked.job.fine_tuned_model.empty()) continue;
        const auto offer = [&](const std::string& model_name, const std::string& source) {
            ImGui::PushID(model_name.c_str());
            if (ImGui::Button("Add")) {
                CandidateDraft tuned;
                tuned.profile = tracked.profile;
                tuned.model = model_name;
                intents.push_back(workflow::AddCandidate{tuned, source});
            }
            ImGui::PopID();
            ImGui::SameLine();
            ImGui::TextUnformatted((model_name + "  (" + source + ")").c_str());
        };
        offer(tracked.job.fine_tuned_model, "job " + tracked.job.id);
        for (const auto& checkpoint : tracked.checkpoints) {
            if (checkpoint.model.empty() || checkpoint.model == tracked.job.fine_tuned_model) continue;
            offer(checkpoint.model, "job " + tracked.job.id + ", step " + std::to_string(checkpoint.step));
        }
    }
    // The classifier trained in the browser joins by itself; this adds it back once removed.
    const workflow::LocalModelState& local = state.local;
    // A model trained on another split's rows is never scored here (some of them may be test rows now).
    const bool learnt_here = workflow::not_scored_here_because(state, local.facts).empty();
    if (local.model && learnt_here && state.eval.find(local.facts.candidate) == nullptr) {
        if (ImGui::Button("Add in-browser classifier")) intents.push_back(workflow::AddLocalCandidate{});
    } else if (!local.model && !local.run) {
        ImGui::TextDisabled("A classifier trained in the browser needs no key: train one in the Fine-tune step.");
    }
}

// A candidate not run yet: what running it would cost, marked as an estimate by "≈" (not by colour alone),
// with how it was worked out on hover.
void draw_estimate_cells(const eval::Candidate& candidate, const eval::SpendEstimate& estimate, bool can_batch) {
    ImGui::TableNextColumn();
    if (estimate.free) {
        ImGui::TextDisabled("–");
        ImGui::TableNextColumn();
        ImGui::TextDisabled("free");
        return;
    }
    // Each figure is recorded as an item, so automation reads what the person reads.
    const auto total = static_cast<std::uint64_t>(estimate.prompt_tokens + estimate.completion_tokens);
    const std::string token_count = "≈ " + text::with_commas(total);
    ImGui::TextUnformatted(token_count.c_str());
    record_last_item(token_count);
    const bool hovered_tokens = ImGui::IsItemHovered();
    ImGui::TableNextColumn();
    const std::string cost = estimate.dollars ? "≈ " + eval::cost_text(estimate.dollars) : eval::cost_text(std::nullopt);
    ImGui::TextUnformatted(cost.c_str());
    record_last_item(cost);
    bool hovered = hovered_tokens || ImGui::IsItemHovered();
    if (can_batch && estimate.dollars) {
        // Under the live figure, said in words: the choice is made by the row's buttons.
        const std::string batch = "batch ≈ " + eval::cost_text(*estimate.dollars * prompt::kBatchPriceFactor);
        ImGui::TextDisabled("%s", batch.c_str());
        record_last_item(batch);
        hovered = hovered || ImGui::IsItemHovered();
    }
    if (!hovered) return;
    const bool embeddings = candidate.method == eval::Method::Embeddings;
    const auto encoding = tokens::encoding_for_model(candidate.model);
    std::string how = "Estimated before running; nothing is spent until Run.\n";
    if (embeddings) {
        how += text::with_commas(estimate.rows) + " texts to embed (those kept in this browser are not asked again), " +
               text::with_commas(static_cast<std::uint64_t>(estimate.prompt_tokens)) + " tokens";
    } else {
        how += text::with_commas(estimate.rows) + " rows: " +
               text::with_commas(static_cast<std::uint64_t>(estimate.prompt_tokens)) + " prompt tokens and " +
               text::with_commas(static_cast<std::uint64_t>(estimate.completion_tokens)) +
               " answer tokens (each answer as long as the longest label)";
    }
    if (estimate.exact && encoding) {
        how += ", counted with " + std::string(tokens::encoding_name(*encoding)) + ".";
    } else if (encoding) {
        how += ", estimated at 3 bytes a token until the " + std::string(tokens::encoding_name(*encoding)) +
               " tokenizer has loaded.";
    } else {
        how += ", estimated at 3 bytes a token (this model's tokenizer is not known here).";
    }
    how += estimate.dollars ? "\nPriced from the price table (Fine-tune step), Standard tier."
                            : "\nThe price table (Fine-tune step) has no price for this model.";
    if (can_batch) how += "\nRun as batch sends the rows through the provider's Batch API: answers within 24 hours, at half the price.";
    // Wrapped: unwrapped, it barely fits a 1024 px window.
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::TextUnformatted(how.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// A problem of the candidate on a row of its own, under its name and wrapped within that column: a long
// message never widens the columns of the figures or pushes the row's buttons off screen.
void draw_problem_row(const std::string& text) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kErrorColor, "%s", text.c_str());
    ImGui::PopTextWrapPos();
}

// The candidate's batches under its name, each with what it is doing, and Cancel (asked first) once the
// provider has it.
void draw_batches(const eval::Evaluation& e, std::vector<workflow::Intent>& intents) {
    for (const api::BatchRecord& record : e.batches) {
        ImGui::PushID(record.client_id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        const std::string summary = workflow::batch_summary(record);
        ImGui::TextUnformatted(summary.c_str());
        record_last_item(summary);
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(ImGui::TableGetColumnCount() - 1);
        const auto status = api::batch_status_from(record.status);
        const bool cancellable = !record.batch_id.empty() && !api::is_final(status) && status != api::BatchStatus::Cancelling;
        if (cancellable && ImGui::Button("Cancel batch…")) ImGui::OpenPopup("cancel batch");
        if (!e.batch_problem.empty()) {
            if (cancellable) ImGui::SameLine();
            if (ImGui::Button("Check batch")) intents.push_back(workflow::CheckBatch{record.client_id});
        }
        if (confirm_popup("cancel batch",
                          "Cancel batch " + record.batch_id + "? The rows it has answered are kept (and billed); the others "
                          "are not run,\nand Run or Run as batch asks them again.",
                          "Cancel the batch", "Keep it")) {
            intents.push_back(workflow::CancelBatch{e.id, record.client_id});
        }
        ImGui::PopID();
    }
    if (!e.batch_problem.empty()) draw_problem_row(e.batch_problem);
}

// The width of buttons with these labels side by side.
float buttons_width(std::initializer_list<const char*> labels) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = -style.ItemSpacing.x;
    for (const char* label : labels) width += ImGui::CalcTextSize(label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    return width;
}

// The buttons column's width for `e`'s row: its widest first set (Run and Run as batch, Resume and
// Cancel…) and Remove. The width does not follow the phase, so the figures never move as buttons come and
// go; the rarer ones (Retry failed, Re-run…) go on a line below when they do not fit beside them.
float row_buttons_width(const workflow::State& state, const eval::Evaluation& e) {
    if (e.candidate.method == eval::Method::Majority) return buttons_width({"Remove"});
    if (e.candidate.method == eval::Method::Local) return buttons_width({"Answer", "Remove"});
    const float start = workflow::can_batch(state.providers, e.candidate) ? buttons_width({"Run", "Run as batch"})
                                                                         : buttons_width({"Run"});
    return std::max({start, buttons_width({"Resume", "Cancel"}), buttons_width({"Pause", "Cancel"})}) +
           ImGui::GetStyle().ItemSpacing.x + buttons_width({"Remove"});
}

void draw_candidate_row(const workflow::State& state, const eval::Evaluation& e, const eval::CandidateReport* report,
                        double now, std::vector<workflow::Intent>& intents) {
    ImGui::PushID(e.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // The name wraps in its column, which takes what the figures and buttons leave: a long name never
    // pushes the buttons off a 1024 px page.
    ImGui::AlignTextToFramePadding();  // level with the row's buttons
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(eval::candidate_name(e.candidate).c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemHovered()) {
        const char* how = e.candidate.method == eval::Method::Local ? "\nThe class the in-browser classifier finds most probable."
                          : e.candidate.structured                ? "\nAnswers through a JSON schema of the labels."
                                                                  : "\nAnswers in free text, normalised to a label.";
        ImGui::SetTooltip("%s%s%s", e.id.c_str(), how,
                          e.candidate.source.empty() ? "" : ("\nFrom " + e.candidate.source).c_str());
    }
    if (state.eval.repeats > 1 && e.candidate.method != eval::Method::Majority) {
        const std::string why = eval::not_repeatable_because(e.candidate);
        const eval::RepeatScores* repeat = state.eval.repeat(e.id);
        if (why.empty() && e.candidate.method == eval::Method::Local) {
            ImGui::TextDisabled("%zu of %d splits scored%s", repeat ? repeat->accuracies.size() : 0, state.eval.repeats,
                                state.local.split_run ? ", training on the next" : "");
        } else if (why.empty()) {
            ImGui::TextDisabled("%zu of %zu rows for %d splits", repeat ? repeat->rows_answered : 0,
                                state.eval.all_rows.size(), state.eval.repeats);
        } else {
            ImGui::TextDisabled("one split only: %s", why.c_str());
        }
    }
    ImGui::TableNextColumn();
    const eval::Tally t = report ? report->tally : eval::Tally{};
    const std::size_t settled = t.answered + t.failed;
    char progress[64];
    std::snprintf(progress, sizeof progress, "%zu / %zu", settled, t.rows);
    float done = t.rows ? static_cast<float>(settled) / static_cast<float>(t.rows) : 0.0f;
    if (e.candidate.method == eval::Method::Embeddings && e.phase != eval::Phase::Idle) {
        // Before it answers: the vectors it needs, then its classifier's training.
        const workflow::VectorTraining* training = state.embed.training.get();
        if (training != nullptr && training->id == e.id) {
            std::snprintf(progress, sizeof progress, "training %zu/%zu", training->search->trials().size() + 1,
                          training->search->grid_size());
            done = static_cast<float>(training->search->progress());
        } else if (const int rows = e.candidate.all_rows ? 1 : 0;
                   state.embed.needed[rows].size() > 0 && settled == 0) {
            const std::size_t needed = state.embed.needed[rows].size();
            const auto space = state.embed.spaces.find(workflow::vector_space(state, e.candidate).key());
            const std::size_t held =
                space == state.embed.spaces.end() ? 0 : needed - std::min(needed, space->second.to_ask[rows]);
            std::snprintf(progress, sizeof progress, e.phase == eval::Phase::Paused ? "paused, vectors %zu/%zu" : "vectors %zu/%zu",
                          held, needed);
            done = static_cast<float>(held) / static_cast<float>(needed);
        }
    }
    std::string label = progress;
    std::size_t batched = 0;
    for (const api::BatchRecord& record : e.batches) batched += record.custom_ids.size();
    if (batched > 0) label += ", " + text::with_commas(batched) + " in batch";  // said, not only a bar's colour
    if (e.phase == eval::Phase::Running && settled < t.rows) {
        // The time left goes with the progress it follows from, which saves a column at 1024 px.
        label += ", " + duration(eval::seconds_left(e, t.rows - settled, now)) + " left";
    }
    ImGui::ProgressBar(done, ImVec2(ImGui::GetFontSize() * 10, 0), label.c_str());
    ImGui::TableNextColumn();
    if (t.answered) {
        ImGui::Text("%.3f", report->accuracy);
    } else {
        ImGui::TextDisabled("–");
    }
    ImGui::TableNextColumn();
    ImGui::Text("%zu", t.invalid);
    if (t.failed) ImGui::TextColored(kErrorColor, "%zu failed", t.failed);  // under the count: a narrow column
    const bool can_batch = workflow::can_batch(state.providers, e.candidate);
    const eval::SpendEstimate* estimate = state.eval.estimate(e.id);
    if (settled == 0 && estimate != nullptr) {
        draw_estimate_cells(e.candidate, *estimate, can_batch);
    } else {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(text::with_commas(static_cast<std::uint64_t>(t.prompt_tokens + t.completion_tokens)).c_str());
        ImGui::TableNextColumn();
        const bool free = e.candidate.method == eval::Method::Majority || e.candidate.method == eval::Method::Local;
        if (free) {
            ImGui::TextDisabled("free");  // nobody is paid
        } else if (report != nullptr && (settled > 0 || e.phase != eval::Phase::Idle)) {
            ImGui::TextUnformatted(eval::cost_text(report->cost).c_str());
        } else {
            ImGui::TextDisabled("–");  // not run, and no estimate yet (its vectors kept here are being looked for)
        }
    }
    ImGui::TableNextColumn();
    const bool local = e.candidate.method == eval::Method::Local;
    const bool asks = e.candidate.method != eval::Method::Majority && !local;
    // The row's buttons side by side (the column is as wide as they are); the first of them starts the cell
    // (a SameLine before it would put it on the line of the cell before).
    bool first = true;
    const float cell_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const auto button = [&first, cell_right](const char* label) {
        // Beside the one before while it fits in the column (its width is fixed: row_buttons_width), else below.
        if (!first && ImGui::GetItemRectMax().x + buttons_width({label}) + ImGui::GetStyle().ItemSpacing.x <= cell_right + 0.5f) {
            ImGui::SameLine();
        }
        first = false;
        return ImGui::Button(label);
    };
    if (local && settled < t.rows && button("Answer")) intents.push_back(workflow::RunEvaluation{e.id});
    if (asks && e.phase == eval::Phase::Running) {
        if (button("Pause")) intents.push_back(workflow::PauseEvaluation{e.id});
        if (button("Cancel")) intents.push_back(workflow::CancelEvaluation{e.id});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop asking. Rows already asked still arrive and are kept.");
    } else if (asks && e.phase == eval::Phase::Paused) {
        if (button("Resume")) intents.push_back(workflow::RunEvaluation{e.id});
        if (button("Cancel")) intents.push_back(workflow::CancelEvaluation{e.id});
    } else if (asks && !eval::rows_to_ask(e, state.eval.rows_for(e, state.data.dataset->split.test), 1).empty()) {
        if (button("Run")) intents.push_back(workflow::RunEvaluation{e.id});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ask the rows left now, a few at a time, at the live price.");
        if (can_batch && button("Run as batch")) intents.push_back(workflow::RunAsBatch{e.id});
        if (can_batch && ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Send the rows left through the provider's Batch API: answers within 24 hours, at half "
                              "the price. It is saved with the experiment and watched across reloads.");
        }
    }
    if (asks && t.failed && e.phase != eval::Phase::Running && button("Retry failed")) {
        if (can_batch) {
            ImGui::OpenPopup("retry");
        } else {
            intents.push_back(workflow::RetryFailedRows{e.id});
        }
    }
    if (ImGui::BeginPopup("retry")) {
        ImGui::Text("Ask the %zu refused rows again:", t.failed);
        if (ImGui::Button("Now")) {
            intents.push_back(workflow::RetryFailedRows{e.id});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("In a new batch")) {
            intents.push_back(workflow::RetryFailedRows{e.id, /*now=*/false});
            intents.push_back(workflow::RunAsBatch{e.id});
            ImGui::CloseCurrentPopup();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Through the provider's Batch API: within 24 hours, at half the price.");
        ImGui::EndPopup();
    }
    if (asks && t.answered && button("Re-run…")) ImGui::OpenPopup("rerun");
    if (button("Remove")) ImGui::OpenPopup("remove");
    if (ImGui::BeginPopup("rerun")) {
        if (e.candidate.method == eval::Method::Embeddings) {
            ImGui::Text("Forget %zu answers and train the classifier again? The vectors kept are used: nothing is paid again.",
                        t.answered);
        } else {
            ImGui::Text("Forget %zu answers and ask every row again? That is paid for again.", t.answered);
        }
        const bool embeddings = e.candidate.method == eval::Method::Embeddings;
        if (ImGui::Button(embeddings ? "Train again from the kept vectors" : "Ask every row again")) {
            intents.push_back(workflow::RerunEvaluation{e.id});
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopup("remove")) {
        ImGui::Text("Remove %s and its %zu answers?", eval::candidate_name(e.candidate).c_str(), t.answered);
        if (!e.batches.empty()) {
            ImGui::TextColored(kErrorColor, "Its %zu batches go on at the provider, billed, and their answers are never read:\n"
                               "cancel them first (Cancel batch…) if they are not wanted.", e.batches.size());
        }
        if (ImGui::Button("Remove it")) {
            intents.push_back(workflow::RemoveCandidate{e.id});
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (!e.stopped_because.empty()) draw_problem_row(e.stopped_because);
    draw_batches(e, intents);
    ImGui::PopID();
}

// Other splits' results: listed, never shown against this split's rows; switching draws their split again.
void draw_other_splits(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const auto& shelved = state.eval.shelved;
    if (shelved.empty()) return;
    ImGui::SeparatorText("Results kept for other splits");
    ImGui::TextDisabled("Computed on other rows, so not shown here. Switch to a split to see them again.");
    const std::string current_file = state.data.dataset ? state.data.dataset->file.name : std::string();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("other-splits", 3, flags)) return;
    for (const char* column : {"Split", "Results", ""}) ImGui::TableSetupColumn(column);
    ImGui::TableHeadersRow();
    for (const workflow::ShelvedResults& aside : shelved) {
        ImGui::PushID(aside.split.id.c_str());
        std::size_t answers = 0;
        for (const eval::Evaluation& e : aside.evaluations) answers += e.answers.size();
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(workflow::describe(aside.split, current_file).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu %s, %s answers", aside.evaluations.size(), aside.evaluations.size() == 1 ? "candidate" : "candidates",
                    text::with_commas(answers).c_str());
        ImGui::TableNextColumn();
        if (ImGui::Button("Switch to this split")) intents.push_back(workflow::SwitchToSplit{aside.split.id});
        ImGui::SameLine();
        if (ImGui::Button("Delete…")) ImGui::OpenPopup("delete-split");
        if (ImGui::BeginPopup("delete-split")) {
            ImGui::Text("Forget %s answers computed on this split? Asking them again is paid for again.",
                        text::with_commas(answers).c_str());
            if (ImGui::Button("Delete these results")) {
                intents.push_back(workflow::DeleteSplitResults{aside.split.id});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndPopup();
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace

// How an embeddings candidate chose its strength: validation accuracy and loss for each C tried (on a
// log scale, the grid being decades apart), then every trial in a table.
void EvaluatePanel::draw_strengths(const workflow::State& state, const eval::Evaluation& e, PlotTools& tools,
                                   std::vector<workflow::Intent>& intents) {
    plot::Series accuracy{"embeddings", "Validation accuracy", {}}, loss{"embeddings", "Validation loss", {}};
    for (const linear::Trial& t : e.trials) {
        if (t.strength <= 0 || (e.trials.size() > 1 && &t == &e.trials.back() && t.rows != e.trials.front().rows)) {
            continue;  // the chosen C refitted on every row is not a point of the grid's curve
        }
        if (!std::isnan(t.accuracy)) plot::add_point(accuracy, {std::log10(t.strength), t.accuracy});
        if (!std::isnan(t.loss)) plot::add_point(loss, {std::log10(t.strength), t.loss});
    }
    const std::string rows = text::with_commas(state.data.dataset ? state.data.dataset->split.validation.size() : 0) +
                             " validation rows";
    const char* const x_title = "Strength C, log10 (larger: weaker L2 penalty)";
    // Accuracy and loss apart: on one axis the loss's range flattens the accuracy.
    const auto draw = [&](const char* id, const plot::Series& series, const char* y_title, const char* stem) {
        const std::vector<plot::Series> one = {series};
        const CurvePlotText text{eval::candidate_name(e.candidate) + ": " + series.name + " by strength", {x_title, y_title},
                                 rows, stem};
        // Five points a decade apart are not a noisy curve: shown raw, not smoothed.
        const auto [view, added] = strength_views_.try_emplace(e.id + "/" + id);
        if (added) view->second.smoothing = 0;
        draw_curve_plot(tools, id, text, one, view->second, ImGui::GetFontSize() * 16, intents);
    };
    draw("Strength accuracy", accuracy, "Validation accuracy (share right)", "embeddings-classifier-accuracy-by-strength");
    draw("Strength loss", loss, "Validation loss (mean −log p of the true class)", "embeddings-classifier-loss-by-strength");
    ImGui::TextDisabled("The chosen C has the best validation accuracy; of equal ones, the lowest loss.");
    draw_trials(e.trials, e.best_trial);
}

void EvaluatePanel::draw(const workflow::State& state, const Fonts& fonts, double now, PlotTools& tools,
                         std::vector<workflow::Intent>& intents) {
    heading(fonts, "Evaluate");
    if (state.data.dataset && state.data.dataset->summary.needs_columns()) {
        wrapped(kErrorColor, state.data.dataset->file.name + ": " + data::missing_columns(state.data.dataset->summary, state.data.load));
        return;
    }
    if (!state.data.dataset || state.data.dataset->split.test.empty()) {
        wrapped("Open data and draw a split in the Data step first: every candidate is scored on its test rows.", 48);
        return;
    }
    const data::Split& split = state.data.dataset->split;
    wrapped("Every candidate answers the same " + std::to_string(split.test.size()) +
                " test rows. A chat model is asked at temperature 0 with the prompt it was added with (the Prompt "
                "step's at that moment); an embeddings candidate and the in-browser classifier read the texts as "
                "they are. Each answer is kept the moment it arrives: a reload goes on with the rows still missing.",
            48);

    ImGui::SeparatorText("Add a candidate");
    draw_add_candidate(state, model_, embedding_model_, intents);

    ImGui::SeparatorText("Candidates");
    ImGui::TextDisabled("On the split %s.", workflow::describe(state.eval.split, state.data.dataset->file.name).c_str());
    if (state.eval.evaluations.empty()) {
        ImGui::TextDisabled("No candidates yet.");
        draw_other_splits(state, intents);
        return;
    }
    int concurrency = state.eval.concurrency;
    ImGui::SetNextItemWidth(int_field_width(3, true));
    if (ImGui::InputInt("Requests at once", &concurrency, 1, 1) && concurrency != state.eval.concurrency) {
        intents.push_back(workflow::SetConcurrency{concurrency});
    }
    help_marker("Per provider. After a 429 (rate limit) Tuneboard sends fewer for a while, then more again.");
    ImGui::SameLine();
    if (ImGui::Button("Run all")) intents.push_back(workflow::RunEvaluation{});
    ImGui::SameLine();
    if (ImGui::Button("Pause all")) intents.push_back(workflow::PauseEvaluation{});
    if (const std::string total = workflow::run_all_text(state.eval); !total.empty()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(total.c_str());
        record_last_item(total);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("The candidates' estimates in the Cost column added up: what Run all would spend on the "
                              "rows still to ask.");
        }
    }
    const bool any_batch = std::any_of(state.eval.evaluations.begin(), state.eval.evaluations.end(), [&](const eval::Evaluation& e) {
        return workflow::can_batch(state.providers, e.candidate);
    });
    if (any_batch) {
        int seconds = static_cast<int>(state.eval.batch_check_seconds);
        ImGui::SetNextItemWidth(int_field_width(4, true));
        if (ImGui::InputInt("Check batches every (s)", &seconds, 1, 10) && seconds != static_cast<int>(state.eval.batch_check_seconds)) {
            intents.push_back(workflow::SetBatchCheckSeconds{seconds});
        }
        help_marker("How soon a batch is first looked at; each look that finds it unchanged waits half as long again, up "
                    "to a minute.");
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("candidates", 7, flags)) {
        // Figures get the width of the widest they can show, set before they grow: a column fitted to
        // last frame's content lets a growing count (tokens, while running) spill into the next one.
        const auto wide = [](const char* widest) { return ImGui::CalcTextSize(widest).x; };
        ImGui::TableSetupColumn("Candidate", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Rows", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
        ImGui::TableSetupColumn("Accuracy", ImGuiTableColumnFlags_WidthFixed, wide("Accuracy"));
        ImGui::TableSetupColumn("Invalid", ImGuiTableColumnFlags_WidthFixed, wide("100 failed"));
        ImGui::TableSetupColumn("Tokens", ImGuiTableColumnFlags_WidthFixed, wide("99,999,999"));
        ImGui::TableSetupColumn("Cost", ImGuiTableColumnFlags_WidthFixed, std::max(wide("price unknown"), wide("batch ≈ $0.0000")));
        float buttons = 0;
        for (const eval::Evaluation& e : state.eval.evaluations) buttons = std::max(buttons, row_buttons_width(state, e));
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, buttons);
        ImGui::TableHeadersRow();
        for (const eval::Evaluation& e : state.eval.evaluations) {
            draw_candidate_row(state, e, state.eval.report(e.id), now, intents);
        }
        ImGui::EndTable();
    }
    for (const eval::Evaluation& e : state.eval.evaluations) {
        if (e.candidate.method != eval::Method::Embeddings || e.trials.empty()) continue;
        ImGui::PushID(e.id.c_str());
        if (ImGui::CollapsingHeader(("How " + eval::candidate_name(e.candidate) + " chose its strength").c_str())) {
            ImGui::TextDisabled("Logistic regression on the standardised vectors; each strength C scored on the "
                                "validation rows, the best kept.");
            draw_strengths(state, e, tools, intents);
        }
        ImGui::PopID();
    }
    draw_other_splits(state, intents);
}

}  // namespace tb::ui
