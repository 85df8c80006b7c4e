#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/embed_controller.h"
#include "app/label_file_controller.h"
#include "app/providers_controller.h"
#include "app/request_runner.h"
#include "core/eval/file_vectors.h"
#include "core/workflow/state.h"

namespace tb::app {

// "Label the file" with an embeddings candidate, in the tab: trains its classifier again (the same model its
// evaluation trained: the same vectors and settings) while the person chooses where to write, then lets the
// file labeller read while the provider is asked for the vectors of the rows' texts, a few requests at once
// through the shared runner. Every vector that comes is kept as the evaluation's are (the page's store, up to
// half its room, and the browser's IndexedDB): a run stopped or failed half-way asks only the rest again.
class LabelVectorsController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    LabelVectorsController(workflow::State& state, Post post, LabelFileController& labelling, RequestRunner& runner,
                           ProvidersController& providers, EmbedController& embeds);
    ~LabelVectorsController();

    // With the candidate the section names (state.label_file.source); said in the status if it cannot.
    void start();
    // Trains for at most `slice_seconds`, then sends what may be sent. Called every frame.
    void pump(double now, double slice_seconds);
    bool busy() const { return run_ != nullptr || in_flight_ > 0; }

private:
    struct Run;
    // `current`: the answer is of the run still going; else only its vectors are kept.
    void received(bool current, const std::string& space, const std::vector<eval::VectorRowLabeller::Question>& questions,
                  const api::HttpResponse& response);
    // What the run sent and what it cost, added to the section's message once the file is written.
    void say_what_it_cost();

    workflow::State& state_;
    Post post_;
    LabelFileController& labelling_;
    RequestRunner& runner_;
    ProvidersController& providers_;
    EmbedController& embeds_;
    std::unique_ptr<Run> run_;
    int serial_ = 0;     // of the run its answers belong to: a stopped run's late answers only keep their vectors
    int in_flight_ = 0;  // requests of any run, this one's or a stopped one's
};

}  // namespace tb::app
