#include "core/workflow/eval_state.h"

#include <algorithm>
#include <charconv>

#include "core/eval/local_candidate.h"
#include "core/text/json_fields.h"
#include "core/workflow/local_model_state.h"
#include "core/workflow/spend_estimates.h"

namespace tb::workflow {

using nlohmann::json;

eval::Evaluation* EvalState::find(const std::string& id) {
    const auto found = std::find_if(evaluations.begin(), evaluations.end(), [&](const auto& e) { return e.id == id; });
    return found == evaluations.end() ? nullptr : &*found;
}

const eval::Evaluation* EvalState::find(const std::string& id) const {
    return const_cast<EvalState*>(this)->find(id);
}

const eval::CandidateReport* EvalState::report(const std::string& id) const {
    const auto found = std::find_if(reports.begin(), reports.end(), [&](const auto& r) { return r.id == id; });
    return found == reports.end() ? nullptr : &*found;
}

EvalState::Located EvalState::locate(const std::string& split_id, const std::string& id) {
    if (split_id == split.id) return {find(id), &split.classes};
    for (ShelvedResults& aside : shelved) {
        if (aside.split.id != split_id) continue;
        for (eval::Evaluation& e : aside.evaluations) {
            if (e.id == id) return {&e, &aside.split.classes};
        }
    }
    return {};
}

const ShelvedResults* EvalState::shelf(const std::string& split_id) const {
    const auto found = std::find_if(shelved.begin(), shelved.end(), [&](const auto& s) { return s.split.id == split_id; });
    return found == shelved.end() ? nullptr : &*found;
}

void rebuild_reports(EvalState& eval, const data::Split* split, std::uint64_t seed, const prompt::PriceTable& prices) {
    if (!eval.reports_stale) return;
    eval.reports_stale = false;
    eval.reports.clear();
    eval.repeat_scores.clear();
    eval.pair.reset();
    eval.shown_rows.clear();
    eval.splits.clear();
    eval.split_fingerprints.clear();
    eval.all_rows.clear();
    if (split == nullptr) return;
    if (eval.repeats > 1) {
        eval.splits = eval::repeat_splits(*split, seed, eval.repeats);
        // Only candidates trained in the browser need them (each split has a model of its own).
        const bool local = std::any_of(eval.evaluations.begin(), eval.evaluations.end(), [](const auto& e) {
            return e.candidate.method == eval::Method::Local || e.candidate.method == eval::Method::Embeddings;
        });
        for (const data::Split& s : eval.splits) {
            if (local) eval.split_fingerprints.push_back(eval::training_fingerprint(s.train));
        }
        eval.all_rows = eval::rows_of_all(eval.splits);
    }
    for (eval::Evaluation& e : eval.evaluations) {
        if (e.candidate.method == eval::Method::Majority) {
            e.answers.clear();
            eval::answer_with_majority(e, split->test, eval::majority_label(split->train, split->classes));
        }
        eval.reports.push_back(eval::report_candidate(e, split->classes, split->test, prices));
        if (eval.repeats > 1) {
            eval::RepeatScores scores = eval::repeat_scores(e, eval.splits, eval.local_split_accuracy, eval.split_fingerprints);
            // Counted here, with the answers, rather than in every frame that shows it.
            scores.rows_answered = static_cast<std::size_t>(std::count_if(
                eval.all_rows.begin(), eval.all_rows.end(), [&](const auto& row) { return e.answers.count(row.row) > 0; }));
            eval.repeat_scores.push_back(std::move(scores));
        }
    }
    // The paired test and the explorer's rows change only with the answers, the pair or the filter: worked
    // out here, not in every frame that shows them.
    const auto [a_id, b_id] = eval.chosen_pair();
    const eval::Evaluation* a = eval.find(a_id);
    const eval::Evaluation* b = eval.find(b_id);
    if (a != nullptr && b != nullptr && a != b) eval.pair = eval::compare_pair(*a, *b, split->test);
    std::vector<const eval::Evaluation*> all;
    for (const auto& e : eval.evaluations) all.push_back(&e);
    eval.shown_rows = eval::explore_rows(all, split->test, eval.filter, a, b, eval.map_selection);
}

const eval::RepeatScores* EvalState::repeat(const std::string& id) const {
    const auto found = std::find_if(repeat_scores.begin(), repeat_scores.end(), [&](const auto& r) { return r.id == id; });
    return found == repeat_scores.end() ? nullptr : &*found;
}

const eval::SpendEstimate* EvalState::estimate(const std::string& id) const {
    const auto found = estimates.find(id);
    return found == estimates.end() ? nullptr : &found->second;
}

std::pair<std::string, std::string> EvalState::chosen_pair() const {
    std::string a = find(pair_a) ? pair_a : evaluations.empty() ? std::string() : evaluations[0].id;
    std::string b = find(pair_b) ? pair_b : evaluations.size() > 1 ? evaluations[1].id : std::string();
    return {a, b};
}

std::string EvalState::per_class_shown() const {
    if (report(shown)) return shown;
    const eval::CandidateReport* best = nullptr;
    for (const eval::CandidateReport& r : reports) {
        if (r.tally.answered == 0) continue;
        const bool baseline = [&] {
            const eval::Evaluation* e = find(r.id);
            return e && e->candidate.method == eval::Method::Majority;
        }();
        if (baseline) continue;
        // A candidate scored on every row beats one stopped early, whose few rows may all be right.
        if (!best || (r.complete && !best->complete) || (r.complete == best->complete && r.accuracy > best->accuracy)) best = &r;
    }
    if (best) return best->id;
    for (const eval::CandidateReport& r : reports) {
        if (r.tally.answered > 0) return r.id;  // only the baseline has answered
    }
    return {};
}

const std::vector<data::SplitRow>& EvalState::rows_for(const eval::Evaluation& evaluation,
                                                       const std::vector<data::SplitRow>& test) const {
    // Models trained in the browser answer only their own split's rows; other splits have models of their own.
    const bool trained_here = evaluation.candidate.method == eval::Method::Local ||
                              evaluation.candidate.method == eval::Method::Embeddings;
    const bool asked_everywhere = eval::repeatable(evaluation.candidate) && !trained_here;
    return repeats > 1 && !all_rows.empty() && asked_everywhere ? all_rows : test;
}

namespace {

std::string_view phase_key(eval::Phase phase) {
    switch (phase) {
    case eval::Phase::Idle: return "idle";
    case eval::Phase::Running: return "running";
    case eval::Phase::Paused: return "paused";
    }
    return "idle";
}

std::string_view filter_key(eval::RowFilter filter) {
    switch (filter) {
    case eval::RowFilter::All: return "all";
    case eval::RowFilter::AnyWrong: return "any_wrong";
    case eval::RowFilter::Disagree: return "disagree";
    case eval::RowFilter::MapSelection: return "map_selection";
    }
    return "all";
}

eval::Match match_from_name(const std::string& name) {
    for (eval::Match m : {eval::Match::Exact, eval::Match::IgnoringCase, eval::Match::Prefix, eval::Match::Contained,
                          eval::Match::Closest, eval::Match::Invalid}) {
        if (eval::match_name(m) == name) return m;
    }
    return eval::Match::Invalid;
}

// A row number saved as an object key ("failed": {"17": …}); nothing for a key that is not one.
std::optional<std::uint64_t> row_number(const std::string& key) {
    std::uint64_t number = 0;
    const char* const end = key.data() + key.size();
    const auto [stop, error] = std::from_chars(key.data(), end, number);
    if (key.empty() || error != std::errc() || stop != end) return std::nullopt;
    return number;
}

json candidate_json(const eval::Candidate& c) {
    json out = {{"method", eval::method_key(c.method)},
                {"profile", c.profile},
                {"model", c.model},
                {"structured", c.structured},
                {"source", c.source},
                {"system", c.prompt.system},
                {"user", c.prompt.user}};
    if (c.method == eval::Method::FewShot) {
        out["shots"] = c.shots;
        out["shotSeed"] = c.shot_seed;
    }
    if (c.method == eval::Method::Embeddings) {
        out["dimensions"] = c.dimensions;
        out["allRows"] = c.all_rows;
    }
    return out;
}

eval::Candidate candidate_from_json(const json& in) {
    eval::Candidate c;
    std::string method;
    text::read_field(in, "method", method);
    eval::method_from_key(method, c.method);
    text::read_field(in, "profile", c.profile);
    text::read_field(in, "model", c.model);
    text::read_field(in, "structured", c.structured);
    text::read_field(in, "source", c.source);
    text::read_field(in, "system", c.prompt.system);
    text::read_field(in, "user", c.prompt.user);
    text::read_field(in, "shots", c.shots);
    text::read_field(in, "shotSeed", c.shot_seed);
    text::read_field(in, "dimensions", c.dimensions);
    text::read_field(in, "allRows", c.all_rows);
    c.shots = std::clamp(c.shots, 1, kMaxShots);
    c.dimensions = std::clamp(c.dimensions, 0, kMaxEmbeddingDimensions);
    return c;
}

}  // namespace

json evaluations_to_json(const std::vector<eval::Evaluation>& list) {
    json evaluations = json::array();
    for (const eval::Evaluation& e : list) {
        // Rows as parallel arrays: 300 answers stay a few kilobytes, saved after every answer.
        json rows = json::array(), labels = json::array(), raws = json::array(), matches = json::array(),
             seconds = json::array(), prompt_tokens = json::array(), completion_tokens = json::array(),
             batch = json::array();
        bool any_batch = false;
        for (const auto& [row, answer] : e.answers) {
            rows.push_back(row);
            labels.push_back(answer.label);
            raws.push_back(answer.raw);
            matches.push_back(eval::match_name(answer.match));
            seconds.push_back(answer.seconds);
            prompt_tokens.push_back(answer.prompt_tokens);
            completion_tokens.push_back(answer.completion_tokens);
            batch.push_back(answer.batch);
            any_batch = any_batch || answer.batch;
        }
        json failed = json::object();
        for (const auto& [row, why] : e.failed) failed[std::to_string(row)] = why;
        // A run going when the page closed goes on after a reload (once the key is there).
        evaluations.push_back({{"candidate", candidate_json(e.candidate)},
                               {"phase", phase_key(e.phase)},
                               // A key wait is said again after a reload only if the key is still missing.
                               {"stoppedBecause", e.waiting_for_key ? std::string() : e.stopped_because},
                               {"answers",
                                {{"rows", rows},
                                 {"labels", labels},
                                 {"raw", raws},
                                 {"match", matches},
                                 {"seconds", seconds},
                                 {"promptTokens", prompt_tokens},
                                 {"completionTokens", completion_tokens}}},
                               {"failed", failed}});
        // Written only when some answer came through a batch: older saves and live-only runs stay as they were.
        if (any_batch) evaluations.back()["answers"]["batch"] = batch;
        if (!e.batches.empty()) {
            json batches = json::array();
            for (const api::BatchRecord& record : e.batches) batches.push_back(api::to_json(record));
            evaluations.back()["batches"] = batches;
        }
        if (e.candidate.method == eval::Method::Embeddings) {
            evaluations.back()["embeddingTokens"] = e.embedding_tokens;
            evaluations.back()["trials"] = trials_json(e.trials);
            evaluations.back()["bestTrial"] = e.best_trial;
        }
    }
    return evaluations;
}

json to_json(const EvalState& eval) {
    json shelved = json::array();
    for (const ShelvedResults& aside : eval.shelved) {
        shelved.push_back({{"split", to_json(aside.split)}, {"evaluations", evaluations_to_json(aside.evaluations)}});
    }
    return {{"split", to_json(eval.split)},
            {"evaluations", evaluations_to_json(eval.evaluations)},
            {"otherSplits", shelved},
            {"draft",
             {{"profile", eval.draft.profile},
              {"model", eval.draft.model},
              {"method", eval::method_key(eval.draft.method)},
              {"shots", eval.draft.shots},
              {"embeddingModel", eval.draft.embedding_model},
              {"dimensions", eval.draft.dimensions},
              {"embeddingAllRows", eval.draft.embedding_all_rows}}},
            {"concurrency", eval.concurrency},
            {"batchCheckSeconds", eval.batch_check_seconds},
            {"repeats", eval.repeats},
            {"pairA", eval.pair_a},
            {"pairB", eval.pair_b},
            {"filter", filter_key(eval.filter)},
            {"shown", eval.shown},
            {"localSplitAccuracy", eval.local_split_accuracy},
            {"saveSerial", eval.save_serial}};
}

const json& newer_saved_eval(const json& first, const json& second) {
    if (!second.is_object()) return first;
    if (!first.is_object()) return second;
    const auto serial = [](const json& saved) { return text::field_or<std::uint64_t>(saved, "saveSerial", 0); };
    return serial(second) > serial(first) ? second : first;
}

std::vector<eval::Evaluation> evaluations_from_json(const json& in) {
    std::vector<eval::Evaluation> out;
    if (!in.is_array()) return out;
    for (const json& item : in) {
        if (!item.is_object() || !item.contains("candidate")) continue;
        eval::Evaluation e = eval::make_evaluation(candidate_from_json(item["candidate"]));
        std::string phase;
        text::read_field(item, "phase", phase);
        e.phase = phase == "running" ? eval::Phase::Running : phase == "paused" ? eval::Phase::Paused : eval::Phase::Idle;
        text::read_field(item, "stoppedBecause", e.stopped_because);
        // Every column checked for its type: an imported file may hold anything there.
        const json answers = item.contains("answers") && item["answers"].is_object() ? item["answers"] : json::object();
        const auto column = [&](const char* name) {
            return answers.contains(name) && answers[name].is_array() ? answers[name] : json::array();
        };
        const json rows = column("rows"), labels = column("labels"), raws = column("raw"), matches = column("match"),
                   seconds = column("seconds"), prompt_tokens = column("promptTokens"),
                   completion_tokens = column("completionTokens"), batch = column("batch");
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!rows[i].is_number_unsigned() || i >= labels.size()) continue;
            eval::Answer answer;
            answer.label = labels[i].is_string() ? labels[i].get<std::string>() : "";
            if (i < raws.size() && raws[i].is_string()) answer.raw = raws[i].get<std::string>();
            if (i < matches.size() && matches[i].is_string()) answer.match = match_from_name(matches[i].get<std::string>());
            if (i < seconds.size() && seconds[i].is_number()) answer.seconds = seconds[i].get<double>();
            if (i < prompt_tokens.size() && prompt_tokens[i].is_number_integer()) answer.prompt_tokens = prompt_tokens[i].get<std::int64_t>();
            if (i < completion_tokens.size() && completion_tokens[i].is_number_integer()) {
                answer.completion_tokens = completion_tokens[i].get<std::int64_t>();
            }
            answer.batch = i < batch.size() && batch[i].is_boolean() && batch[i].get<bool>();
            e.answers[rows[i].get<std::uint64_t>()] = std::move(answer);
        }
        if (item.contains("failed") && item["failed"].is_object()) {
            for (const auto& [row, why] : item["failed"].items()) {
                const auto number = row_number(row);
                if (number && why.is_string()) e.failed[*number] = why.get<std::string>();
            }
        }
        if (item.contains("batches") && item["batches"].is_array()) {
            for (const json& saved : item["batches"]) {
                std::string problem;  // a damaged record is left out; its rows are asked again
                if (auto record = api::batch_record_from_json(saved, problem)) e.batches.push_back(std::move(*record));
            }
        }
        text::read_field(item, "embeddingTokens", e.embedding_tokens);
        e.embedding_tokens = std::max<std::int64_t>(e.embedding_tokens, 0);
        if (item.contains("trials")) e.trials = trials_from_json(item["trials"]);
        text::read_field(item, "bestTrial", e.best_trial);
        if (e.best_trial >= e.trials.size()) e.best_trial = 0;
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& other) { return other.id == e.id; });
        if (!seen) out.push_back(std::move(e));
    }
    return out;
}

