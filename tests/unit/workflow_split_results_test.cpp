#include <catch2/catch.hpp>

#include <memory>

#include "core/data/summary.h"
#include "core/workflow/experiment.h"
#include "core/workflow/intents.h"

using namespace tb;
using namespace tb::workflow;

namespace {

// 3 classes of 40 rows each, read for real, so the split is drawn as in the page.
State read_file(std::uint64_t seed = 1) {
    std::string csv = "Product,Consumer complaint narrative\n";
    for (int i = 0; i < 120; ++i) {
        csv += std::string(i % 3 == 0 ? "Mortgage" : i % 3 == 1 ? "Debt collection" : "Student loan") +
               ",complaint number " + std::to_string(i) + " about something\n";
    }
    State state;
    state.data.load.seed = seed;
    state.data.split_settings.train = state.data.split_settings.validation = state.data.split_settings.test = 12;
    auto loader = std::make_unique<data::Loader>(state.data.load);
    loader->feed(csv);
    loader->finish();
    Dataset dataset;
    dataset.file.name = "complaints.csv";
    dataset.file.handle = 1;
    dataset.summary = data::summarize(*loader);
    dataset.loader = std::move(loader);
    state.data.dataset = std::move(dataset);
    REQUIRE(redraw_split(state));
    return state;
}

api::ChatAnswer said(const std::string& content) {
    api::ChatAnswer answer;
    answer.content = answer.raw = content;
    return answer;
}

// The candidate answers every test row right.
eval::Evaluation& add_and_answer(State& state, const std::string& model) {
    CandidateDraft draft;
    draft.profile = "openai";
    draft.model = model;
    REQUIRE(apply(state, AddCandidate{draft, {}}));
    eval::Evaluation& e = state.eval.evaluations.back();
    for (const data::SplitRow& row : state.data.dataset->split.test) {
        eval::record_answer(e, row.row, said(row.label), state.data.dataset->split.classes, 0.5);
    }
    return e;
}

}  // namespace

TEST_CASE("a split's id: the same rows give the same id, other rows or columns another", "[split-results]") {
    State a = read_file(), b = read_file();
    const std::string id = split_id(*a.data.dataset);
    CHECK(id.size() == 16);
    CHECK(split_id(*b.data.dataset) == id);  // the same file read again with the same settings
    CHECK(read_file(2).eval.split.id != id);  // another seed
    Dataset& dataset = *b.data.dataset;
    std::swap(dataset.split.test[0], dataset.split.test[1]);
    CHECK(split_id(dataset) == id);  // the order rows are listed in does not matter
    std::swap(dataset.split.test[0], dataset.split.validation[0]);
    CHECK(split_id(dataset) != id);  // which part a row is in does
    std::swap(dataset.split.test[0], dataset.split.validation[0]);
    dataset.summary.text_column = 5;
    CHECK(split_id(dataset) != id);  // the same rows read from another column
    dataset.summary.text_column = a.data.dataset->summary.text_column;
    dataset.summary.fingerprint = "another file";
    CHECK(split_id(dataset) != id);
    CHECK(split_id(Dataset{}).empty());
}

