#include <catch2/catch.hpp>

#include "core/workflow/eval_batches.h"
#include "core/workflow/experiment.h"
#include "core/workflow/intents.h"

using namespace tb;
using namespace tb::workflow;

namespace {

// A state with a tiny split: 2 classes, 4 training rows, 4 test rows.
State with_split() {
    State state;
    Dataset dataset;
    dataset.file.name = "tiny.csv";
    dataset.summary.header = {"text", "label"};
    dataset.summary.text_column = 0;
    dataset.summary.label_column = 1;
    dataset.split.classes = {"A", "B"};
    for (std::uint64_t i = 0; i < 4; ++i) {
        const std::string label = i < 3 ? "A" : "B";
        // Rows are numbered from 1 in the file: a row 0 would not survive a save.
        dataset.split.train.push_back({i + 1, i, label, {"train " + std::to_string(i), label}});
        dataset.split.test.push_back({10 + i, 10 + i, i % 2 ? "B" : "A", {"test " + std::to_string(i), i % 2 ? "B" : "A"}});
    }
    state.data.dataset = std::move(dataset);
    return state;
}

api::ChatAnswer said(const std::string& content) {
    api::ChatAnswer answer;
    answer.content = answer.raw = content;
    return answer;
}

}  // namespace

TEST_CASE("adding candidates: frozen prompt, schema where the model takes one, no duplicates", "[eval]") {
    State state = with_split();
    CandidateDraft draft;
    draft.profile = "openai";
    draft.model = "gpt-4o-mini-2024-07-18";
    REQUIRE(apply(state, AddCandidate{draft, {}}));
    REQUIRE(state.eval.evaluations.size() == 1);
    const eval::Candidate& added = state.eval.evaluations[0].candidate;
    CHECK(added.structured);
    CHECK(added.prompt.system.find("- A\n- B") != std::string::npos);  // the default prompt, as sent
    apply(state, AddCandidate{draft, {}});
    CHECK(state.eval.evaluations.size() == 1);  // the same candidate again

    draft.model = "tuneboard-fake-small";
    apply(state, AddCandidate{draft, {}});
    CHECK_FALSE(state.eval.evaluations[1].candidate.structured);
    draft.method = eval::Method::FewShot;
    draft.shots = 3;
    apply(state, AddCandidate{draft, {}});
    CHECK(state.eval.evaluations.size() == 3);
    CHECK(state.eval.evaluations[2].candidate.shots == 3);

    draft.model.clear();
    draft.method = eval::Method::ZeroShot;
    apply(state, AddCandidate{draft, {}});
    CHECK(state.eval.evaluations.size() == 3);
    CHECK(state.status.level == Status::Level::Error);
}

TEST_CASE("run, pause, re-run and remove change only what they name", "[eval]") {
    State state = with_split();
    CandidateDraft draft;
    apply(state, AddCandidate{draft, {}});
    draft.model = "gpt-4.1-mini-2025-04-14";
    apply(state, AddCandidate{draft, {}});
    CandidateDraft majority;
    majority.method = eval::Method::Majority;
    apply(state, AddCandidate{majority, {}});
    auto& evaluations = state.eval.evaluations;
    REQUIRE(evaluations.size() == 3);

    apply(state, RunEvaluation{});
    CHECK(evaluations[0].phase == eval::Phase::Running);
    CHECK(evaluations[1].phase == eval::Phase::Running);
    CHECK(evaluations[2].phase == eval::Phase::Idle);  // the baseline asks no one
    apply(state, PauseEvaluation{evaluations[0].id});
    CHECK(evaluations[0].phase == eval::Phase::Paused);
    CHECK(evaluations[1].phase == eval::Phase::Running);
    apply(state, CancelEvaluation{evaluations[0].id});
    CHECK(evaluations[0].phase == eval::Phase::Idle);
    apply(state, RunEvaluation{evaluations[0].id});
    CHECK(evaluations[0].phase == eval::Phase::Running);

    eval::record_answer(evaluations[0], 10, said("A"), {"A", "B"}, 1);
    evaluations[0].in_flight[11] = 5;
    apply(state, RerunEvaluation{evaluations[0].id});
    CHECK(evaluations[0].answers.empty());
    CHECK(evaluations[0].in_flight.empty());
    CHECK(evaluations[0].phase == eval::Phase::Running);

    const std::string gone = evaluations[1].id;
    apply(state, RemoveCandidate{gone});
    CHECK(state.eval.find(gone) == nullptr);
    CHECK(state.eval_unsaved);
}