void restore_eval(EvalState& eval, const json& in) {
    eval = EvalState{};
    if (!in.is_object()) return;
    if (in.contains("split")) eval.split = split_record_from_json(in["split"]);
    if (in.contains("evaluations")) eval.evaluations = evaluations_from_json(in["evaluations"]);
    if (in.contains("otherSplits") && in["otherSplits"].is_array()) {
        for (const json& item : in["otherSplits"]) {
            if (!item.is_object() || !item.contains("split") || !item.contains("evaluations")) continue;
            ShelvedResults aside{split_record_from_json(item["split"]), evaluations_from_json(item["evaluations"])};
            // Two lists for one split, or one under the split in use, would show results twice.
            if (aside.split.id.empty() || aside.split.id == eval.split.id || eval.shelf(aside.split.id)) continue;
            if (!aside.evaluations.empty()) eval.shelved.push_back(std::move(aside));
        }
    }
    if (in.contains("draft")) {
        const json& d = in["draft"];
        text::read_field(d, "profile", eval.draft.profile);
        text::read_field(d, "model", eval.draft.model);
        std::string method;
        text::read_field(d, "method", method);
        eval::method_from_key(method, eval.draft.method);
        text::read_field(d, "shots", eval.draft.shots);
        eval.draft.shots = std::clamp(eval.draft.shots, 1, kMaxShots);
        text::read_field(d, "embeddingModel", eval.draft.embedding_model);
        text::read_field(d, "dimensions", eval.draft.dimensions);
        text::read_field(d, "embeddingAllRows", eval.draft.embedding_all_rows);
        eval.draft.dimensions = std::clamp(eval.draft.dimensions, 0, kMaxEmbeddingDimensions);
    }
    text::read_field(in, "concurrency", eval.concurrency);
    eval.concurrency = std::clamp(eval.concurrency, 1, 64);
    if (const auto seconds = text::optional_number(in, "batchCheckSeconds")) {
        eval.batch_check_seconds = std::clamp(*seconds, 1.0, static_cast<double>(EvalState::kMaxBatchCheckSeconds));
    }
    text::read_field(in, "repeats", eval.repeats);
    eval.repeats = std::clamp(eval.repeats, 1, kMaxRepeats);
    text::read_field(in, "saveSerial", eval.save_serial);
    text::read_field(in, "pairA", eval.pair_a);
    text::read_field(in, "pairB", eval.pair_b);
    std::string filter;
    text::read_field(in, "filter", filter);
    for (eval::RowFilter f : {eval::RowFilter::All, eval::RowFilter::AnyWrong, eval::RowFilter::Disagree}) {
        if (filter_key(f) == filter) eval.filter = f;
    }
    text::read_field(in, "shown", eval.shown);
    if (in.contains("localSplitAccuracy") && in["localSplitAccuracy"].is_object()) {
        for (const auto& [id, accuracy] : in["localSplitAccuracy"].items()) {
            if (accuracy.is_number()) eval.local_split_accuracy[id] = accuracy.get<double>();
        }
    }
}