TEST_CASE("changing the split puts its results aside: none is shown against the new rows", "[split-results]") {
    State state = read_file();
    const std::string first = state.eval.split.id;
    REQUIRE_FALSE(first.empty());
    CHECK(describe(state.eval.split, "complaints.csv") == "seed 1 · 12 / 12 / 12 rows · 3 classes");
    eval::Evaluation& e = add_and_answer(state, "gpt-4o-mini-2024-07-18");
    const std::string id = e.id;
    apply(state, RunEvaluation{id});
    REQUIRE(state.eval.evaluations[0].phase == eval::Phase::Running);

    // More test rows: the 12 answered stay among them, and used to be shown as "12 / 15, accuracy 1.000".
    state.data.split_settings.test = 15;
    REQUIRE(redraw_split(state));
    CHECK(state.eval.split.id != first);
    CHECK(state.eval.evaluations.empty());
    REQUIRE(state.eval.shelved.size() == 1);
    const ShelvedResults& aside = state.eval.shelved[0];
    CHECK(aside.split.id == first);
    CHECK(aside.split.test == 12);
    REQUIRE(aside.evaluations.size() == 1);
    CHECK(aside.evaluations[0].answers.size() == 12);
    CHECK(aside.evaluations[0].phase == eval::Phase::Paused);  // nothing is asked for rows no one looks at
    CHECK_FALSE(aside.evaluations[0].stopped_because.empty());
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    CHECK(state.eval.reports.empty());
    CHECK(evaluations_json(state.eval).empty());

    // The same candidate on the new split starts from nothing; the old answers are untouched.
    eval::Evaluation& again = add_and_answer(state, "gpt-4o-mini-2024-07-18");
    CHECK(again.id == id);
    CHECK(again.answers.size() == 15);
    const std::string second = state.eval.split.id;

    // Back to 12 test rows: the same split, so its results come back, and the 15-row ones go aside.
    state.data.split_settings.test = 12;
    REQUIRE(redraw_split(state));
    CHECK(state.eval.split.id == first);
    REQUIRE(state.eval.evaluations.size() == 1);
    CHECK(state.eval.evaluations[0].answers.size() == 12);
    CHECK(state.eval.evaluations[0].phase == eval::Phase::Paused);  // resumed only when the person asks
    CHECK(state.eval.evaluations[0].stopped_because.find("Resume") != std::string::npos);
    REQUIRE(state.eval.shelved.size() == 1);
    CHECK(state.eval.shelved[0].split.id == second);
    CHECK(state.eval.shelved[0].evaluations[0].answers.size() == 15);
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    REQUIRE(state.eval.reports.size() == 1);
    CHECK(state.eval.reports[0].tally.rows == 12);
    CHECK(state.eval.reports[0].tally.answered == 12);

    const nlohmann::json listed = split_results_json(state.eval, "complaints.csv");
    CHECK(listed["current"]["id"] == first);
    CHECK(listed["others"][0]["description"] == "seed 1 · 12 / 12 / 15 rows · 3 classes");
    CHECK(listed["others"][0]["answers"] == 15);

    apply(state, DeleteSplitResults{second});
    CHECK(state.eval.shelved.empty());
    CHECK(state.eval_unsaved);
}

TEST_CASE("an answer that arrives after the split changed goes to the split it was asked on", "[split-results]") {
    State state = read_file();
    const std::string first = state.eval.split.id;
    CandidateDraft draft;
    draft.model = "gpt-4o-mini-2024-07-18";
    apply(state, AddCandidate{draft, {}});
    const std::string id = state.eval.evaluations[0].id;
    const std::vector<std::string> classes = state.data.dataset->split.classes;

    state.data.split_settings.classes = {"Mortgage", "Student loan"};  // other classes, other rows
    REQUIRE(redraw_split(state));
    CHECK(state.eval.locate(state.eval.split.id, id).evaluation == nullptr);
    const auto [aside, aside_classes] = state.eval.locate(first, id);
    REQUIRE(aside != nullptr);
    CHECK(*aside_classes == classes);  // its answer is read against the labels it was asked with
    CHECK(aside == &state.eval.shelved[0].evaluations[0]);
    CHECK(state.eval.locate("no such split", id).evaluation == nullptr);
}

TEST_CASE("results of every split are saved, and a save from before split ids keeps its answers", "[split-results]") {
    State state = read_file();
    add_and_answer(state, "gpt-4o-mini-2024-07-18");
    state.data.split_settings.test = 9;
    REQUIRE(redraw_split(state));
    add_and_answer(state, "gpt-4.1-mini-2025-04-14");

    const nlohmann::json saved = to_json(state.eval);
    EvalState restored;
    restore_eval(restored, nlohmann::json::parse(saved.dump()));
    CHECK(restored.split.id == state.eval.split.id);
    CHECK(restored.split.training_rows == state.eval.split.training_rows);
    REQUIRE(restored.shelved.size() == 1);
    CHECK(restored.shelved[0].split.id == state.eval.shelved[0].split.id);
    CHECK(restored.shelved[0].split.load.seed == 1);
    CHECK(restored.shelved[0].split.settings.test == 12);
    CHECK(restored.shelved[0].evaluations[0].answers.size() == 12);
    CHECK(to_json(restored) == saved);

    // The experiment's own copy of the split gives the same id once restored: the results are shown again.
    State reopened;
    REQUIRE(restore_experiment(reopened, nlohmann::json::parse(experiment_to_json(state).dump())).empty());
    CHECK(split_id(*reopened.data.dataset) == state.eval.split.id);
    CHECK(reopened.eval.split.id == state.eval.split.id);
    CHECK(reopened.eval.evaluations.size() == 1);

    // Saved before splits had ids: the answers were shown against the saved split, and stay with it.
    nlohmann::json old = saved;
    old.erase("split");
    old.erase("otherSplits");
    State legacy;
    REQUIRE(restore_experiment(legacy, experiment_to_json(state, false)).empty());
    restore_eval(legacy.eval, old);
    CHECK(legacy.eval.split.id.empty());
    follow_split(legacy);
    CHECK(legacy.eval.split.id == state.eval.split.id);
    CHECK(legacy.eval.evaluations.size() == 1);
}
