#include <catch2/catch.hpp>

#include <set>
#include <string_view>

#include "core/eval/local_candidate.h"
#include "core/eval/report.h"
#include "core/eval/spend_estimate.h"
#include "core/workflow/intents.h"
#include "core/workflow/label_vectors.h"
#include "workflow_fixtures.h"

using namespace tb;
using namespace tb::workflow;

namespace {

void train_to_the_end(State& state) {
    REQUIRE(start_vector_training(state));
    while (!state.embed.training->search->done()) state.embed.training->search->step(64);
    finish_vector_training(state);
}

}  // namespace

TEST_CASE("an embeddings candidate: its id, name and model, no prompt", "[embed]") {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(256), {}}));
    const eval::Evaluation& e = state.eval.evaluations.at(0);
    CHECK(e.id == "embeddings/openai/text-embedding-3-small/dims-256");
    CHECK(eval::candidate_name(e.candidate) == "text-embedding-3-small · 256 dims + logistic regression (openai)");
    CHECK(e.candidate.prompt.system.empty());
    CHECK_FALSE(eval::asks_chat(e.candidate.method));
    CHECK(vector_space(state, e.candidate).key() == "https://api.openai.com/v1|text-embedding-3-small|256");
}

TEST_CASE("the texts it needs: training, validation and test rows, each once, estimated until counted", "[embed]") {
    State state = with_split();
    std::vector<embed::NeededText> needed = needed_texts(state);
    REQUIRE(needed.size() == 16);
    CHECK(needed[0].text == "A 1");
    CHECK(needed[0].tokens == 1);   // 3 bytes: one token at 3 bytes a token
    CHECK(needed[15].text == "B 16");
    CHECK(needed[15].tokens == 2);  // 4 bytes
    state.embed.tokens[needed[0].key] = 5;
    CHECK(needed_texts(state)[0].tokens == 5);
    // The same text in two rows is embedded once.
    state.data.dataset->split.test[0].fields[0] = "A 1";
    CHECK(needed_texts(state).size() == 15);
    CHECK(embed::estimated_tokens("") == 1);
    CHECK(embed::estimated_tokens(std::string(3000, 'x')) == 1000);
    // A text past the limit is sent cut at a character's end.
    const std::string long_text = std::string(embed::kMaxEmbeddedTextBytes - 1, 'x') + "\xC3\xA9";
    CHECK(embed::embedded_text(long_text).size() == embed::kMaxEmbeddedTextBytes - 1);
}

TEST_CASE("the classifier waits for every vector, then answers the test rows and stops", "[embed]") {
    State state = with_split();
    apply(state, AddCandidate{embeddings_draft(), {}});
    apply(state, RunEvaluation{});
    SpaceVectors& vectors = space_vectors(state, state.eval.evaluations[0].candidate);
    vectors.cache = SpaceVectors::Cache::Ready;
    CHECK_FALSE(start_vector_training(state));  // no vector yet
    hold_every_vector(state);
    train_to_the_end(state);
    const eval::Evaluation& e = state.eval.evaluations[0];
    REQUIRE(e.answers.size() == 4);
    for (const data::SplitRow& row : state.data.dataset->split.test) CHECK(e.answers.at(row.row).label == row.label);
    REQUIRE(e.trials.size() == 5);  // one per strength C
    CHECK(e.trials[e.best_trial].accuracy == 1.0);
    CHECK(e.trials[0].features == 3);
    CHECK(e.phase == eval::Phase::Running);
    CHECK_FALSE(start_vector_training(state));  // nothing left: it stops and says so
    CHECK(state.eval.evaluations[0].phase == eval::Phase::Idle);
    CHECK(state.status.text == "text-embedding-3-small + logistic regression (openai): every test row answered.");
}

TEST_CASE("the classifier is not trained before the test rows' vectors are there: none is answered without one", "[embed]") {
    State state = with_split();
    apply(state, AddCandidate{embeddings_draft(), {}});
    apply(state, RunEvaluation{});
    std::set<std::string_view> test_texts;
    for (const data::SplitRow& row : state.data.dataset->split.test) test_texts.insert(row.fields[0]);
    REQUIRE(test_texts.size() == 4);
    hold_every_vector(state, test_texts);  // training and validation rows only, as after the first batches
    CHECK_FALSE(start_vector_training(state));
    hold_every_vector(state);  // the last batch
    train_to_the_end(state);
    const eval::Evaluation& e = state.eval.evaluations[0];
    REQUIRE(e.answers.size() == 4);
    for (const data::SplitRow& row : state.data.dataset->split.test) CHECK(e.answers.at(row.row).label == row.label);
}