TEST_CASE("refused rows are asked again now, or left to ask for a new batch", "[eval][batch]") {
    State state = with_split();
    apply(state, AddCandidate{CandidateDraft{}, {}});
    eval::Evaluation& e = state.eval.evaluations[0];
    const auto& test = state.data.dataset->split.test;
    for (const auto& row : test) eval::record_answer(e, row.row, said("A"), {"A", "B"}, 1);
    e.answers.erase(test[1].row);
    e.failed[test[1].row] = "HTTP 400: context length";
    REQUIRE(eval::rows_to_ask(e, test, 100).empty());

    apply(state, RetryFailedRows{e.id, /*now=*/false});
    CHECK(e.failed.empty());
    CHECK(e.phase == eval::Phase::Idle);  // nothing asked live: the batch that follows asks it
    const auto left = eval::rows_to_ask(e, test, 100);
    REQUIRE(left.size() == 1);
    CHECK(left[0]->row == test[1].row);

    e.failed[test[1].row] = "HTTP 400: context length";
    apply(state, RetryFailedRows{e.id});
    CHECK(e.failed.empty());
    CHECK(e.phase == eval::Phase::Running);
}

TEST_CASE("reports: the baseline answers from the training labels, others count their answers", "[eval]") {
    State state = with_split();
    CandidateDraft majority;
    majority.method = eval::Method::Majority;
    apply(state, AddCandidate{majority, {}});
    apply(state, AddCandidate{CandidateDraft{}, {}});
    eval::record_answer(state.eval.evaluations[1], 10, said("A"), {"A", "B"}, 1);
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    REQUIRE(state.eval.reports.size() == 2);
    // Training is 3 A, 1 B: the baseline says A; test rows alternate A, B: 2 of 4.
    CHECK(state.eval.reports[0].tally.correct == 2);
    CHECK(state.eval.reports[0].complete);
    CHECK(state.eval.reports[0].cost == 0.0);
    CHECK(state.eval.reports[1].tally.answered == 1);
    CHECK_FALSE(state.eval.reports[1].complete);
    const auto json = evaluations_json(state.eval);
    CHECK(json[0]["accuracy"] == 0.5);
    CHECK(json[1]["done"] == 1);
    CHECK(json[1]["rows"] == 4);
    CHECK(json[1]["cost"].is_null());  // no price known
    CHECK(json[0]["ciLow"].get<double>() < 0.5);
    CHECK(json[0]["ciHigh"].get<double>() > 0.5);
    // The paired test and the explorer's rows come with the reports: baseline vs the other candidate.
    REQUIRE(state.eval.pair);
    CHECK(state.eval.pair->rows == 1);
    CHECK(state.eval.shown_rows.size() == 4);
    apply(state, SetRowFilter{eval::RowFilter::Disagree});
    CHECK(state.eval.reports_stale);
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    CHECK(state.eval.shown_rows.empty());  // both said A on the one row both answered
    CHECK(compare_json(state.eval)["rowsShown"] == 0);
}

