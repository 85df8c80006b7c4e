#include "core/workflow/embed_state.h"

#include <algorithm>

#include "core/data/split_csv.h"
#include "core/eval/local_candidate.h"
#include "core/eval/repeats.h"
#include "core/text/utf8.h"
#include "core/workflow/local_model_state.h"
#include "core/workflow/state.h"

namespace tb::workflow {

using nlohmann::json;

embed::VectorSpace vector_space(const State& state, const eval::Candidate& candidate) {
    const api::Profile* profile = state.providers.find(candidate.profile);
    return embed::VectorSpace{profile != nullptr ? profile->base_url : candidate.profile, candidate.model,
                              candidate.dimensions};
}

SpaceVectors& space_vectors(State& state, const eval::Candidate& candidate) {
    embed::VectorSpace space = vector_space(state, candidate);
    SpaceVectors& vectors = state.embed.spaces[space.key()];
    if (vectors.space.model.empty()) {
        vectors.space = std::move(space);
        vectors.profile = candidate.profile;
    }
    return vectors;
}

namespace {

// The rows read for every labelled row, when they are the current split's.
const EmbedState::Rows* rows_read_for(const State& state) {
    const auto& all = state.embed.all_rows;
    if (!all || !state.data.dataset || all->learnt != eval::held_out_fingerprint(state.data.dataset->split)) return nullptr;
    return &*all;
}

constexpr const char* kCacheNames[] = {"unread", "reading", "ready", "unavailable"};  // by SpaceVectors::Cache

const SpaceVectors* find_space(const State& state, const eval::Candidate& candidate) {
    const auto found = state.embed.spaces.find(vector_space(state, candidate).key());
    return found == state.embed.spaces.end() ? nullptr : &found->second;
}

void changed(State& state) {
    state.eval.reports_stale = true;
    state.eval_unsaved = true;
}

// The rows' numbers in the store and their classes; false when a row's vector is not held yet.
bool rows_in_store(const std::vector<data::SplitRow>& rows, const std::vector<std::string>& classes, int text_column,
                   const embed::VectorStore& store, std::vector<std::size_t>& numbers, std::vector<int>& labels) {
    for (const data::SplitRow& row : rows) {
        const std::string_view text = embed::embedded_text(data::field_of(row, text_column));
        const int label = data::class_index(classes, row.label);
        if (text.empty() || label < 0) continue;  // nothing to learn from
        const std::int64_t at = store.row_of(embed::text_key(text));
        if (at < 0) return false;
        numbers.push_back(static_cast<std::size_t>(at));
        labels.push_back(label);
    }
    return true;
}

// The same for the rows read for every labelled row.
bool texts_in_store(const EmbedState::Rows& rows, const embed::VectorStore& store, std::vector<std::size_t>& numbers,
                    std::vector<int>& labels) {
    for (std::size_t i = 0; i < rows.texts.size() && i < rows.labels.size(); ++i) {
        const std::string_view text = embed::embedded_text(rows.texts[i]);
        if (text.empty() || rows.labels[i] < 0) continue;
        const std::int64_t at = store.row_of(embed::text_key(text));
        if (at < 0) return false;
        numbers.push_back(static_cast<std::size_t>(at));
        labels.push_back(rows.labels[i]);
    }
    return true;
}

bool answered_all(const eval::Evaluation& e, const std::vector<data::SplitRow>& test) {
    return std::all_of(test.begin(), test.end(), [&](const data::SplitRow& row) { return e.answers.count(row.row) != 0; });
}

// The split the candidate's next classifier learns from (an index into EvalState::splits, 0 being the
// split itself), or none when every split it is scored on has its score.
std::optional<std::size_t> next_split(const State& state, const eval::Evaluation& e) {
    const data::Split& split = state.data.dataset->split;
    if (!answered_all(e, split.test)) return 0;
    if (state.eval.repeats <= 1) return std::nullopt;
    for (std::size_t k = 1; k < state.eval.splits.size(); ++k) {
        if (state.eval.local_split_accuracy.count(eval::local_split_id(e.candidate, state.eval.splits[k])) == 0) return k;
    }
    return std::nullopt;
}

}  // namespace

std::vector<embed::NeededText> needed_texts(const State& state, bool every_row) {
    std::vector<embed::NeededText> needed;
    if (!state.data.dataset) return needed;
    const data::Split& split = state.data.dataset->split;
    const int text_column = state.data.dataset->summary.text_column;
    std::unordered_set<std::uint64_t> seen;
    const auto need = [&](std::string_view whole) {
        const std::string_view text = embed::embedded_text(whole);
        const std::uint64_t key = embed::text_key(text);
        if (text.empty() || !seen.insert(key).second) return;
        const auto counted = state.embed.tokens.find(key);
        needed.push_back({key, text, counted != state.embed.tokens.end() ? counted->second : embed::estimated_tokens(text)});
    };
    const EmbedState::Rows* all = rows_read_for(state);
    if (every_row && all != nullptr) {
        for (const std::string& text : all->texts) need(text);
    } else {
        for (const data::SplitRow& row : split.train) need(data::field_of(row, text_column));
    }
    for (const auto* rows : {&split.validation, &split.test}) {
        for (const data::SplitRow& row : *rows) need(data::field_of(row, text_column));
    }
    return needed;
}

bool wants_all_rows(const State& state) {
    if (state.eval.draft.method == eval::Method::Embeddings && state.eval.draft.embedding_all_rows) return true;
    return std::any_of(state.eval.evaluations.begin(), state.eval.evaluations.end(), [](const eval::Evaluation& e) {
        return e.candidate.method == eval::Method::Embeddings && e.candidate.all_rows && e.phase == eval::Phase::Running;
    });
}

void finish_embed_rows_read(State& state, const std::string& error) {
    EmbedState& embed = state.embed;
    if (!embed.all_rows_read) return;
    const std::unique_ptr<AllRowsRead> read = std::move(embed.all_rows_read);
    if (const std::string why = rows_read_failed_because(*read, error); !why.empty()) {
        embed.all_rows_error = read->file + " could not be read again for every labelled row: " + why;
        state.set_status(Status::Level::Error, embed.all_rows_error);
        return;
    }
    embed.all_rows = EmbedState::Rows{read->learnt, std::move(read->rows->texts()), read->rows->labels()};
    ++embed.rows_version;
}

std::size_t vectors_held(const State& state, const eval::Candidate& candidate, const std::vector<embed::NeededText>& needed) {
    const SpaceVectors* vectors = find_space(state, candidate);
    if (vectors == nullptr) return 0;
    return static_cast<std::size_t>(std::count_if(needed.begin(), needed.end(), [&](const embed::NeededText& text) {
        return vectors->store.contains(text.key);
    }));
}

std::unique_ptr<linear::VectorSearch> vector_search(const State& state, const eval::Evaluation& e, const data::Split& split,
                                                   const SpaceVectors& vectors) {
    const int text_column = state.data.dataset->summary.text_column;
    std::vector<std::size_t> train_rows, validation_rows;
    std::vector<int> train_labels, validation_labels;
    if (e.candidate.all_rows) {
        const EmbedState::Rows* all = rows_read_for(state);
        if (all == nullptr || !texts_in_store(*all, vectors.store, train_rows, train_labels)) return nullptr;
    } else if (!rows_in_store(split.train, split.classes, text_column, vectors.store, train_rows, train_labels)) {
        return nullptr;
    }
    if (!rows_in_store(split.validation, split.classes, text_column, vectors.store, validation_rows, validation_labels)) {
        return nullptr;
    }
    return std::make_unique<linear::VectorSearch>(vectors.store.rows(), std::move(train_rows), std::move(train_labels),
                                                  std::move(validation_rows), std::move(validation_labels), split.classes,
                                                  linear::VectorSearchSettings{});
}

bool start_vector_training(State& state) {
    if (state.embed.training || !state.data.dataset || state.data.dataset->split.test.empty()) return false;
    const int text_column = state.data.dataset->summary.text_column;
    for (eval::Evaluation& e : state.eval.evaluations) {
        if (e.candidate.method != eval::Method::Embeddings || e.phase != eval::Phase::Running) continue;
        SpaceVectors& vectors = space_vectors(state, e.candidate);
        if (vectors.cache == SpaceVectors::Cache::Unread || vectors.cache == SpaceVectors::Cache::Reading) continue;
        const std::optional<std::size_t> index = next_split(state, e);
        if (!index) {
            e.phase = eval::Phase::Idle;
            changed(state);
            state.set_status(Status::Level::Info, eval::candidate_name(e.candidate) + ": every test row answered.");
            continue;
        }
        const data::Split& split = *index == 0 ? state.data.dataset->split : state.eval.splits[*index];
        // The test rows it answers once trained need theirs too: answered without one, a row would count as
        // wrong (the last batch, with test texts, can arrive after the others and after a fast training).
        std::vector<std::size_t> test_rows;
        std::vector<int> test_labels;
        if (!rows_in_store(split.test, split.classes, text_column, vectors.store, test_rows, test_labels)) continue;
        std::unique_ptr<linear::VectorSearch> search = vector_search(state, e, split, vectors);
        if (!search) continue;  // vectors still to come, or every labelled row still being read
        auto training = std::make_unique<VectorTraining>();
        training->id = e.id;
        training->split_id = state.eval.split.id;
        training->split_index = *index;
        training->space = vectors.space.key();
        training->search = std::move(search);
        state.embed.training = std::move(training);
        return true;
    }
    return false;
}

void finish_vector_training(State& state) {
    const std::unique_ptr<VectorTraining> training = std::move(state.embed.training);
    if (!training || !state.data.dataset || training->split_id != state.eval.split.id) return;
    eval::Evaluation* e = state.eval.find(training->id);
    // Cancelled or removed meanwhile: its model is not wanted.
    if (e == nullptr || e->phase != eval::Phase::Running) return;
    const auto found = state.embed.spaces.find(training->space);
    if (found == state.embed.spaces.end()) return;
    const embed::VectorStore& store = found->second.store;
    linear::VectorSearch& search = *training->search;
    if (!search.error().empty()) {
        e->phase = eval::Phase::Paused;
        e->stopped_because = "Its classifier could not be trained: " + search.error();
        changed(state);
        state.set_status(Status::Level::Error, eval::candidate_name(e->candidate) + " stopped: " + e->stopped_because);
        return;
    }
    std::vector<linear::Trial> trials = search.trials();
    const std::size_t best = search.best().value_or(0);
    const linear::VectorModel model = search.take_model();
    const int text_column = state.data.dataset->summary.text_column;
    const bool own_split = training->split_index == 0;
    if (!own_split && training->split_index >= state.eval.splits.size()) return;  // fewer repeats now
    const data::Split& split = own_split ? state.data.dataset->split : state.eval.splits[training->split_index];
    std::size_t correct = 0;
    for (const data::SplitRow& row : split.test) {
        const std::string_view text = embed::embedded_text(data::field_of(row, text_column));
        const int predicted = text.empty() ? -1 : model.predict_label(store.find(embed::text_key(text)));
        eval::Answer answer;
        if (predicted >= 0) answer.label = model.classes()[static_cast<std::size_t>(predicted)];
        answer.raw = text.empty() ? "(no text to embed)" : answer.label;
        answer.match = answer.label.empty() ? eval::Match::Invalid : eval::Match::Exact;
        correct += answer.label == row.label ? 1 : 0;
        if (own_split && e->answers.count(row.row) == 0) e->answers[row.row] = std::move(answer);
    }
    if (own_split) {
        e->trials = std::move(trials);
        e->best_trial = best;
    } else if (!split.test.empty()) {
        state.eval.local_split_accuracy[eval::local_split_id(e->candidate, split)] =
            static_cast<double>(correct) / static_cast<double>(split.test.size());
    }
    changed(state);
}

json embed_json(const State& state) {
    json spaces = json::array();
    for (const auto& [key, vectors] : state.embed.spaces) {
        spaces.push_back({{"key", key},
                          {"model", vectors.space.model},
                          {"dimensions", vectors.store.dims()},
                          {"vectors", vectors.store.size()},
                          {"bytes", vectors.store.bytes()},
                          {"limitBytes", vectors.store.memory_limit()},
                          {"cache", kCacheNames[static_cast<int>(vectors.cache)]},
                          {"cacheError", vectors.cache_error},
                          {"cached", vectors.cached},
                          {"writing", vectors.writing},
                          {"asked", vectors.asked.size()},
                          {"toAsk", vectors.to_ask[0]},
                          {"tokensToAsk", vectors.tokens_to_ask[0]},
                          {"costToAsk", vectors.cost_to_ask[0] ? json(*vectors.cost_to_ask[0]) : json(nullptr)},
                          {"everyRow", {{"toAsk", vectors.to_ask[1]},
                                        {"tokensToAsk", vectors.tokens_to_ask[1]},
                                        {"costToAsk", vectors.cost_to_ask[1] ? json(*vectors.cost_to_ask[1]) : json(nullptr)}}},
                          {"tokensExact", vectors.tokens_exact}});
    }
    json training = nullptr;
    if (const VectorTraining* t = state.embed.training.get()) {
        training = {{"candidate", t->id},
                    {"split", t->split_index},
                    {"progress", t->search->progress()},
                    {"trials", trials_json(t->search->trials())}};
    }
    const EmbedState& embed = state.embed;
    json all_rows = {{"reading", embed.all_rows_read != nullptr},
                     {"rows", rows_read_for(state) ? rows_read_for(state)->texts.size() : 0},
                     {"error", embed.all_rows_error},
                     {"texts", embed.needed[1].size()}};
    return {{"spaces", spaces}, {"training", training}, {"texts", embed.needed[0].size()}, {"allRows", all_rows}};
}

}  // namespace tb::workflow
