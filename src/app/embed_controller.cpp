#include "app/embed_controller.h"

#include <memory>
#include <optional>
#include <set>
#include <variant>

#include "app/training_files.h"
#include "core/eval/local_candidate.h"
#include "core/tokens/encoding.h"
#include "platform/main_loop.h"
#include "platform/service_worker.h"
#include "platform/vector_cache.h"

namespace tb::app {

namespace {

using workflow::SpaceVectors;
using workflow::State;
using Level = workflow::Status::Level;

// As a chat run's rows: a batch that still fails is asked again later, and a run stops after this many
// failures in a row rather than ask in vain.
constexpr api::RetryPolicy kBatchPolicy{5, 60};
constexpr int kTransientFailuresToStop = 10;
// Rows of training between looks at the clock.
constexpr std::size_t kRowsPerLook = 256;

void changed(State& state) {
    state.eval.reports_stale = true;
    state.eval_unsaved = true;
}

bool running_embeddings(const eval::Evaluation& e) {
    return e.candidate.method == eval::Method::Embeddings && e.phase == eval::Phase::Running;
}

}  // namespace

EmbedController::EmbedController(State& state, Post post, RequestRunner& runner, ProvidersController& providers,
                                 TokenCounters& tokens)
    : state_(state), post_(post), runner_(runner), providers_(providers), tokens_(tokens),
      all_rows_stream_(
          state, post, [](State& s) { return s.embed.all_rows_read.get(); },
          [](State& s, const std::string& error) { workflow::finish_embed_rows_read(s, error); },
          [](State& s) { s.embed.all_rows_read.reset(); }) {}

bool EmbedController::busy() const {
    if (state_.embed.training || state_.embed.all_rows_read || reads_ > 0) return true;
    for (const auto& [space, count] : requests_) {
        if (count > 0) return true;
    }
    for (const auto& [key, vectors] : state_.embed.spaces) {
        if (vectors.writing > 0) return true;
    }
    return false;
}

void EmbedController::pump(double now, double slice_seconds) {
    if (!state_.data.dataset || state_.data.dataset->split.test.empty()) return;
    follow_all_rows();
    follow_split(now, slice_seconds);
    // The draft's space too: what adding it would cost is shown before anything is sent.
    const workflow::CandidateDraft& draft = state_.eval.draft;
    std::set<std::string> wanted;  // the spaces of the draft and of every embeddings candidate
    if (draft.method == eval::Method::Embeddings && !draft.embedding_model.empty()) {
        eval::Candidate candidate;
        candidate.profile = draft.profile;
        candidate.model = draft.embedding_model;
        candidate.dimensions = draft.dimensions;
        SpaceVectors& vectors = workflow::space_vectors(state_, candidate);
        wanted.insert(vectors.space.key());
        read_cache(vectors);
    }
    for (const eval::Evaluation& e : state_.eval.evaluations) {
        if (e.candidate.method != eval::Method::Embeddings) continue;
        wanted.insert(workflow::vector_space(state_, e.candidate).key());
        // One still to run is looked for too: what running it would cost is shown before Run.
        if (!eval::finished(e, state_.eval.rows_for(e, state_.data.dataset->split.test))) {
            read_cache(workflow::space_vectors(state_, e.candidate));
        }
    }
    // Spaces of names typed on the way to another (each keystroke makes one) go once they hold nothing.
    std::erase_if(state_.embed.spaces, [&](const auto& entry) {
        const SpaceVectors& v = entry.second;
        const bool gone = wanted.count(entry.first) == 0 && v.store.size() == 0 && v.asked.empty() && v.writing == 0 &&
                          v.cache != SpaceVectors::Cache::Reading;
        if (gone) estimated_from_.erase(entry.first);
        return gone;
    });
    for (eval::Evaluation& e : state_.eval.evaluations) {
        if (!running_embeddings(e)) continue;
        SpaceVectors& vectors = workflow::space_vectors(state_, e.candidate);
        read_cache(vectors);
        if (vectors.cache == SpaceVectors::Cache::Unread || vectors.cache == SpaceVectors::Cache::Reading) continue;
        if (!workflow::key_in_hand(e, providers_.missing_key(e.candidate.profile))) continue;
        if (e.candidate.all_rows && !state_.embed.all_rows_error.empty() && !state_.embed.all_rows_read) {
            workflow::stop_evaluation(state_, e, state_.embed.all_rows_error);
            continue;
        }
        ask(e, vectors);
    }
    update_estimates();

    // The classifier: one at a time, in slices, so the page never freezes.
    if (!state_.embed.training) workflow::start_vector_training(state_);
    if (workflow::VectorTraining* training = state_.embed.training.get()) {
        while (!training->search->done() && platform::now_seconds() - now < slice_seconds) {
            training->search->step(kRowsPerLook);
        }
        if (training->search->done()) {
            workflow::finish_vector_training(state_);
            // Its answers change the reports, and the next split may be trained: frames must come, though no
            // request or read will ask for them.
            post_([](State&) {});
        }
    }
}

void EmbedController::follow_split(double now, double slice_seconds) {
    workflow::EmbedState& embed = state_.embed;
    const bool any = std::any_of(state_.eval.evaluations.begin(), state_.eval.evaluations.end(), [](const auto& e) {
        return e.candidate.method == eval::Method::Embeddings;
    }) || state_.eval.draft.method == eval::Method::Embeddings;
    if (!any) return;
    const std::string made_for = state_.eval.split.id + "/rows-" + std::to_string(embed.rows_version);
    if (needed_made_for_ != made_for) {
        needed_made_for_ = made_for;
        for (const bool every_row : {false, true}) embed.needed[every_row ? 1 : 0] = workflow::needed_texts(state_, every_row);
        counted_[0] = counted_[1] = 0;
        all_counted_ = false;
    }
    // Exact counts once the tokenizer of OpenAI's embedding models is there (asked for here the first time),
    // in frame slices: 100,000 narratives take seconds, which one frame must not.
    const tokens::Bpe* bpe = tokens_.get(tokens::Encoding::Cl100kBase);
    if (bpe == nullptr || all_counted_) return;
    std::size_t this_frame = 0;
    for (const int list : {0, 1}) {
        std::vector<embed::NeededText>& needed = embed.needed[list];
        for (std::size_t& at = counted_[list]; at < needed.size(); ++at) {
            if (++this_frame % 64 == 0 && platform::now_seconds() - now > slice_seconds) {
                post_([](State&) {});  // frames must come for the rest, though nothing else may ask for them
                return;
            }
            auto [count, added] = embed.tokens.try_emplace(needed[at].key, 0);
            if (added) count->second = static_cast<std::int64_t>(bpe->count(needed[at].text));
            needed[at].tokens = count->second;
        }
    }
    all_counted_ = true;
}

void EmbedController::follow_all_rows() {
    workflow::EmbedState& embed = state_.embed;
    const std::string learnt = eval::held_out_fingerprint(state_.data.dataset->split);
    const bool have = embed.all_rows && embed.all_rows->learnt == learnt;
    if (embed.all_rows_read && embed.all_rows_read->learnt != learnt) embed.all_rows_read.reset();  // another split's
    if (have || embed.all_rows_read || !workflow::wants_all_rows(state_)) {
        all_rows_stream_.follow();
        return;
    }
    // Tried again for another split, or once the file is opened again (after a reload the page has only
    // the split's rows: the read was refused until then).
    const std::string attempt = learnt + "/" + std::to_string(state_.data.dataset->file.handle);
    if (all_rows_tried_for_ != attempt) {
        all_rows_tried_for_ = attempt;
        embed.all_rows_error = workflow::all_rows_unavailable_because(state_);
        if (embed.all_rows_error.empty()) embed.all_rows_read = workflow::make_all_rows_read(state_);
    }
    all_rows_stream_.follow();
}

void EmbedController::read_cache(SpaceVectors& vectors) {
    if (vectors.cache != SpaceVectors::Cache::Unread) return;
    vectors.cache = SpaceVectors::Cache::Reading;
    ++reads_;
    const std::string key = vectors.space.key();
    platform::load_vectors(
        key,
        [this, key](std::span<const std::uint64_t> keys, std::span<const float> values, int dims) {
            // Kept at once (not posted): a page may be tens of megabytes.
            SpaceVectors& into = state_.embed.spaces[key];
            const auto length = static_cast<std::size_t>(dims);
            if (into.store.dims() != 0 && into.store.dims() != dims) return;
            const std::string too_many = into.store.room_for(keys.size(), dims);
            if (!too_many.empty()) return;  // said when asking for more
            into.store.reserve(keys.size(), dims);
            std::string error;
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (into.store.add(keys[i], values.subspan(i * length, length), error)) ++into.cached;
            }
        },
        [this, key](const std::string& error) {
            post_([this, key, error](State& state) {
                --reads_;
                SpaceVectors& into = state.embed.spaces[key];
                into.cache = error.empty() ? SpaceVectors::Cache::Ready : SpaceVectors::Cache::Unavailable;
                into.cache_error = error;
            });
        });
}