json evaluations_json(const EvalState& eval) {
    json out = json::array();
    for (const eval::CandidateReport& r : eval.reports) {
        const eval::Evaluation* e = eval.find(r.id);
        out.push_back({{"candidate", r.id},
                       {"name", r.name},
                       {"phase", e ? phase_key(e->phase) : "idle"},
                       {"rows", r.tally.rows},
                       {"done", r.tally.answered},
                       {"correct", r.tally.correct},
                       {"invalid", r.tally.invalid},
                       {"failed", r.tally.failed},
                       {"inFlight", e ? e->in_flight.size() : 0},
                       {"accuracy", r.accuracy},
                       {"ciLow", r.interval.low},
                       {"ciHigh", r.interval.high},
                       {"macroF1", r.macro_f1},
                       {"cost", r.cost ? json(*r.cost) : json(nullptr)},
                       {"promptTokens", r.tally.prompt_tokens},
                       {"completionTokens", r.tally.completion_tokens},
                       {"meanSeconds", r.mean_seconds},
                       {"stoppedBecause", e ? e->stopped_because : ""},
                       {"batchProblem", e ? e->batch_problem : ""}});
        if (e) {
            json& batches = out.back()["batches"] = json::array();
            for (const api::BatchRecord& record : e->batches) {
                batches.push_back({{"clientId", record.client_id}, {"batchId", record.batch_id}, {"status", record.status},
                                   {"rows", record.custom_ids.size()}, {"completed", record.counts.completed}});
            }
        }
        if (const eval::SpendEstimate* estimate = eval.estimate(r.id)) out.back()["estimate"] = estimate_json(*estimate);
        if (e && e->candidate.method == eval::Method::Embeddings) {
            out.back()["trials"] = trials_json(e->trials);
            out.back()["bestTrial"] = e->best_trial;
        }
        if (const eval::RepeatScores* repeat = eval.repeat(r.id)) {
            json& repeats = out.back()["repeats"];
            repeats = {{"splits", eval.splits.size()}, {"scored", repeat->accuracies.size()},
                       {"accuracies", repeat->accuracies}, {"mean", repeat->summary.mean}, {"sd", repeat->summary.sd}};
            if (!repeat->excluded_because.empty()) repeats["excludedBecause"] = repeat->excluded_because;
        }
    }
    return out;
}

json compare_json(const EvalState& eval) {
    if (!eval.pair) return nullptr;
    const auto [a_id, b_id] = eval.chosen_pair();
    const eval::PairComparison& pair = *eval.pair;
    return {{"a", a_id},
            {"b", b_id},
            {"rows", pair.rows},
            {"aOnly", pair.test.a_only},
            {"bOnly", pair.test.b_only},
            {"pValue", pair.test.p_value},
            {"sentence", pair.sentence},
            {"filter", filter_key(eval.filter)},
            {"rowsShown", eval.shown_rows.size()}};
}

json split_results_json(const EvalState& eval, const std::string& current_file) {
    json current = nullptr;
    if (!eval.split.id.empty()) current = {{"id", eval.split.id}, {"description", describe(eval.split, current_file)}};
    json others = json::array();
    for (const ShelvedResults& aside : eval.shelved) {
        std::size_t answers = 0;
        for (const eval::Evaluation& e : aside.evaluations) answers += e.answers.size();
        others.push_back({{"id", aside.split.id},
                          {"description", describe(aside.split, current_file)},
                          {"candidates", aside.evaluations.size()},
                          {"answers", answers}});
    }
    return {{"current", current}, {"others", others}};
}

}  // namespace tb::workflow