TEST_CASE("evaluations are saved and restored with every answer, and exported with the experiment", "[eval]") {
    State state = with_split();
    CandidateDraft draft;
    draft.method = eval::Method::FewShot;
    apply(state, AddCandidate{draft, {}});
    apply(state, RunEvaluation{});
    eval::Evaluation& e = state.eval.evaluations[0];
    api::ChatAnswer answer = said("b.");
    answer.prompt_tokens = 120;
    answer.completion_tokens = 2;
    eval::record_answer(e, 11, answer, {"A", "B"}, 0.75);
    eval::record_answer(e, 12, said("?"), {"A", "B"}, 0.5);
    eval::record_answer(e, 14, said("A"), {"A", "B"}, 0, true);  // through a Batch API
    e.failed[13] = "HTTP 400: too long";
    e.in_flight[10] = 3.0;
    state.eval.concurrency = 7;
    state.eval.pair_a = e.id;
    state.eval.filter = eval::RowFilter::AnyWrong;

    EvalState restored;
    restore_eval(restored, to_json(state.eval));
    REQUIRE(restored.evaluations.size() == 1);
    const eval::Evaluation& r = restored.evaluations[0];
    CHECK(r.id == e.id);
    CHECK(r.phase == eval::Phase::Running);  // goes on after a reload
    CHECK(r.in_flight.empty());              // what was in flight is asked again
    CHECK(r.answers.at(11).label == "B");
    CHECK(r.answers.at(11).raw == "b.");
    CHECK(r.answers.at(11).match == e.answers.at(11).match);
    CHECK(r.answers.at(11).prompt_tokens == 120);
    CHECK(r.answers.at(11).seconds == 0.75);
    CHECK(r.answers.at(12).label.empty());
    CHECK_FALSE(r.answers.at(11).batch);
    CHECK(r.answers.at(14).batch);
    CHECK(r.failed.at(13) == "HTTP 400: too long");
    CHECK(restored.concurrency == 7);
    CHECK(restored.pair_a == e.id);
    CHECK(restored.filter == eval::RowFilter::AnyWrong);
    CHECK(to_json(restored) == to_json(state.eval));

    // The whole experiment carries them; the browser's own copy of the experiment does not.
    CHECK(experiment_to_json(state, false).contains("evaluation") == false);
    State imported;
    REQUIRE(restore_experiment(imported, experiment_to_json(state)).empty());
    CHECK(imported.eval.evaluations.size() == 1);
    CHECK(imported.eval.reports_stale);
}

TEST_CASE("of two saved copies of the evaluations, the one saved last wins", "[eval]") {
    State state = with_split();
    apply(state, AddCandidate{CandidateDraft{}, {}});
    eval::Evaluation& e = state.eval.evaluations[0];
    eval::record_answer(e, 11, said("A"), {"A", "B"}, 0.5);
    state.eval.save_serial = 41;
    const nlohmann::json stored = to_json(state.eval);  // IndexedDB's copy
    eval::record_answer(e, 12, said("B"), {"A", "B"}, 0.5);
    state.eval.save_serial = 42;
    const nlohmann::json at_exit = to_json(state.eval);  // written as the page went away, one answer later

    CHECK(&newer_saved_eval(stored, at_exit) == &at_exit);
    CHECK(&newer_saved_eval(at_exit, stored) == &at_exit);
    CHECK(&newer_saved_eval(stored, stored) == &stored);  // a tie: the first
    const nlohmann::json none;
    CHECK(&newer_saved_eval(none, stored) == &stored);
    CHECK(&newer_saved_eval(stored, none) == &stored);
    CHECK(&newer_saved_eval(none, none) == &none);
    // Copies from before save serials counted as 0.
    nlohmann::json old = stored;
    old.erase("saveSerial");
    CHECK(&newer_saved_eval(old, stored) == &stored);

    EvalState restored;
    restore_eval(restored, newer_saved_eval(stored, at_exit));
    CHECK(restored.save_serial == 42);  // the next save counts on from there
    CHECK(restored.evaluations.at(0).answers.size() == 2);
}