void EmbedController::ask(eval::Evaluation& e, SpaceVectors& vectors) {
    int& in_flight = requests_[vectors.space.key()];
    const int room = state_.eval.concurrency - in_flight;
    if (room <= 0) return;
    // Every labelled row is asked for once read; until then, nothing (the estimate is not known yet).
    if (e.candidate.all_rows && !state_.embed.all_rows) return;
    const std::vector<embed::NeededText> to_ask =
        embed::still_to_ask(state_.embed.needed[e.candidate.all_rows ? 1 : 0], vectors.store, vectors.asked);
    if (to_ask.empty()) return;
    const int dims = vectors.store.dims() != 0 ? vectors.store.dims() : e.candidate.dimensions;
    const std::string too_many = vectors.store.room_for(to_ask.size(), dims != 0 ? dims : api::EmbeddingBatchLimits{}.assumed_dimensions);
    if (!too_many.empty()) {
        workflow::stop_evaluation(state_, e, too_many);
        return;
    }
    runner_.set_max(e.candidate.profile, state_.eval.concurrency);
    const auto batches = embed::next_requests(to_ask, request_limits(), e.candidate.dimensions, static_cast<std::size_t>(room));
    for (const auto& [begin, end] : batches) {
        std::vector<std::string> inputs;
        std::vector<std::uint64_t> keys;
        for (std::size_t i = begin; i < end; ++i) {
            inputs.emplace_back(to_ask[i].text);
            keys.push_back(to_ask[i].key);
            vectors.asked.insert(to_ask[i].key);
        }
        ++in_flight;
        send(e.candidate, vectors.space.key(), std::move(inputs),
             [this, split_id = state_.eval.split.id, id = e.id, space = vectors.space.key(),
              keys = std::move(keys)](api::HttpResponse response) {
                 post_([this, split_id, id, space, keys, response = std::move(response)](State& state) {
                     received(state, split_id, id, space, keys, response);
                 });
             });
    }
}

