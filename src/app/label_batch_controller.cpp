#include "app/label_batch_controller.h"

#include <algorithm>
#include <variant>

#include "app/batch_cancel.h"
#include "core/api/create_job_flow.h"
#include "core/text/format.h"
#include "core/workflow/chat_asking.h"
#include "core/workflow/eval_batches.h"
#include "platform/main_loop.h"
#include "platform/timer.h"

namespace tb::app {

namespace {
using Level = workflow::Status::Level;
using Kind = api::FlowStep::Kind;

std::string flow_key(const std::string& client_id) { return "label-batch:" + client_id; }

// The input files of the file's batches are held in memory until uploaded (one filling, one full, one
// uploading at most): far under the provider's 200 MB each, so the tab stays well inside its memory.
constexpr std::uint64_t kFileBatchBytes = 32ull << 20;

// A batch whose watching stopped (the network down, say) is looked at again after this long.
constexpr double kRestSeconds = 60;
}  // namespace

LabelBatchController::LabelBatchController(workflow::State& state, FlowRunner& flows, ProvidersController& providers,
                                           LabelFileController& passes)
    : state_(state), flows_(flows), providers_(providers), passes_(passes) {}

void LabelBatchController::send() {
    workflow::LabelFileState& label = state_.label_file;
    if (passes_.busy() || label.batch) return;
    if (const std::string why = workflow::label_batch_unavailable_because(state_, label.source); !why.empty()) {
        state_.set_status(Level::Error, why);
        return;
    }
    const eval::Evaluation& e = *state_.eval.find(label.source);
    if (const std::string missing = providers_.missing_key(e.candidate.profile); !missing.empty()) {
        state_.set_status(Level::Error, missing);
        return;
    }
    const workflow::Dataset& dataset = *state_.data.dataset;
    workflow::LabelBatchJob job;
    job.candidate = e.id;
    job.name = eval::candidate_name(e.candidate);
    job.profile = e.candidate.profile;
    job.model = e.candidate.model;
    job.structured = e.candidate.structured;
    job.classes = dataset.split.classes;
    job.file = dataset.file.name;
    job.bytes = dataset.file.bytes;
    job.only_unlabelled = label.only_unlabelled;
    label.batch = std::move(job);
    label.batch_unsaved = true;
    ++job_;
    answers_.reset();
    resting_.clear();
    cancel_asked_.clear();
    cancelling_ = false;
    asking_again_ = false;
    read_into_batches(e, {});
}

void LabelBatchController::send_again() {
    workflow::LabelFileState& label = state_.label_file;
    if (passes_.busy() || !label.batch || !workflow::label_batches_done(*label.batch)) return;
    std::string why = workflow::label_batches_unwritable_because(state_);
    if (why.empty()) why = workflow::label_batch_unavailable_because(state_, label.batch->candidate);
    if (why.empty()) why = providers_.missing_key(label.batch->profile);
    if (!why.empty()) {
        state_.set_status(Level::Error, why);
        return;
    }
    label.only_unlabelled = label.batch->only_unlabelled;  // the rows the job answers
    label.batch->all_sent = false;
    label.batch_unsaved = true;
    cancelling_ = false;
    asking_again_ = true;
    parts_before_ = label.batch->parts.size();
    read_into_batches(*state_.eval.find(label.batch->candidate),
                      [answered = answers()](std::uint64_t row) { return answered.at(row) >= 0; });
}

void LabelBatchController::read_into_batches(const eval::Evaluation& e, eval::BatchQuestions::Skip skip) {
    const workflow::LabelFileState& label = state_.label_file;
    const auto api = workflow::batch_api_for(state_.providers, e.candidate.profile);
    const workflow::Dataset& dataset = *state_.data.dataset;
    auto asking = workflow::chat_asking(dataset, e.candidate);
    if (!api || !std::holds_alternative<workflow::ChatAsking>(asking)) return;  // checked by the callers
    const std::vector<std::string>& classes = label.batch->classes;
    // Each row is asked exactly as the live path asks a row of the split: the same prompt, shots and classes.
    auto make = [asking = std::get<workflow::ChatAsking>(std::move(asking)), candidate = e.candidate, classes,
                 endpoint = providers_.endpoint(e.candidate.profile)](const eval::RowQuestion& question) {
        data::SplitRow row;
        row.row = question.row;
        row.fields.assign(question.fields.begin(), question.fields.end());
        return workflow::row_request(asking, candidate, row, classes, endpoint);
    };
    const api::BatchInputLimits limits{static_cast<std::size_t>(std::clamp(label.rows_per_batch, 1, workflow::kMaxRowsPerBatch)),
                                       kFileBatchBytes};
    auto questions = std::make_unique<eval::BatchQuestions>(classes, std::move(make), api->line_url, limits, std::move(skip));
    questions_ = questions.get();
    LabelFileController::Pass pass;
    pass.labeller = std::move(questions);
    pass.model = label.batch->name;
    pass.write = false;
    // A full input file waits for the one before it to be uploaded: the file is read no faster than that.
    pass.hold = [this] { return questions_ != nullptr && questions_->has_full(); };
    pass.on_end = [this, job = job_](eval::RowLabeller& labeller, bool finished) {
        if (job == job_) first_pass_ended(labeller, finished);
    };
    passes_.run(std::move(pass));
}

void LabelBatchController::first_pass_ended(eval::RowLabeller& labeller, bool finished) {
    auto& questions = static_cast<eval::BatchQuestions&>(labeller);
    questions_ = nullptr;
    workflow::LabelFileState& label = state_.label_file;
    if (!label.batch) return;
    if (finished) {
        while (questions.has_full()) start_part(questions.take_full());
        if (eval::FileBatch last = questions.finish(); last.rows > 0) start_part(std::move(last));
        // Asking again, a row none could take is refused again: it is already counted.
        if (!asking_again_) label.batch->unsendable = questions.refused_count();
    }
    label.batch->all_sent = true;
    label.batch_unsaved = true;
    if (label.batch->parts.empty()) {
        // Nothing went to the provider: there is nothing to watch or keep.
        label.batch.reset();
        if (finished) {
            label.message = questions.refused_count() > 0
                                ? "No row could go in a batch: " + questions.refused().front().why
                                : "No row of the file has a text to ask about.";
            state_.set_status(Level::Error, label.message);
        }
        return;
    }
    const workflow::LabelBatchJob& job = *label.batch;
    if (asking_again_) {
        asking_again_ = false;
        const std::uint64_t rows = questions.asked();
        const std::size_t batches = job.parts.size() - parts_before_;
        label.message = rows == 0 ? std::string("No unanswered row could be asked again.")
                                  : "Asking again: " + text::with_commas(rows) + " rows in " + std::to_string(batches) +
                                        (batches == 1 ? " new batch." : " new batches.");
        state_.set_status(Level::Info, label.message);
        return;
    }
    std::string said = text::with_commas(job.asked) + " rows sent as " +
                       (job.parts.size() == 1 ? std::string("a batch") : std::to_string(job.parts.size()) + " batches") +
                       " to " + job.name + " (results within 24 h, at the batch price).";
    if (!finished) said = "Reading stopped: only the " + said;
    if (job.unsendable > 0) {
        said += " " + text::with_commas(job.unsendable) + " rows could not go in a batch (" +
                questions.refused().front().why + ") and stay unanswered.";
    }
    label.message = said;
    state_.set_status(Level::Info, said);
}

void LabelBatchController::start_part(eval::FileBatch batch) {
    workflow::LabelBatchJob& job = *state_.label_file.batch;
    workflow::LabelBatchPart part;
    const auto seed = static_cast<unsigned long long>(platform::epoch_seconds() * 1000) + job.parts.size() * 7919 + batch.rows;
    part.record.client_id = api::make_client_id(seed);
    part.first_row = batch.first_row;
    part.last_row = batch.last_row;
    part.rows = batch.rows;
    if (!asking_again_) job.asked += batch.rows;
    // Saved with the job before anything is sent: after a reload it is found again, never made twice.
    job.parts.push_back(part);
    state_.label_file.batch_unsaved = true;
    watch(part, std::move(batch.input));
}

void LabelBatchController::watch(const workflow::LabelBatchPart& part, api::BatchInputFile input) {
    const workflow::LabelBatchJob& job = *state_.label_file.batch;
    const auto api = workflow::batch_api_for(state_.providers, job.profile);
    if (!api) return;
    auto flow = std::make_unique<api::BatchFlow>(*api, providers_.endpoint(job.profile), part.record, std::move(input),
                                                 workflow::batch_flow_settings(state_.eval.batch_check_seconds),
                                                 static_cast<unsigned long long>(platform::epoch_seconds() * 1000));
    flows_.run(flow_key(part.record.client_id), job.profile, std::move(flow),
               [this, job = job_, client_id = part.record.client_id](api::Flow& flow, const api::FlowStep& step) {
                   if (job == job_) stepped(client_id, static_cast<api::BatchFlow&>(flow), step);
               });
}

workflow::LabelBatchPart* LabelBatchController::find_part(const std::string& client_id) {
    if (!state_.label_file.batch) return nullptr;
    for (workflow::LabelBatchPart& part : state_.label_file.batch->parts) {
        if (part.record.client_id == client_id) return &part;
    }
    return nullptr;
}

eval::RowAnswers& LabelBatchController::answers() {
    if (!answers_) answers_ = std::make_unique<eval::RowAnswers>(state_.label_file.batch->classes, state_.label_file.batch->model);
    return *answers_;
}

void LabelBatchController::stepped(const std::string& client_id, api::BatchFlow& flow, const api::FlowStep& step) {
    workflow::LabelBatchPart* part = find_part(client_id);
    if (part == nullptr || part->taken) return;
    const api::BatchRecord& seen = flow.record();
    if (part->record.batch_id != seen.batch_id || part->record.status != seen.status ||
        part->record.input_file_id != seen.input_file_id || part->record.counts.completed != seen.counts.completed ||
        part->record.output_file_id != seen.output_file_id) {
        part->record = seen;
        part->record.custom_ids.clear();  // its rows are first_row…last_row's: a million ids are not saved
        state_.label_file.batch_unsaved = true;
    }
    const api::BatchStatus status = api::batch_status_from(part->record.status);
    if (cancelling_ && !part->record.batch_id.empty() && !api::is_final(status) && status != api::BatchStatus::Cancelling) {
        cancel_part(*part);
    }
    if (step.kind == Kind::Send || step.kind == Kind::Wait) return;
    if (step.kind == Kind::Failed) {
        const std::string why = api::describe(step.error);
        // The provider failed it, or it was never created (its questions went with the page before their
        // upload): nothing more comes of it, and its rows stay unanswered.
        if (api::is_final(status) || (part->record.batch_id.empty() && part->record.input_file_id.empty())) {
            part->taken = true;
            part->not_run = part->rows;
            part->problem = why;
            state_.set_status(Level::Error, "Batch " + (part->record.batch_id.empty() ? client_id : part->record.batch_id) +
                                                " of the file failed: " + why + " Its " + text::with_commas(part->rows) +
                                                " rows stay unanswered.");
        } else {
            resting_.insert(client_id);
            part->problem = why + " It is looked at again in a minute.";
            platform::after(kRestSeconds, [this, job = job_, client_id] {
                if (job == job_) resting_.erase(client_id);
            });
        }
        return;
    }
    const eval::FileBatch range{{}, part->first_row, part->last_row, part->rows};
    const eval::TakenAnswers taken = eval::take_answers(answers(), range, flow.answers(), state_.label_file.batch->structured);
    part->taken = true;
    part->answered = taken.answered;
    part->invalid = taken.invalid;
    part->refused = taken.refused;
    part->not_run = taken.not_run;
    part->problem = flow.problems().empty() ? std::string() : "Unreadable: " + flow.problems().front();
    // Once every batch has ended, what they were sent with is past: the section says what they answered.
    if (workflow::label_batches_done(*state_.label_file.batch)) state_.label_file.message.clear();
    std::string said = "Batch " + part->record.batch_id + " of the file: " + text::with_commas(taken.answered) + " rows answered";
    if (taken.invalid > 0) said += ", " + text::with_commas(taken.invalid) + " answered with no class";
    if (taken.refused > 0) said += ", " + text::with_commas(taken.refused) + " refused";
    if (taken.not_run > 0) said += ", " + text::with_commas(taken.not_run) + " not run";
    state_.set_status(taken.refused > 0 || (taken.not_run > 0 && !cancelling_) ? Level::Error : Level::Info, said + ".");
}

void LabelBatchController::pump() {
    workflow::LabelFileState& label = state_.label_file;
    if (!label.batch) return;
    bool uploading = false;
    for (const workflow::LabelBatchPart& part : label.batch->parts) {
        uploading |= !part.taken && part.record.input_file_id.empty() && flows_.running(flow_key(part.record.client_id));
    }
    if (questions_ != nullptr && questions_->has_full() && !uploading) start_part(questions_->take_full());
    for (workflow::LabelBatchPart& part : label.batch->parts) {
        if (part.taken || flows_.running(flow_key(part.record.client_id)) || resting_.count(part.record.client_id)) continue;
        // Keys live in memory only (unless remembered): after a reload the batches wait here for theirs.
        if (const std::string missing = providers_.missing_key(label.batch->profile); !missing.empty()) {
            part.problem = missing + " The file's batches are watched again once it is there.";
            continue;
        }
        part.problem.clear();
        watch(part, {});
        break;  // one a frame: watching may already have ended
    }
}

bool LabelBatchController::busy() const {
    if (questions_ != nullptr) return true;
    if (!state_.label_file.batch) return false;
    for (const workflow::LabelBatchPart& part : state_.label_file.batch->parts) {
        if (flows_.running(flow_key(part.record.client_id))) return true;
    }
    return false;
}

void LabelBatchController::cancel_part(const workflow::LabelBatchPart& part) {
    const workflow::LabelBatchJob& job = *state_.label_file.batch;
    const auto api = workflow::batch_api_for(state_.providers, job.profile);
    if (!api) return;
    const std::string client_id = part.record.client_id, batch_id = part.record.batch_id;
    if (!cancel_asked_.insert(client_id).second) return;
    cancel_batch(flows_, *api, providers_.endpoint(job.profile), job.profile, client_id, batch_id,
                 [this, job = job_, client_id, batch_id](const std::string& error) {
                     if (job != job_) return;
                     if (!error.empty()) {
                         cancel_asked_.erase(client_id);
                         state_.set_status(Level::Error, "Cancelling batch " + batch_id + " failed: " + error);
                         return;
                     }
                     // Looked at at once, not at the next poll: stopped here, watched again from its record.
                     flows_.stop(flow_key(client_id));
                 });
}

void LabelBatchController::cancel() {
    workflow::LabelFileState& label = state_.label_file;
    if (!label.batch) return;
    if (questions_ != nullptr) passes_.cancel();
    cancelling_ = true;
    for (const workflow::LabelBatchPart& part : label.batch->parts) {
        const api::BatchStatus status = api::batch_status_from(part.record.status);
        if (!part.taken && !part.record.batch_id.empty() && !api::is_final(status)) cancel_part(part);
    }
    state_.set_status(Level::Info, "Cancelling the file's batches… What they finished is kept, and written with the file.");
}

void LabelBatchController::write() {
    workflow::LabelFileState& label = state_.label_file;
    if (!label.batch || !workflow::label_batches_done(*label.batch) || passes_.busy()) return;
    if (const std::string why = workflow::label_batches_unwritable_because(state_); !why.empty()) {
        state_.set_status(Level::Error, why);
        return;
    }
    const workflow::LabelBatchJob& job = *label.batch;
    label.only_unlabelled = job.only_unlabelled;  // the rows the batches asked about
    LabelFileController::Pass pass;
    pass.labeller = std::make_unique<eval::RowAnswers>(answers());
    pass.model = job.name;
    pass.written = "answered by the batches";
    passes_.run(std::move(pass));
}

void LabelBatchController::forget() {
    workflow::LabelFileState& label = state_.label_file;
    if (!label.batch) return;
    if (questions_ != nullptr) passes_.cancel();
    for (const workflow::LabelBatchPart& part : label.batch->parts) flows_.stop(flow_key(part.record.client_id));
    label.batch.reset();
    label.batch_unsaved = true;
    label.message.clear();
    answers_.reset();
    resting_.clear();
    cancel_asked_.clear();
    cancelling_ = false;
    ++job_;
}

}  // namespace tb::app