TEST_CASE("repeating over splits: zero-shot candidates ask every split's test rows, others their own", "[eval]") {
    State state = with_split();
    apply(state, AddCandidate{CandidateDraft{}, {}});
    CandidateDraft few;
    few.method = eval::Method::FewShot;
    apply(state, AddCandidate{few, {}});
    apply(state, SetRepeats{3});
    CHECK(state.eval.repeats == 3);
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    const auto& test = state.data.dataset->split.test;
    REQUIRE(state.eval.splits.size() == 3);
    CHECK(state.eval.all_rows.size() >= test.size());
    CHECK(&state.eval.rows_for(state.eval.evaluations[0], test) == &state.eval.all_rows);
    CHECK(&state.eval.rows_for(state.eval.evaluations[1], test) == &test);
    const auto json = evaluations_json(state.eval);
    CHECK(json[0]["repeats"]["splits"] == 3);
    CHECK(json[0]["repeats"]["scored"] == 0);
    CHECK(json[1]["repeats"].contains("excludedBecause"));
    // Rows answered over all splits, counted with the reports.
    CHECK(state.eval.repeat(state.eval.evaluations[0].id)->rows_answered == 0);
    const std::uint64_t asked = state.eval.all_rows.back().row;
    state.eval.evaluations[0].answers[asked].label = "A";
    state.eval.reports_stale = true;
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    CHECK(state.eval.repeat(state.eval.evaluations[0].id)->rows_answered == 1);
    apply(state, SetRepeats{500});
    CHECK(state.eval.repeats == kMaxRepeats);
    EvalState restored;
    restore_eval(restored, to_json(state.eval));
    CHECK(restored.repeats == kMaxRepeats);
}

TEST_CASE("restoring evaluations skips what is not what it should be, and never throws", "[eval]") {
    // Failed rows are keyed by row number: any other key (the crash was std::stoull's) is left out.
    const auto restored = [](const char* text) {
        EvalState eval;
        REQUIRE_NOTHROW(restore_eval(eval, nlohmann::json::parse(text)));
        return eval;
    };
    const EvalState failed = restored(R"({"evaluations":[{"candidate":{"method":"zero_shot","model":"m"},
        "failed":{"12":"HTTP 400","abc":"x","7x":"y","":"z","-1":"w","99999999999999999999":"v","13":5}}]})");
    REQUIRE(failed.evaluations.size() == 1);
    CHECK(failed.evaluations[0].failed == std::map<std::uint64_t, std::string>{{12, "HTTP 400"}});

    // Columns of the wrong type, or answers that are no object: nothing of them is taken.
    for (const char* answers : {R"("answers":[1,2])", R"("answers":"x")",
                                R"("answers":{"rows":"abc","labels":{"a":1},"raw":7})",
                                R"("answers":{"rows":[1,2],"labels":"AB"})"}) {
        const EvalState eval = restored((std::string(R"({"evaluations":[{"candidate":{"model":"m"},)") + answers + "}]}").c_str());
        REQUIRE(eval.evaluations.size() == 1);
        CHECK(eval.evaluations[0].answers.empty());
    }
    // Rows with a label kept; a raw answer of the wrong type is left empty.
    const EvalState partial = restored(R"({"evaluations":[{"candidate":{"model":"m"},
        "answers":{"rows":[4,"5",6],"labels":["A","B",null],"raw":[1,"b","c"],"seconds":["x",1.5,2]}}]})");
    const auto& answers = partial.evaluations[0].answers;
    REQUIRE(answers.size() == 2);
    CHECK(answers.at(4).label == "A");
    CHECK(answers.at(4).raw.empty());
    CHECK(answers.at(6).label.empty());
    CHECK(answers.at(6).raw == "c");
    CHECK(answers.at(6).seconds == 2);
    // Few-shot examples per class as the form allows them.
    const EvalState shots = restored(R"({"evaluations":[{"candidate":{"method":"few_shot","shots":-5}}],"draft":{"shots":100000}})");
    CHECK(shots.evaluations[0].candidate.shots == 1);
    CHECK(shots.draft.shots == kMaxShots);
}

