#include "app/batch_eval_controller.h"

#include <limits>
#include <memory>

#include "app/batch_cancel.h"
#include "core/api/create_job_flow.h"
#include "core/api/one_request_flow.h"
#include "core/text/format.h"
#include "core/workflow/eval_batches.h"
#include "platform/timer.h"

namespace tb::app {

namespace {
using Level = workflow::Status::Level;
using Kind = api::FlowStep::Kind;

std::string flow_key(const std::string& client_id) { return "batch:" + client_id; }

std::optional<api::BatchApi> batch_api_for(const workflow::State& state, const std::string& profile_id) {
    return workflow::batch_api_for(state.providers, profile_id);
}
}  // namespace

BatchEvalController::BatchEvalController(workflow::State& state, FlowRunner& flows, ProvidersController& providers)
    : state_(state), flows_(flows), providers_(providers) {}

void BatchEvalController::run_as_batch(const std::string& id) {
    eval::Evaluation* e = state_.eval.find(id);
    if (e == nullptr || !state_.data.dataset) return;
    const auto api = batch_api_for(state_, e->candidate.profile);
    if (!workflow::can_batch(state_.providers, e->candidate) || !api) {
        state_.set_status(Level::Error, "This provider has no Batch API here: run the candidate now instead.");
        return;
    }
    if (const std::string missing = providers_.missing_key(e->candidate.profile); !missing.empty()) {
        state_.set_status(Level::Error, missing);
        return;
    }
    const data::Split& split = state_.data.dataset->split;
    const auto rows = eval::rows_to_ask(*e, state_.eval.rows_for(*e, split.test), std::numeric_limits<std::size_t>::max());
    if (rows.empty()) {
        state_.set_status(Level::Info, eval::candidate_name(e->candidate) + ": no row is left to ask.");
        return;
    }
    const auto asking = workflow::chat_asking(*state_.data.dataset, e->candidate);
    if (const auto* error = std::get_if<prompt::TemplateError>(&asking)) {
        state_.set_status(Level::Error, "Its prompt no longer fits the data: " + error->message);
        return;
    }
    api::BatchInputs inputs = workflow::batch_inputs(std::get<workflow::ChatAsking>(asking), *e, rows, split.classes,
                                                     providers_.endpoint(e->candidate.profile), api->line_url);
    if (e->phase == eval::Phase::Running) e->phase = eval::Phase::Idle;  // the batch asks the rows the live run would
    for (api::BatchInputFile& file : inputs.files) {
        api::BatchRecord record;
        const auto seed = static_cast<unsigned long long>(platform::epoch_seconds() * 1000) + e->batches.size() * 7919 +
                          file.custom_ids.size();
        record.client_id = api::make_client_id(seed);
        record.custom_ids = file.custom_ids;
        // Saved with the experiment before anything is sent: after a reload it is found again, never made twice.
        e->batches.push_back(record);
        watch(*e, record, std::move(file));
    }
    state_.eval_unsaved = true;
    state_.eval.reports_stale = true;
    std::string said = eval::candidate_name(e->candidate) + ": " + text::with_commas(rows.size()) + " rows sent as " +
                       (inputs.files.size() == 1 ? std::string("a batch") : std::to_string(inputs.files.size()) + " batches") +
                       " (results within 24 h, at the batch price).";
    if (!inputs.refused.empty()) {
        said += " " + std::to_string(inputs.refused.size()) + " rows could not go in a batch (" + inputs.refused.front().why +
                "): Run asks them live.";
    }
    state_.set_status(Level::Info, said);
}

void BatchEvalController::watch(eval::Evaluation& e, const api::BatchRecord& record, api::BatchInputFile input) {
    const auto api = batch_api_for(state_, e.candidate.profile);
    if (!api) return;
    const std::string profile = e.candidate.profile;
    auto flow = std::make_unique<api::BatchFlow>(*api, providers_.endpoint(profile), record, std::move(input),
                                                 workflow::batch_flow_settings(state_.eval.batch_check_seconds),
                                                 static_cast<unsigned long long>(platform::epoch_seconds() * 1000));
    e.batch_problem.clear();
    flows_.run(flow_key(record.client_id), profile, std::move(flow),
               [this, split_id = state_.eval.split.id, id = e.id, client_id = record.client_id](api::Flow& flow,
                                                                                                const api::FlowStep& step) {
                   stepped(split_id, id, client_id, static_cast<api::BatchFlow&>(flow), step);
               });
}

api::BatchInputFile BatchEvalController::input_again(const eval::Evaluation& e, const api::BatchRecord& record) {
    if (!record.input_file_id.empty() || !state_.data.dataset) return {};
    const auto asking = workflow::chat_asking(*state_.data.dataset, e.candidate);
    const auto api = batch_api_for(state_, e.candidate.profile);
    if (!std::holds_alternative<workflow::ChatAsking>(asking) || !api) return {};
    std::set<std::string> ids(record.custom_ids.begin(), record.custom_ids.end());
    std::vector<const data::SplitRow*> rows;
    for (const data::SplitRow& row : state_.eval.rows_for(e, state_.data.dataset->split.test)) {
        if (ids.count(eval::batch_custom_id(row.row))) rows.push_back(&row);
    }
    auto inputs = workflow::batch_inputs(std::get<workflow::ChatAsking>(asking), e, rows, state_.data.dataset->split.classes,
                                         providers_.endpoint(e.candidate.profile), api->line_url);
    return inputs.files.empty() ? api::BatchInputFile{} : std::move(inputs.files.front());
}

bool BatchEvalController::busy() const {
    for (const eval::Evaluation& e : state_.eval.evaluations) {
        for (const api::BatchRecord& record : e.batches) {
            if (flows_.running(flow_key(record.client_id))) return true;
        }
    }
    return false;
}

void BatchEvalController::pump() {
    if (!state_.data.dataset) return;
    for (eval::Evaluation& e : state_.eval.evaluations) {
        for (const api::BatchRecord& record : e.batches) {
            if (flows_.running(flow_key(record.client_id)) || resting_.count(record.client_id)) continue;
            // Keys live in memory only (unless remembered): after a reload a batch waits here for its key.
            if (const std::string missing = providers_.missing_key(e.candidate.profile); !missing.empty()) {
                e.batch_problem = missing + " Its batches are watched again once it is there.";
                continue;
            }
            watch(e, record, input_again(e, record));
            break;  // watching may already have ended and dropped the record: the next frame looks at the rest
        }
    }
}

void BatchEvalController::stepped(const std::string& split_id, const std::string& id, const std::string& client_id,
                                  api::BatchFlow& flow, const api::FlowStep& step) {
    const auto [e, classes] = state_.eval.locate(split_id, id);
    api::BatchRecord* record = e ? workflow::find_batch_record(*e, client_id) : nullptr;
    if (record == nullptr) return;  // the candidate, or its split's results, was removed meanwhile
    if (record->batch_id != flow.record().batch_id || record->status != flow.record().status ||
        record->input_file_id != flow.record().input_file_id || record->counts.completed != flow.record().counts.completed) {
        *record = flow.record();
        state_.eval_unsaved = true;
    }
    if (step.kind == Kind::Send || step.kind == Kind::Wait) return;
    if (step.kind == Kind::Failed) {
        const bool final = api::is_final(api::batch_status_from(flow.record().status));
        e->batch_problem = api::describe(step.error);
        if (final) {
            // The provider failed the batch: nothing more comes of it, and its rows are to ask again.
            const std::string name = record->batch_id;
            std::erase_if(e->batches, [&](const api::BatchRecord& r) { return r.client_id == client_id; });
            state_.set_status(Level::Error, "Batch " + name + " failed: " + api::describe(step.error) +
                                                " Its rows are to ask again (Run, or Run as batch).");
        } else {
            resting_.insert(client_id);
            state_.set_status(Level::Error, "Watching batch " + (record->batch_id.empty() ? client_id : record->batch_id) +
                                                " stopped: " + api::describe(step.error) + " Check batch tries again.");
        }
        state_.eval_unsaved = true;
        return;
    }
    const std::string name = record->batch_id;
    const workflow::BatchTaken taken = workflow::take_batch(*e, client_id, flow.answers(), *classes);
    state_.eval_unsaved = true;
    state_.eval.reports_stale = true;
    std::string said = "Batch " + name + (flow.adopted() ? " (found by its client id after its create went unanswered)" : "") +
                       ": " + text::with_commas(taken.answered) + " rows answered";
    if (taken.refused > 0) said += ", " + text::with_commas(taken.refused) + " refused (Retry failed asks them live)";
    if (taken.again > 0) said += ", " + text::with_commas(taken.again) + " not run (Run or Run as batch asks them again)";
    if (!flow.problems().empty()) said += ". Unreadable: " + flow.problems().front();
    // Rows left unrun by a cancel the person asked for are what they asked for, not a failure.
    const bool cancelled = api::batch_status_from(flow.record().status) == api::BatchStatus::Cancelled;
    state_.set_status((taken.again > 0 && !cancelled) || taken.refused > 0 ? Level::Error : Level::Info, said + ".");
}

void BatchEvalController::cancel(const std::string& id, const std::string& client_id) {
    eval::Evaluation* e = state_.eval.find(id);
    api::BatchRecord* record = e ? workflow::find_batch_record(*e, client_id) : nullptr;
    if (record == nullptr || record->batch_id.empty()) return;  // not created yet: nothing the provider could cancel
    const auto api = batch_api_for(state_, e->candidate.profile);
    if (!api) return;
    const std::string batch_id = record->batch_id;
    cancel_batch(flows_, *api, providers_.endpoint(e->candidate.profile), e->candidate.profile, client_id, batch_id,
                 [this, client_id, batch_id](const std::string& error) {
                     if (!error.empty()) {
                         state_.set_status(Level::Error, "Cancelling batch " + batch_id + " failed: " + error);
                         return;
                     }
                     state_.set_status(Level::Info, "Cancelling batch " + batch_id + "… What it finished is kept.");
                     check_again(client_id);  // look at once, not at the next poll
                 });
}

void BatchEvalController::check_again(const std::string& client_id) {
    resting_.erase(client_id);
    // Stopped wherever it is and started again from its record (pump(), this frame): a look goes out at
    // once. A create that may have gone out is never resent: the record's flow lists batches first.
    flows_.stop(flow_key(client_id));
}

}  // namespace tb::app