api::EmbeddingBatchLimits EmbedController::request_limits() {
    api::EmbeddingBatchLimits limits;
    // Texts a request holds: far below OpenAI's 2,048, so progress shows as it goes and a reload mid-way
    // loses (asks again) at most this many texts a request in flight; 100,000 texts take only 782 requests.
    limits.max_inputs = 128;
    return limits;
}

void EmbedController::send(const eval::Candidate& candidate, const std::string& space, std::vector<std::string> inputs,
                           std::function<void(api::HttpResponse)> on_done) {
    api::EmbeddingCall call;
    call.model = candidate.model;
    call.dimensions = candidate.dimensions;
    call.inputs = std::move(inputs);
    api::HttpRequest request = api::openai::embeddings(providers_.endpoint(candidate.profile), call);
    // After a reload the same texts are asked in the same order and batches: an answer that arrived
    // after the page had gone is handed over by the service worker instead of being paid for again.
    request.replay_key = api::replay_key("embeddings\n" + space, request);
    runner_.send(candidate.profile, std::move(request), kBatchPolicy, std::move(on_done));
}

void EmbedController::received(State& state, const std::string& split_id, const std::string& id, const std::string& space,
                               const std::vector<std::uint64_t>& keys, const api::HttpResponse& response) {
    --requests_[space];
    SpaceVectors& vectors = state.embed.spaces[space];
    for (std::uint64_t key : keys) vectors.asked.erase(key);
    const auto parsed = api::openai::parse_embeddings(response, keys.size());
    eval::Evaluation* e = state.eval.locate(split_id, id).evaluation;
    if (const auto* answer = api::value_of(parsed)) {
        // Kept whatever became of the run meanwhile: they are paid for.
        keep(vectors, keys, answer->vectors, response.replay_key);
        if (e != nullptr) {
            e->embedding_tokens += answer->prompt_tokens;
            e->failures_in_a_row = 0;
            changed(state);
        }
        return;
    }
    if (!response.replay_key.empty()) platform::release_answers({response.replay_key});  // nothing in it to keep
    if (e == nullptr) return;
    const api::ApiError& error = std::get<api::ApiError>(parsed);
    if (eval::error_scope(error) == eval::ErrorScope::Later) {
        if (++e->failures_in_a_row >= kTransientFailuresToStop) {
            workflow::stop_evaluation(state, *e, "The provider failed " + std::to_string(e->failures_in_a_row) +
                                " times in a row; the last: " + api::describe(error) + " Resume to try again.");
        }
        return;
    }
    // A refusal of a batch names no text: the run stops and says why.
    workflow::stop_evaluation(state, *e, api::describe(error));
}

