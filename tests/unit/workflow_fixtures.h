#pragma once

// A small State for the workflow's tests: a split in memory, an embeddings candidate's draft, its vectors.

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/workflow/embed_state.h"
#include "core/workflow/intents.h"
#include "core/workflow/state.h"

namespace tb::workflow {

// Two classes, 8 training, 4 validation and 4 test rows; row texts "<class> <number>".
inline State with_split() {
    State state;
    Dataset dataset;
    dataset.file.name = "tiny.csv";
    dataset.summary.header = {"text", "label"};
    dataset.summary.text_column = 0;
    dataset.summary.label_column = 1;
    dataset.split.classes = {"A", "B"};
    std::uint64_t row = 1;
    const auto add = [&](std::vector<data::SplitRow>& rows, int count) {
        for (int i = 0; i < count; ++i, ++row) {
            const std::string label = i % 2 ? "B" : "A";
            rows.push_back({row, row, label, {label + " " + std::to_string(row), label}});
        }
    };
    add(dataset.split.train, 8);
    add(dataset.split.validation, 4);
    add(dataset.split.test, 4);
    state.data.dataset = std::move(dataset);
    state.eval.split.id = "split-1";
    return state;
}

inline CandidateDraft embeddings_draft(int dimensions = 0) {
    CandidateDraft draft;
    draft.method = eval::Method::Embeddings;
    draft.embedding_model = "text-embedding-3-small";
    draft.dimensions = dimensions;
    return draft;
}

// A vector per text that says its class: (1, 0, r) for A, (0, 1, r) for B, r from the row's number; all
// but those of the texts in `except`.
inline void hold_every_vector(State& state, const std::set<std::string_view>& except = {}) {
    SpaceVectors& vectors = space_vectors(state, state.eval.evaluations[0].candidate);
    vectors.cache = SpaceVectors::Cache::Ready;
    std::string error;
    for (const embed::NeededText& text : needed_texts(state)) {
        if (except.count(text.text) != 0 || vectors.store.contains(text.key)) continue;
        const bool a = text.text[0] == 'A';
        const float r = static_cast<float>(text.text.size() % 7) / 7.0f;
        const std::vector<float> vector = {a ? 1.0f : 0.0f, a ? 0.0f : 1.0f, r};
        REQUIRE(vectors.store.add(text.key, vector, error));
    }
}

}  // namespace tb::workflow