TEST_CASE("a run without its key says so and waits, the message goes when the key comes, and is not saved", "[eval]") {
    State state = with_split();
    apply(state, AddCandidate{CandidateDraft{}, {}});
    apply(state, RunEvaluation{});
    eval::Evaluation& e = state.eval.evaluations[0];
    const std::string held = "The key kept for OpenAI was meant for https://a.example/v1, and the base URL is now "
                             "https://b.example/v1: it is not sent there until you confirm it (Send key to this URL).";

    CHECK_FALSE(key_in_hand(e, held));
    CHECK(e.stopped_because == held + " The run goes on from there.");
    CHECK(e.phase == eval::Phase::Running);  // waiting, not stopped
    // A reload while it waits: the wait is not saved (it is said again if the key is still missing).
    EvalState restored;
    restore_eval(restored, to_json(state.eval));
    CHECK(restored.evaluations[0].stopped_because.empty());

    CHECK(key_in_hand(e, ""));
    CHECK(e.stopped_because.empty());
    CHECK_FALSE(e.waiting_for_key);

    // A stop for another reason is not cleared by the key being there.
    CHECK_FALSE(key_in_hand(e, "Enter the API key for OpenAI in Providers first."));
    stop_evaluation(state, e, "The provider says the model does not exist.");
    CHECK(key_in_hand(e, ""));
    CHECK(e.stopped_because == "The provider says the model does not exist.");
    CHECK(to_json(state.eval)["evaluations"][0]["stoppedBecause"] == "The provider says the model does not exist.");
}

TEST_CASE("the per-class view opens on the most accurate candidate, not the baseline, until one is picked", "[eval]") {
    State state = with_split();
    CandidateDraft majority;
    majority.method = eval::Method::Majority;
    CandidateDraft weak, strong;
    weak.model = "weak";
    strong.model = "strong";
    apply(state, AddCandidate{weak, {}});
    apply(state, AddCandidate{strong, {}});
    apply(state, AddCandidate{majority, {}});  // added last, as people do
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    // Only the baseline has answered (it needs no provider): it is all there is to show.
    const std::string baseline = state.eval.evaluations[2].id;
    CHECK(state.eval.per_class_shown() == baseline);
    // Test rows 10..13 are A, B, A, B. weak gets 1 of 2 right, strong 2 of 2; the baseline 2 of 4.
    eval::record_answer(state.eval.evaluations[0], 10, said("B"), {"A", "B"}, 1);
    eval::record_answer(state.eval.evaluations[0], 11, said("B"), {"A", "B"}, 1);
    eval::record_answer(state.eval.evaluations[1], 10, said("A"), {"A", "B"}, 1);
    eval::record_answer(state.eval.evaluations[1], 11, said("B"), {"A", "B"}, 1);
    state.eval.reports_stale = true;
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    CHECK(state.eval.per_class_shown() == state.eval.evaluations[1].id);
    // weak answers every row (3 of 4 right, 0.75): scored on every row, it goes before strong's 2 of 2.
    eval::record_answer(state.eval.evaluations[0], 12, said("A"), {"A", "B"}, 1);
    eval::record_answer(state.eval.evaluations[0], 13, said("B"), {"A", "B"}, 1);
    state.eval.reports_stale = true;
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    REQUIRE(state.eval.reports[0].complete);
    CHECK(state.eval.reports[0].accuracy == 0.75);
    CHECK(state.eval.per_class_shown() == state.eval.evaluations[0].id);
    // Picked by the person: kept, even the baseline.
    apply(state, ShowCandidate{baseline});
    CHECK(state.eval.per_class_shown() == baseline);
}

namespace {

// An OpenAI chat completion answering `content`, as a batch output line's response body holds it.
api::HttpResponse chat_answer(const std::string& content) {
    api::HttpResponse response;
    response.status = 200;
    response.body = nlohmann::json{{"id", "chatcmpl-1"},
                                   {"object", "chat.completion"},
                                   {"choices", {{{"index", 0},
                                                 {"message", {{"role", "assistant"}, {"content", content}}},
                                                 {"finish_reason", "stop"}}}},
                                   {"usage", {{"prompt_tokens", 50}, {"completion_tokens", 1}}}}
                        .dump();
    return response;
}

std::vector<std::string> custom_ids_of(const std::vector<const data::SplitRow*>& rows) {
    std::vector<std::string> ids;
    for (const data::SplitRow* row : rows) ids.push_back(eval::batch_custom_id(row->row));
    return ids;
}

}  // namespace

