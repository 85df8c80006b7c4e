#include "app/eval_controller.h"

#include <map>
#include <variant>

#include "platform/main_loop.h"

namespace tb::app {

namespace {
using workflow::State;
using Level = workflow::Status::Level;

// More patient than a single call's policy: a long run meets every transient fault there is, and a row
// that still fails is only put back to be asked again.
constexpr api::RetryPolicy kRowPolicy{5, 60};
// Failures in a row after which a run stops and says why, rather than ask every row in vain.
constexpr int kTransientFailuresToStop = 10;
constexpr std::size_t kRowFailuresToStop = 5;

void changed(State& state) {
    state.eval.reports_stale = true;
    state.eval_unsaved = true;
}
}  // namespace

EvalController::EvalController(State& state, Post post, RequestRunner& runner, ProvidersController& providers)
    : state_(state), post_(std::move(post)), runner_(runner), providers_(providers) {}

int EvalController::in_flight() const {
    int total = 0;
    for (const eval::Evaluation& e : state_.eval.evaluations) total += static_cast<int>(e.in_flight.size());
    return total;
}

void EvalController::pump(double now) {
    if (!state_.data.dataset) return;
    const data::Split& split = state_.data.dataset->split;
    if (split.test.empty()) return;  // no split yet (columns to pick): nothing to ask, and nothing finished
    std::map<std::string, std::size_t> busy;  // rows in flight per profile
    for (const eval::Evaluation& e : state_.eval.evaluations) busy[e.candidate.profile] += e.in_flight.size();
    const auto limit = static_cast<std::size_t>(state_.eval.concurrency);

    for (eval::Evaluation& e : state_.eval.evaluations) {
        if (e.phase != eval::Phase::Running || !eval::asks_chat(e.candidate.method)) continue;
        const std::vector<data::SplitRow>& test = state_.eval.rows_for(e, split.test);
        if (e.in_flight.empty() && eval::finished(e, test)) {
            e.phase = eval::Phase::Idle;
            changed(state_);
            state_.set_status(Level::Info, eval::candidate_name(e.candidate) + ": every test row answered.");
            continue;
        }
        // Keys live in memory only (unless remembered): after a reload a run waits here for its key.
        if (!workflow::key_in_hand(e, providers_.missing_key(e.candidate.profile))) continue;
        runner_.set_max(e.candidate.profile, state_.eval.concurrency);
        std::size_t& profile_busy = busy[e.candidate.profile];
        if (profile_busy >= limit) continue;
        const auto rows = eval::rows_to_ask(e, test, limit - profile_busy);
        if (rows.empty()) continue;
        const auto asking = workflow::chat_asking(*state_.data.dataset, e.candidate);
        if (const auto* error = std::get_if<prompt::TemplateError>(&asking)) {
            workflow::stop_evaluation(state_, e, "Its prompt no longer fits the data: " + error->message);
            continue;
        }
        const workflow::ChatAsking& made = std::get<workflow::ChatAsking>(asking);
        if (e.resumed_at < 0) e.resumed_at = now;
        for (const data::SplitRow* row : rows) ask(e, made, *row, now);
        profile_busy += rows.size();
    }
}

void EvalController::ask(eval::Evaluation& e, const workflow::ChatAsking& asking, const data::SplitRow& row, double now) {
    e.in_flight[row.row] = now;
    api::HttpRequest request = workflow::row_request(asking, e.candidate, row, state_.data.dataset->split.classes,
                                                     providers_.endpoint(e.candidate.profile));
    // The same row asked again after a reload carries the same key: an answer the page never received is
    // handed over by the service worker instead of being paid for twice.
    request.replay_key = api::replay_key(state_.eval.split.id + '\n' + e.id + '\n' + std::to_string(row.row), request);
    runner_.send(e.candidate.profile, std::move(request), kRowPolicy,
                 [this, split_id = state_.eval.split.id, id = e.id, row = row.row, now](api::HttpResponse response) {
                     post_([this, split_id, id, row, now, response = std::move(response)](State& state) {
                         answered(state, split_id, id, row, now, response);
                     });
                 });
}

void EvalController::answered(State& state, const std::string& split_id, const std::string& id, std::uint64_t row,
                              double sent, const api::HttpResponse& response) {
    if (!response.replay_key.empty()) state.eval.answers_to_release.push_back(response.replay_key);
    // The split may have changed meanwhile: the answer belongs to the split it was asked on, in use or aside.
    const auto [e, classes] = state.eval.locate(split_id, id);
    if (e == nullptr) return;  // the candidate (or its split's results) was removed meanwhile
    const auto flight = e->in_flight.find(row);
    // A re-run started meanwhile: this answer belongs to the run before it.
    if (flight == e->in_flight.end() || flight->second != sent) return;
    e->in_flight.erase(flight);
    const auto parsed = api::openai::parse_chat(response, e->candidate.structured);
    if (const auto* answer = api::value_of(parsed)) {
        eval::record_answer(*e, row, *answer, *classes, platform::now_seconds() - sent);
        changed(state);
        return;
    }
    const api::ApiError& error = std::get<api::ApiError>(parsed);
    switch (eval::error_scope(error)) {
    case eval::ErrorScope::Run:
        workflow::stop_evaluation(state, *e, api::describe(error));
        break;
    case eval::ErrorScope::Row: {
        e->failed[row] = api::describe(error);
        changed(state);
        // The same refusal row after row is the request's fault, not the rows': stop and say so.
        std::size_t recent = 0;
        for (const auto& [r, why] : e->failed) recent += why == e->failed[row] ? 1 : 0;
        if (recent >= kRowFailuresToStop && e->answers.empty()) {
            workflow::stop_evaluation(state, *e, "The provider refused " + std::to_string(recent) + " rows the same way: " + api::describe(error));
        }
        break;
    }
    case eval::ErrorScope::Later:
        if (++e->failures_in_a_row >= kTransientFailuresToStop) {
            workflow::stop_evaluation(state, *e, "The provider failed " + std::to_string(e->failures_in_a_row) +
                                " times in a row; the last: " + api::describe(error) + " Resume to try again.");
        }
        break;
    }
}


}  // namespace tb::app
