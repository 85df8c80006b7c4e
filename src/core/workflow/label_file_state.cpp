#include "core/workflow/label_file_state.h"

#include <algorithm>

#include "core/eval/candidate.h"
#include "core/workflow/eval_batches.h"
#include "core/workflow/label_vectors.h"
#include "core/workflow/state.h"

namespace tb::workflow {

std::string open_file_unavailable_because(const State& state) {
    if (std::string why = reread_unavailable_because(state, "to label it"); !why.empty()) return why;
    if (state.data.dataset->summary.text_column < 0) return "Choose the file's text column first (Data step).";
    return {};
}

std::string label_file_unavailable_because(const State& state) {
    if (state.label_file.batch) return label_batches_unwritable_because(state);
    const std::string& source = state.label_file.source;
    if (!source.empty()) {
        return labels_with_vectors(state, source) ? label_vectors_unavailable_because(state, source)
                                                  : label_batch_unavailable_because(state, source);
    }
    const LocalModelState& local = state.local;
    if (!state.data.dataset) return "Open a dataset first.";
    if (!local.model) {
        return local.weights == LocalModelState::Weights::Missing
                   ? "The in-browser classifier's weights are not in this browser: train it again, or load its .tbmodel file."
                   : "Train the in-browser classifier (Fine-tune step) first: its answers on the test rows show here, "
                     "then it can label the whole file.";
    }
    return open_file_unavailable_because(state);
}

std::vector<LabelSource> label_file_sources(const State& state) {
    std::vector<LabelSource> out{{"", "In-browser classifier (in this tab, no key)"}};
    for (const eval::Evaluation& evaluation : state.eval.evaluations) {
        if (evaluation.candidate.method == eval::Method::Embeddings) {
            out.push_back({evaluation.id, eval::candidate_name(evaluation.candidate) + " · in this tab"});
        } else if (can_batch(state.providers, evaluation.candidate)) {
            out.push_back({evaluation.id, eval::candidate_name(evaluation.candidate) + " · Batch API"});
        }
    }
    return out;
}

std::string label_file_model_name(const State& state) {
    if (!state.label_file.source.empty()) {
        const eval::Evaluation* evaluation = state.eval.find(state.label_file.source);
        return evaluation != nullptr ? eval::candidate_name(evaluation->candidate) : std::string();
    }
    if (const eval::Evaluation* evaluation = state.eval.find(state.local.facts.candidate)) {
        return eval::candidate_name(evaluation->candidate);
    }
    return "In-browser classifier · " + local_model_label(state.local.facts);
}

std::uint64_t label_file_rows(const State& state) {
    return state.data.dataset ? state.data.dataset->summary.rows : 0;
}

double label_rows_per_second(const LabelFileState& label) {
    return label.seconds > 0 ? static_cast<double>(label.rows) / label.seconds : 0;
}

double label_done_fraction(const LabelFileState& label, std::uint64_t total_rows) {
    double done = label.bytes > 0 ? static_cast<double>(label.bytes_read) / static_cast<double>(label.bytes) : 0;
    // Rows read may wait for their answers (an embeddings candidate's vectors): the rows written say more.
    if (total_rows > 0) done = std::min(done, static_cast<double>(label.rows) / static_cast<double>(total_rows));
    return std::clamp(done, 0.0, 1.0);
}

double label_seconds_left(const LabelFileState& label, std::uint64_t total_rows) {
    const double done = label_done_fraction(label, total_rows);
    if (label.seconds < 0.5 || done <= 0) return -1;
    return (1 - done) * label.seconds / done;
}

std::string_view label_phase_key(LabelFileState::Phase phase) {
    switch (phase) {
    case LabelFileState::Phase::Idle: return "idle";
    case LabelFileState::Phase::Opening: return "opening";
    case LabelFileState::Phase::Running: return "running";
    case LabelFileState::Phase::Closing: return "closing";
    case LabelFileState::Phase::Done: return "done";
    case LabelFileState::Phase::Failed: return "failed";
    case LabelFileState::Phase::Cancelled: return "cancelled";
    }
    return "idle";
}

nlohmann::json label_file_json(const State& state) {
    const LabelFileState& label = state.label_file;
    nlohmann::json out = {{"onlyUnlabelled", label.only_unlabelled},
                          {"unavailable", label_file_unavailable_because(state)},
                          {"phase", label_phase_key(label.phase)},
                          {"source", label.source},
                          {"rowsPerBatch", label.rows_per_batch},
                          {"model", state.local.model || !label.source.empty() ? label_file_model_name(state) : ""},
                          {"sending", label.sending},
                          {"fileRows", label_file_rows(state)},
                          {"file", label.file},
                          {"output", label.output},
                          {"parts", label.parts},
                          {"partsWritten", label.parts_written},
                          {"bytes", label.bytes},
                          {"bytesRead", label.bytes_read},
                          {"rows", label.rows},
                          {"labelled", label.labelled},
                          {"seconds", label.seconds},
                          {"rowsPerSecond", label_rows_per_second(label)},
                          {"secondsLeft", label_seconds_left(label, label_file_rows(state))},
                          {"message", label.message},
                          {"vectors", {{"training", label.training},
                                       {"textsAsked", label.texts_asked},
                                       {"fromHeld", label.rows_from_held},
                                       {"tokens", label.embedding_tokens}}}};
    if (label.batch) {
        const LabelBatchJob& job = *label.batch;
        nlohmann::json parts = nlohmann::json::array();
        for (const LabelBatchPart& part : job.parts) {
            parts.push_back({{"clientId", part.record.client_id},
                             {"batchId", part.record.batch_id},
                             {"status", part.record.status},
                             {"rows", part.rows},
                             {"taken", part.taken},
                             {"answered", part.answered},
                             {"notRun", part.not_run},
                             {"problem", part.problem}});
        }
        out["batch"] = {{"candidate", job.candidate}, {"file", job.file},
                        {"allSent", job.all_sent},    {"asked", job.asked},
                        {"done", label_batches_done(job)}, {"answered", label_batches_answered(job)},
                        {"unanswered", label_batches_unanswered(job)}, {"parts", parts}};
    } else {
        out["batch"] = nullptr;
    }
    return out;
}

}  // namespace tb::workflow
