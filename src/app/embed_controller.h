#pragma once

#include <functional>
#include <map>
#include <utility>
#include <string>

#include "app/providers_controller.h"
#include "app/request_runner.h"
#include "app/rows_stream.h"
#include "app/token_counters.h"
#include "core/workflow/state.h"

namespace tb::app {

// Runs the embeddings candidates: reads the vectors the browser kept for their space, asks the provider
// for the rest (batches within its limits, a few requests in flight, through the shared runner), keeps
// every vector the moment it arrives (in the page's store and in the browser), then trains the classifier
// in frame slices and answers the test rows with it. A text is asked for only if no vector of it is held,
// kept or on its way.
class EmbedController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    EmbedController(workflow::State& state, Post post, RequestRunner& runner, ProvidersController& providers,
                    TokenCounters& tokens);

    // Sends what may be sent and trains for at most `slice_seconds`; called every frame.
    void pump(double now, double slice_seconds);
    // Something runs: reads, requests, writes or training.
    bool busy() const;

    // Asks `candidate`'s provider for the vectors of `inputs` (texts of the space `space`) through the shared
    // runner, retried as every embedding request is, with a replay key (see api::replay_key). Also the file's
    // labelling's way to ask.
    void send(const eval::Candidate& candidate, const std::string& space, std::vector<std::string> inputs,
              std::function<void(api::HttpResponse)> on_done);
    // What one such request may hold.
    static api::EmbeddingBatchLimits request_limits();
    // Keeps vectors that came in the page's store of their space and in the browser's IndexedDB (what is
    // paid for is never asked again); the file's labelling keeps its own here too. `replay_key`: the
    // answer's, released from the service worker once its vectors are cached.
    void keep(workflow::SpaceVectors& vectors, const std::vector<std::uint64_t>& keys,
              const std::vector<std::vector<float>>& values, const std::string& replay_key);

private:
    void follow_split(double now, double slice_seconds);
    void follow_all_rows();
    void read_cache(workflow::SpaceVectors& vectors);
    void ask(eval::Evaluation& e, workflow::SpaceVectors& vectors);
    void received(workflow::State& state, const std::string& split_id, const std::string& id, const std::string& space,
                  const std::vector<std::uint64_t>& keys, const api::HttpResponse& response);
    void update_estimates();

    workflow::State& state_;
    Post post_;
    RequestRunner& runner_;
    ProvidersController& providers_;
    TokenCounters& tokens_;
    std::map<std::string, int> requests_;  // embedding requests in flight, by space
    int reads_ = 0;                        // cache reads under way
    std::string needed_made_for_;  // the split and rows state.embed.needed was made for
    std::size_t counted_[2] = {0, 0};  // how many of each list's texts have their exact token count
    bool all_counted_ = false;
    RowsStream all_rows_stream_;   // the file read again for candidates learning from every labelled row
    std::string all_rows_tried_for_;  // the held-out rows and file a read was last started (or refused) for
    // What each space's estimate was worked out from: the texts' version (and whether all are counted),
    // and the vectors held.
    std::map<std::string, std::pair<std::string, std::size_t>> estimated_from_;
};

}  // namespace tb::app
