#include <algorithm>

#include "core/workflow/intents.h"

namespace tb::workflow {

eval::Candidate make_candidate(const State& state, const CandidateDraft& draft, const std::string& source) {
    eval::Candidate candidate;
    candidate.method = draft.method;
    if (draft.method == eval::Method::Majority) return candidate;
    candidate.profile = draft.profile;
    candidate.model = draft.model;
    candidate.source = source;
    if (draft.method == eval::Method::Embeddings) {
        // No prompt: the texts are embedded as they are.
        candidate.model = draft.embedding_model;
        candidate.dimensions = std::clamp(draft.dimensions, 0, kMaxEmbeddingDimensions);
        candidate.all_rows = draft.embedding_all_rows;
        return candidate;
    }
    candidate.prompt = state.finetune.prompt;
    if (candidate.prompt.system.empty() && state.data.dataset) {
        // Frozen as sent: the default prompt follows the classes, which may change later.
        candidate.prompt.system = prompt::default_system_prompt(state.data.dataset->split.classes);
    }
    if (draft.method == eval::Method::FewShot) {
        candidate.shots = std::clamp(draft.shots, 1, kMaxShots);
        candidate.shot_seed = state.data.load.seed;
    }
    // OpenAI's models say per model whether they take a schema; other servers say so in their profile.
    const api::Profile* profile = state.providers.find(draft.profile);
    const bool openai_models = draft.profile == "openai" || draft.profile == "azure";
    candidate.structured = openai_models ? api::openai_supports_json_schema(draft.model)
                                         : (profile != nullptr && profile->structured_output);
    return candidate;
}

namespace {

void changed(State& state) {
    state.eval.reports_stale = true;
    state.eval_unsaved = true;
}

// Applies `act` to one evaluation, or to all of them for an empty id.
template <typename Act>
void for_ids(State& state, const std::string& id, Act act) {
    for (eval::Evaluation& e : state.eval.evaluations) {
        if (id.empty() || e.id == id) act(e);
    }
    changed(state);
}

void start(eval::Evaluation& e) {
    // Answered without asking anyone: the baseline here, the local model by answer_locally().
    if (e.candidate.method == eval::Method::Majority || e.candidate.method == eval::Method::Local) return;
    e.phase = eval::Phase::Running;
    e.stopped_because.clear();
    e.waiting_for_key = false;
    e.failures_in_a_row = 0;
    e.resumed_at = -1;
    e.answered_since_resume = 0;
}

// Run, Re-run and Retry for in-browser models: the model in hand answers at once; another one's rows
// stay unanswered, with the reason.
void answer_locally(State& state, const std::string& id) {
    for (eval::Evaluation& e : state.eval.evaluations) {
        if (e.candidate.method != eval::Method::Local || (!id.empty() && e.id != id)) continue;
        if (e.id != state.local.facts.candidate || !state.local.model) {
            e.stopped_because = "its model is no longer in hand: train it again in Fine-tune";
            continue;
        }
        if (const std::string why = answer_with_local_model(state); !why.empty()) e.stopped_because = why;
    }
}

}  // namespace

void stop_evaluation(State& state, eval::Evaluation& e, const std::string& why) {
    if (e.phase != eval::Phase::Running) return;
    e.phase = eval::Phase::Paused;
    e.stopped_because = why;
    e.waiting_for_key = false;
    changed(state);
    state.set_status(Status::Level::Error, eval::candidate_name(e.candidate) + " stopped: " + why);
}

bool key_in_hand(eval::Evaluation& e, const std::string& missing) {
    if (!missing.empty()) {
        e.stopped_because = missing + " The run goes on from there.";
        e.waiting_for_key = true;
        return false;
    }
    if (e.waiting_for_key) {
        e.stopped_because.clear();
        e.waiting_for_key = false;
    }
    return true;
}

bool apply_eval(State& state, const Intent& intent) {
    EvalState& ev = state.eval;
    if (const auto* draft = std::get_if<SetCandidateDraft>(&intent)) {
        ev.draft = draft->draft;
        state.eval_unsaved = true;
    } else if (const auto* add = std::get_if<AddCandidate>(&intent)) {
        follow_split(state);  // a candidate belongs to the split it is added on
        eval::Candidate candidate = make_candidate(state, add->draft, add->source);
        if (candidate.method != eval::Method::Majority && candidate.model.empty()) {
            state.set_status(Status::Level::Error, "Name a model to add it as a candidate.");
            return true;
        }
        eval::Evaluation evaluation = eval::make_evaluation(std::move(candidate));
        if (ev.find(evaluation.id)) {
            state.set_status(Status::Level::Info, eval::candidate_name(evaluation.candidate) + " is already a candidate.");
            return true;
        }
        state.set_status(Status::Level::Info, "Added " + eval::candidate_name(evaluation.candidate) + ".");
        ev.evaluations.push_back(std::move(evaluation));
        changed(state);
    } else if (const auto* remove = std::get_if<RemoveCandidate>(&intent)) {
        std::erase_if(ev.evaluations, [&](const eval::Evaluation& e) { return e.id == remove->id; });
        changed(state);
    } else if (const auto* run = std::get_if<RunEvaluation>(&intent)) {
        for_ids(state, run->id, start);
        answer_locally(state, run->id);
    } else if (const auto* pause = std::get_if<PauseEvaluation>(&intent)) {
        for_ids(state, pause->id, [](eval::Evaluation& e) {
            if (e.phase == eval::Phase::Running) e.phase = eval::Phase::Paused;
        });
    } else if (const auto* cancel = std::get_if<CancelEvaluation>(&intent)) {
        for_ids(state, cancel->id, [](eval::Evaluation& e) {
            if (e.phase != eval::Phase::Idle) e.phase = eval::Phase::Idle;
        });
    } else if (const auto* rerun = std::get_if<RerunEvaluation>(&intent)) {
        for_ids(state, rerun->id, [](eval::Evaluation& e) {
            // Answers still in flight belong to the old run; they are dropped when they arrive.
            e.answers.clear();
            e.failed.clear();
            e.in_flight.clear();
            start(e);
        });
        answer_locally(state, rerun->id);
    } else if (const auto* retry = std::get_if<RetryFailedRows>(&intent)) {
        for_ids(state, retry->id, [&](eval::Evaluation& e) {
            e.failed.clear();
            if (retry->now) start(e);
        });
        answer_locally(state, retry->id);
    } else if (const auto* check = std::get_if<SetBatchCheckSeconds>(&intent)) {
        ev.batch_check_seconds = std::clamp(check->seconds, 1, EvalState::kMaxBatchCheckSeconds);
        state.eval_unsaved = true;
    } else if (const auto* concurrency = std::get_if<SetConcurrency>(&intent)) {
        ev.concurrency = std::clamp(concurrency->requests, 1, 64);
        state.eval_unsaved = true;
    } else if (const auto* repeats = std::get_if<SetRepeats>(&intent)) {
        ev.repeats = std::clamp(repeats->splits, 1, kMaxRepeats);
        changed(state);
    } else if (const auto* pair = std::get_if<SetComparePair>(&intent)) {
        ev.pair_a = pair->a;
        ev.pair_b = pair->b;
        changed(state);
    } else if (const auto* filter = std::get_if<SetRowFilter>(&intent)) {
        ev.filter = filter->filter;
        changed(state);
    } else if (const auto* select = std::get_if<SelectOnMap>(&intent)) {
        ev.map_selection = select->rows;
        std::sort(ev.map_selection.begin(), ev.map_selection.end());
        ev.map_selection.erase(std::unique(ev.map_selection.begin(), ev.map_selection.end()), ev.map_selection.end());
        if (!ev.map_selection.empty()) {
            ev.filter = eval::RowFilter::MapSelection;
        } else if (ev.filter == eval::RowFilter::MapSelection) {
            ev.filter = eval::RowFilter::All;
        }
        changed(state);
    } else if (const auto* forget = std::get_if<DeleteSplitResults>(&intent)) {
        std::erase_if(ev.shelved, [&](const ShelvedResults& aside) { return aside.split.id == forget->id; });
        state.eval_unsaved = true;
    } else if (const auto* show = std::get_if<ShowCandidate>(&intent)) {
        ev.shown = show->id;
        state.eval_unsaved = true;
    } else {
        return false;
    }
    return true;
}

}  // namespace tb::workflow