void EmbedController::keep(SpaceVectors& vectors, const std::vector<std::uint64_t>& keys,
                           const std::vector<std::vector<float>>& values, const std::string& replay_key) {
    // The service worker keeps the answer until its vectors are in the cache (or cannot be put there).
    const auto release = [replay_key] {
        if (!replay_key.empty()) platform::release_answers({replay_key});
    };
    std::vector<std::uint64_t> kept;
    std::vector<float> block;
    std::string error;
    for (std::size_t i = 0; i < keys.size() && i < values.size(); ++i) {
        if (vectors.store.contains(keys[i])) continue;
        if (!vectors.store.add(keys[i], values[i], error)) {
            state_.set_status(Level::Error, "A vector could not be kept: " + error);
            break;
        }
        kept.push_back(keys[i]);
        block.insert(block.end(), values[i].begin(), values[i].end());
    }
    if (kept.empty() || vectors.cache == SpaceVectors::Cache::Unavailable) {
        release();
        return;
    }
    vectors.writing += kept.size();
    const std::string space = vectors.space.key();
    platform::store_vectors(space, kept, block, vectors.store.dims(), [this, space, count = kept.size(), release](const std::string& why) {
        release();
        post_([space, count, why](State& state) {
            SpaceVectors& into = state.embed.spaces[space];
            into.writing -= std::min(into.writing, count);
            if (why.empty()) {
                into.cached += count;
            } else {
                into.cache_error = why;
            }
        });
    });
}

void EmbedController::update_estimates() {
    std::optional<prompt::PriceTable> prices;  // read once, and only when an estimate is worked out again
    for (auto& [key, vectors] : state_.embed.spaces) {
        // Worked out again only when the texts or the vectors held change, not every frame.
        const auto made_from = std::make_pair(needed_made_for_ + (all_counted_ ? "/counted" : ""), vectors.store.size());
        auto [at, added] = estimated_from_.try_emplace(key, made_from);
        if (!added && at->second == made_from) continue;
        at->second = made_from;
        if (!prices) {
            std::string ignored;  // the Fine-tune step names a broken price edit
            prices = prices_for(state_.finetune.price_edits, ignored);
        }
        for (const int rows : {0, 1}) {
            const std::vector<embed::NeededText> to_ask = embed::still_to_ask(state_.embed.needed[rows], vectors.store, {});
            vectors.to_ask[rows] = to_ask.size();
            vectors.tokens_to_ask[rows] = embed::tokens_to_ask(to_ask);
            vectors.cost_to_ask[rows] = prices->chat_cost(vectors.profile, vectors.space.model, vectors.tokens_to_ask[rows], 0);
        }
        const std::optional<double> million = prices->chat_cost(vectors.profile, vectors.space.model, 1'000'000, 0);
        vectors.usd_per_token = million ? std::optional<double>(*million / 1e6) : std::nullopt;
        vectors.tokens_exact = all_counted_ &&
                               tokens::encoding_for_model(vectors.space.model) == tokens::Encoding::Cl100kBase;
    }
}


}  // namespace tb::app