TEST_CASE("a batch asks the very requests the live path sends, its rows are not asked live meanwhile, and it is saved", "[eval][batch]") {
    State state = with_split();
    apply(state, AddCandidate{CandidateDraft{}, {}});
    eval::Evaluation& e = state.eval.evaluations[0];
    const Dataset& dataset = *state.data.dataset;
    const auto asking = chat_asking(dataset, e.candidate);
    REQUIRE(std::holds_alternative<ChatAsking>(asking));
    const auto rows = eval::rows_to_ask(e, dataset.split.test, 100);
    REQUIRE(rows.size() == 4);
    const api::Endpoint endpoint{"https://api.openai.com/v1", "sk-test", false};
    const api::BatchInputs inputs = batch_inputs(std::get<ChatAsking>(asking), e, rows, dataset.split.classes, endpoint,
                                                 "/v1/chat/completions");
    REQUIRE(inputs.files.size() == 1);
    CHECK(inputs.refused.empty());
    CHECK(inputs.files[0].custom_ids == std::vector<std::string>{"row-10", "row-11", "row-12", "row-13"});
    // Line by line: the live request's own body, and never the key.
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t end = inputs.files[0].jsonl.find('\n', line_start);
        REQUIRE(end != std::string::npos);
        const auto line = nlohmann::json::parse(inputs.files[0].jsonl.substr(line_start, end - line_start));
        line_start = end + 1;
        const api::HttpRequest live = row_request(std::get<ChatAsking>(asking), e.candidate, *rows[i], dataset.split.classes, endpoint);
        CHECK(line["custom_id"] == eval::batch_custom_id(rows[i]->row));
        CHECK(line["body"] == nlohmann::json::parse(live.body));
    }
    CHECK(inputs.files[0].jsonl.find("sk-test") == std::string::npos);

    // The first two rows go in a batch: only the other two are left to ask live.
    api::BatchRecord record;
    record.client_id = "tb-0123456789abcdef";
    record.custom_ids = custom_ids_of({rows[0], rows[1]});
    e.batches.push_back(record);
    const auto left = eval::rows_to_ask(e, dataset.split.test, 100);
    REQUIRE(left.size() == 2);
    CHECK(left[0]->row == 12);
    CHECK(left[1]->row == 13);
    // The batched rows are read again whenever the batches change: a second batch takes row 12; when the
    // first batch goes, its rows are to ask again.
    api::BatchRecord second;
    second.client_id = "tb-fedcba9876543210";
    second.custom_ids = {"row-12"};
    e.batches.push_back(second);
    REQUIRE(eval::rows_to_ask(e, dataset.split.test, 100).size() == 1);
    e.batches.erase(e.batches.begin());
    const auto after = eval::rows_to_ask(e, dataset.split.test, 100);
    REQUIRE(after.size() == 3);
    CHECK(after[0]->row == 10);
    CHECK(after[2]->row == 13);
    e.batches = {record};

    // Saved with the experiment, with how often batches are looked at.
    e.batches[0].batch_id = "batch_abc";
    e.batches[0].input_file_id = "file-in";
    state.eval.batch_check_seconds = 3;
    EvalState restored;
    restore_eval(restored, to_json(state.eval));
    REQUIRE(restored.evaluations.size() == 1);
    REQUIRE(restored.evaluations[0].batches.size() == 1);
    CHECK(restored.evaluations[0].batches[0].batch_id == "batch_abc");
    CHECK(restored.evaluations[0].batches[0].custom_ids == record.custom_ids);
    CHECK(restored.batch_check_seconds == 3);
    CHECK(eval::rows_to_ask(restored.evaluations[0], dataset.split.test, 100).size() == 2);
}