TEST_CASE("a cancelled run's classifier is dropped, one of another split too", "[embed]") {
    State state = with_split();
    apply(state, AddCandidate{embeddings_draft(), {}});
    apply(state, RunEvaluation{});
    hold_every_vector(state);
    REQUIRE(start_vector_training(state));
    apply(state, CancelEvaluation{});
    while (!state.embed.training->search->done()) state.embed.training->search->step(64);
    finish_vector_training(state);
    CHECK(state.eval.evaluations[0].answers.empty());
    CHECK(state.embed.training == nullptr);

    apply(state, RunEvaluation{});
    REQUIRE(start_vector_training(state));
    state.eval.split.id = "split-2";  // drawn again meanwhile
    while (!state.embed.training->search->done()) state.embed.training->search->step(64);
    finish_vector_training(state);
    CHECK(state.eval.evaluations[0].answers.empty());
}

TEST_CASE("repeat over splits: a classifier per split from the vectors held, scored on its test rows", "[embed]") {
    State state = with_split();
    apply(state, AddCandidate{embeddings_draft(), {}});
    apply(state, SetRepeats{3});
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    REQUIRE(state.eval.splits.size() == 3);
    apply(state, RunEvaluation{});
    hold_every_vector(state);  // a reshuffle deals out the same rows: their vectors are all held
    for (int split = 0; split < 3; ++split) train_to_the_end(state);
    CHECK(state.eval.local_split_accuracy.size() == 2);
    for (const auto& [id, accuracy] : state.eval.local_split_accuracy) {
        CHECK(id.rfind("embeddings/openai/text-embedding-3-small/local ", 0) == 0);
        CHECK(accuracy == 1.0);
    }
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    const eval::RepeatScores* scores = state.eval.repeat(state.eval.evaluations[0].id);
    REQUIRE(scores != nullptr);
    CHECK(scores->accuracies == std::vector<double>{1.0, 1.0, 1.0});
}

TEST_CASE("its cost is its embedding tokens at the model's input price, saved and restored", "[embed]") {
    State state = with_split();
    apply(state, AddCandidate{embeddings_draft(512), {}});
    eval::Evaluation& e = state.eval.evaluations[0];
    e.embedding_tokens = 2'500'000;
    e.trials = {linear::Trial{}, linear::Trial{}};
    e.trials[1].strength = 0.1;
    e.best_trial = 1;
    prompt::PriceTable prices;
    prompt::ModelEntry entry;
    entry.provider = "openai";
    entry.model = "text-embedding-3-small";
    entry.fine_tunable = false;
    entry.input_per_million = 0.02;
    entry.output_per_million = 0.0;
    prices.models.push_back(entry);
    const eval::CandidateReport report = eval::report_candidate(e, state.data.dataset->split.classes,
                                                                state.data.dataset->split.test, prices);
    REQUIRE(report.cost.has_value());
    CHECK(*report.cost == Approx(0.05));
    CHECK(report.tally.prompt_tokens == 2'500'000);

    EvalState restored;
    restore_eval(restored, to_json(state.eval));
    REQUIRE(restored.evaluations.size() == 1);
    const eval::Evaluation& back = restored.evaluations[0];
    CHECK(back.id == e.id);
    CHECK(back.candidate.dimensions == 512);
    CHECK(back.embedding_tokens == 2'500'000);
    REQUIRE(back.trials.size() == 2);
    CHECK(back.trials[1].strength == 0.1);
    CHECK(back.best_trial == 1);
    CHECK(restored.draft.embedding_model == state.eval.draft.embedding_model);
}

TEST_CASE("learning from every labelled row: the rows read, their texts needed, trained on, not repeated", "[embed]") {
    State state = with_split();
    CandidateDraft draft = embeddings_draft();
    draft.embedding_all_rows = true;
    apply(state, AddCandidate{draft, {}});
    const eval::Evaluation& e = state.eval.evaluations.at(0);
    CHECK(e.id == "embeddings/openai/text-embedding-3-small/every-row");
    CHECK_FALSE(eval::repeatable(e.candidate));
    apply(state, RunEvaluation{});
    CHECK(wants_all_rows(state));
    // Before the rows are read: the split's own texts only, and no training.
    CHECK(needed_texts(state, true).size() == 16);
    EmbedState::Rows rows;
    rows.learnt = eval::held_out_fingerprint(state.data.dataset->split);
    for (int i = 0; i < 20; ++i) {
        rows.texts.push_back((i % 2 ? "B x" : "A x") + std::to_string(i));
        rows.labels.push_back(i % 2);
    }
    state.embed.all_rows = rows;
    const std::vector<embed::NeededText> needed = needed_texts(state, true);
    CHECK(needed.size() == 28);  // 20 read rows, 4 validation, 4 test
    CHECK(needed[0].text == "A x0");
    hold_every_vector(state);
    SpaceVectors& vectors = space_vectors(state, e.candidate);
    std::string error;
    for (const embed::NeededText& text : needed) {
        const bool a = text.text[0] == 'A';
        const std::vector<float> vector = {a ? 1.0f : 0.0f, a ? 0.0f : 1.0f, 0.5f};
        if (!vectors.store.contains(text.key)) REQUIRE(vectors.store.add(text.key, vector, error));
    }
    train_to_the_end(state);
    const eval::Evaluation& after = state.eval.evaluations[0];
    REQUIRE(after.answers.size() == 4);
    CHECK(after.trials.back().rows == 20);
    CHECK_FALSE(start_vector_training(state));
    CHECK(state.eval.evaluations[0].phase == eval::Phase::Idle);
}

