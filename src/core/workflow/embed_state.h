#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/embed/vector_requests.h"
#include "core/embed/vector_store.h"
#include "core/eval/run.h"
#include "core/linear/vector_search.h"
#include "core/workflow/local_model_state.h"

namespace tb::workflow {

struct State;

// The vectors of one space (a server, model and length) held in the page, and how their copy in the
// browser's IndexedDB stands. Not saved with the experiment: the browser keeps the vectors themselves.
struct SpaceVectors {
    embed::VectorSpace space;
    std::string profile;  // the provider profile first seen asking for it (for its prices)
    embed::VectorStore store;
    // Unread: not looked for yet; Reading: the browser's copy is being read into the store (nothing is
    // asked meanwhile, so nothing it holds is paid for again); Ready: read; Unavailable: the browser keeps
    // none (private mode, refused): vectors are asked for and held in the page only.
    enum class Cache { Unread, Reading, Ready, Unavailable };
    Cache cache = Cache::Unread;
    std::string cache_error;
    std::size_t cached = 0;   // vectors the browser has confirmed it keeps (read back, or written)
    std::size_t writing = 0;  // vectors handed to the browser and not yet confirmed
    std::unordered_set<std::uint64_t> asked;  // texts in requests under way
    // What asking for the needed texts not held would take now (the app keeps it current), for a
    // candidate learning from the split's training rows [0] and from every labelled row [1]: texts, and
    // tokens (exact when the model's tokenizer counted them, else estimated).
    std::size_t to_ask[2] = {0, 0};
    std::int64_t tokens_to_ask[2] = {0, 0};
    std::optional<double> cost_to_ask[2];  // USD; none when the model's price is not known
    std::optional<double> usd_per_token;  // the model's price, when known
    bool tokens_exact = false;
};

// A classifier on vectors being trained (not saved): for the evaluation `id`, on the split `split_index`
// of EvalState::splits (0: the split itself, whose test rows it answers; others: a repeat's reshuffles,
// scored into EvalState::local_split_accuracy).
struct VectorTraining {
    std::string id;
    std::string split_id;  // EvalState::split.id when it started: a new split drops it
    std::size_t split_index = 0;
    std::string space;     // SpaceVectors' key: the store it reads
    std::unique_ptr<linear::VectorSearch> search;
};

struct EmbedState {
    std::map<std::string, SpaceVectors> spaces;  // by embed::VectorSpace::key()
    std::unique_ptr<VectorTraining> training;
    // The texts the split's embeddings candidates need (needed_texts), made again for a new split or new
    // rows: [0] for those learning from the split's training rows, [1] from every labelled row.
    std::vector<embed::NeededText> needed[2];
    // Every labelled row outside the split's validation and test rows, for candidates that learn from
    // them: the file read again (the app streams it), then its rows, kept while the split stays.
    std::unique_ptr<AllRowsRead> all_rows_read;
    struct Rows {
        std::string learnt;  // eval::held_out_fingerprint of the split they were read for
        std::vector<std::string> texts;
        std::vector<int> labels;  // into the split's classes
    };
    std::optional<Rows> all_rows;
    std::string all_rows_error;  // why they could not be read (then such candidates stop and say so)
    int rows_version = 0;        // bumped when all_rows changes: the needed texts are made again
    // Exact token counts of texts by text key, counted with cl100k_base (the encoding of OpenAI's embedding
    // models) once its tokenizer is loaded; a text not counted is estimated (embed::estimated_tokens).
    std::unordered_map<std::uint64_t, std::int64_t> tokens;
};


// The space of an embeddings candidate: its profile's base URL, its model and length.
embed::VectorSpace vector_space(const State& state, const eval::Candidate& candidate);
SpaceVectors& space_vectors(State& state, const eval::Candidate& candidate);

// The texts an embeddings candidate needs a vector for: those of the split's training (or, `every_row`, of
// every labelled row read: EmbedState::all_rows), validation and test rows (a repeat's reshuffles deal out
// the same rows), each once, in that order; empty texts have none. Their tokens are the exact counts
// known, else estimates.
std::vector<embed::NeededText> needed_texts(const State& state, bool every_row = false);
// Whether a running embeddings candidate, or the one being drafted, learns from every labelled row.
bool wants_all_rows(const State& state);
// Called by the app when the file read for every labelled row has ended (`error`: why it failed).
void finish_embed_rows_read(State& state, const std::string& error);
// Of those, how many the store of `candidate`'s space holds.
std::size_t vectors_held(const State& state, const eval::Candidate& candidate, const std::vector<embed::NeededText>& needed);

// The classifier search of embeddings candidate `e` on `split` (its training rows, or every labelled row
// read, and its validation rows), reading `vectors`' store (which must outlive it); null while a vector it
// needs is not held, or every labelled row is not read. The same inputs train the same model.
std::unique_ptr<linear::VectorSearch> vector_search(const State& state, const eval::Evaluation& e, const data::Split& split,
                                                   const SpaceVectors& vectors);
// Starts training the next classifier a running embeddings candidate needs, when nothing trains and its
// vectors are all held: on the split itself until its test rows are answered, then on each of a repeat's
// other splits without a score. False when there is none to train.
bool start_vector_training(State& state);
// Called by the app once the training is done(): answers the test rows (split 0, its trials kept for
// the curve) or scores its split; a candidate with nothing left to train stops running. A training whose
// split or candidate is gone is dropped.
void finish_vector_training(State& state);

// state().embeddings: {spaces: [{key, model, dimensions, vectors, bytes, limitBytes, cache, cached,
// writing}], training: {candidate, split, phase, progress, trials} or null}.
nlohmann::json embed_json(const State& state);

}  // namespace tb::workflow