TEST_CASE("a finished batch's answers are read as live ones at the batch price, refused rows fail, rows not run are asked again", "[eval][batch]") {
    State state = with_split();
    apply(state, AddCandidate{CandidateDraft{}, {}});
    eval::Evaluation& e = state.eval.evaluations[0];
    const Dataset& dataset = *state.data.dataset;
    api::BatchRecord record;
    record.client_id = "tb-1";
    record.batch_id = "batch_1";
    record.custom_ids = {"row-10", "row-11", "row-12", "row-13"};
    e.batches.push_back(record);

    std::vector<api::BatchAnswer> lines(4);
    lines[0] = {"row-11", api::HttpResponse{}, std::nullopt};
    lines[0].response.status = 400;
    lines[0].response.body = R"({"error":{"message":"This model's maximum context length is 10 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}})";
    lines[1] = {"row-10", chat_answer("A"), std::nullopt};
    api::ApiError expired;
    expired.code = "batch_expired";
    expired.message = "This request could not be executed before the completion window expired.";
    lines[2] = {"row-12", api::HttpResponse{}, expired};
    lines[3] = {"row-99", chat_answer("B"), std::nullopt};  // not this batch's row: ignored

    const BatchTaken taken = take_batch(e, "tb-1", lines, dataset.split.classes);
    CHECK(taken.answered == 1);
    CHECK(taken.refused == 1);
    CHECK(taken.again == 2);  // row 12 expired, row 13 has no line at all
    CHECK(e.batches.empty());
    REQUIRE(e.answers.count(10) == 1);
    CHECK(e.answers.at(10).label == "A");
    CHECK(e.answers.at(10).batch);
    CHECK(e.answers.at(10).prompt_tokens == 50);
    CHECK(e.answers.count(99) == 0);
    REQUIRE(e.failed.count(11) == 1);
    CHECK(e.failed.at(11).find("maximum context length") != std::string::npos);
    const auto left = eval::rows_to_ask(e, dataset.split.test, 100);
    REQUIRE(left.size() == 2);
    CHECK(left[0]->row == 12);
    CHECK(left[1]->row == 13);
    // A batch already taken gives nothing again.
    CHECK(take_batch(e, "tb-1", lines, dataset.split.classes).answered == 0);
}

TEST_CASE("only chat candidates of a provider with a Batch API can run as a batch", "[eval][batch]") {
    State state = with_split();
    eval::Candidate candidate;
    candidate.method = eval::Method::ZeroShot;
    for (const char* id : {"openai", "azure", "nebius", "together"}) {
        candidate.profile = id;
        CHECK(can_batch(state.providers, candidate));
    }
    candidate.method = eval::Method::FewShot;
    CHECK(can_batch(state.providers, candidate));
    for (const char* id : {"ollama", "custom", "no-such-profile"}) {
        candidate.profile = id;
        CHECK_FALSE(can_batch(state.providers, candidate));
    }
    candidate.profile = "openai";
    for (const auto method : {eval::Method::Majority, eval::Method::Local, eval::Method::Embeddings}) {
        candidate.method = method;
        CHECK_FALSE(can_batch(state.providers, candidate));
    }
}

TEST_CASE("a batch as the Evaluate step says it, from upload to done", "[eval][batch]") {
    api::BatchRecord record;
    record.client_id = "tb-7";
    record.custom_ids = {"row-1", "row-2", "row-3"};
    CHECK(batch_summary(record) == "Batch tb-7: uploading its 3 questions");
    record.input_file_id = "file-1";
    CHECK(batch_summary(record) == "Batch tb-7: being created");
    record.batch_id = "batch_9";
    record.status = "IN_PROGRESS";  // Together's capitals
    record.counts = {3, 2, 0};
    CHECK(batch_summary(record) == "Batch batch_9: in progress, 2 of 3 done");
    record.status = "completed";
    record.counts = {1200, 1100, 100};
    CHECK(batch_summary(record) == "Batch batch_9: completed, 1,100 of 1,200 done, 100 failed");
}