TEST_CASE("an embeddings candidate labels the file in the tab once it has answered its test rows", "[embed][label]") {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    const std::string id = state.eval.evaluations[0].id;
    const std::vector<LabelSource> sources = label_file_sources(state);
    REQUIRE(sources.size() == 2);
    CHECK(sources[1].id == id);
    CHECK(sources[1].name == "text-embedding-3-small + logistic regression (openai) · in this tab");
    CHECK(labels_with_vectors(state, id));
    CHECK_FALSE(labels_with_vectors(state, "zero_shot/openai/gpt-4o-mini"));
    CHECK(label_vectors_unavailable_because(state, "gone") == "That candidate is no longer in Compare.");
    // After a reload the page keeps the split, not the file.
    CHECK(label_vectors_unavailable_because(state, id) ==
          "Open tiny.csv again to label it: after a reload the page keeps only the split's rows.");
    state.data.dataset->loader = std::make_unique<data::Loader>(data::LoadSettings{});
    state.data.dataset->file.handle = 7;
    CHECK(label_vectors_unavailable_because(state, id).starts_with("Run text-embedding-3-small"));
    state.eval.evaluations[0].phase = eval::Phase::Running;
    CHECK(label_vectors_unavailable_because(state, id).find("is still running") != std::string::npos);
    hold_every_vector(state);
    train_to_the_end(state);
    CHECK_FALSE(start_vector_training(state));  // nothing left to train: it stops running
    state.label_file.source = id;
    CHECK(label_file_unavailable_because(state).empty());
}

TEST_CASE("the classifier trained again to label the file is the evaluation's: the same answers", "[embed][label]") {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    state.eval.evaluations[0].phase = eval::Phase::Running;
    const SpaceVectors& vectors = space_vectors(state, state.eval.evaluations[0].candidate);
    // Not before its vectors are held.
    CHECK(vector_search(state, state.eval.evaluations[0], state.data.dataset->split, vectors) == nullptr);
    hold_every_vector(state);
    train_to_the_end(state);
    const eval::Evaluation& e = state.eval.evaluations[0];
    REQUIRE(e.answers.size() == 4);
    auto search = vector_search(state, e, state.data.dataset->split, vectors);
    REQUIRE(search != nullptr);
    while (!search->done()) search->step(64);
    const linear::VectorModel model = search->take_model();
    for (const data::SplitRow& row : state.data.dataset->split.test) {
        const int label = model.predict_label(vectors.store.find(embed::text_key(data::field_of(row, 0))));
        REQUIRE(label >= 0);
        CHECK(model.classes()[static_cast<std::size_t>(label)] == e.answers.at(row.row).label);
    }
}

TEST_CASE("what labelling the file with vectors costs at most, from the split's texts and the model's price", "[embed][label]") {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    const std::string id = state.eval.evaluations[0].id;
    state.embed.needed[0] = needed_texts(state);
    REQUIRE(state.embed.needed[0].size() == 16);
    SpaceVectors& vectors = space_vectors(state, state.eval.evaluations[0].candidate);
    CHECK(label_vectors_cost_hint(state, id, 1000).empty());  // no price known
    vectors.usd_per_token = 2.0;  // a price that shows in cents
    std::int64_t tokens = 0;
    for (const embed::NeededText& text : state.embed.needed[0]) tokens += text.tokens;
    const double per_text = static_cast<double>(tokens) / 16;
    const std::string hint = label_vectors_cost_hint(state, id, 1000);
    CHECK(hint.starts_with("At most about " + eval::cost_text(per_text * 1000 * 2.0) + " for 1,000 texts"));
    CHECK(hint.find("at the split's " + std::to_string(static_cast<int>(per_text + 0.5)) + " a text") != std::string::npos);
    CHECK(hint.ends_with("This browser holds 0 vectors of this model: a text among them is not sent again."));
}

TEST_CASE("the time left counts the rows written when the reading runs ahead of them", "[label]") {
    LabelFileState label;
    label.bytes = 1000;
    label.bytes_read = 900;  // most of the file read, its rows waiting for their vectors
    label.rows = 100;
    label.seconds = 10;
    CHECK(label_done_fraction(label, 0) == Approx(0.9));  // rows not known: the bytes say
    CHECK(label_done_fraction(label, 1000) == Approx(0.1));
    CHECK(label_seconds_left(label, 1000) == Approx(90));
    label.rows = 950;  // the bytes lag (a last chunk not yet counted): the smaller share says
    CHECK(label_seconds_left(label, 1000) == Approx(10 * 0.1 / 0.9));
    label.seconds = 0.2;
    CHECK(label_seconds_left(label, 1000) == -1);  // too soon to tell
}
