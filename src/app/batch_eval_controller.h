#pragma once

#include <set>
#include <string>

#include "app/flow_runner.h"
#include "app/providers_controller.h"
#include "core/workflow/state.h"

namespace tb::app {

// Evaluations asked through the providers' Batch APIs: the rows still to ask become input files of the
// very requests the live path sends, each file a batch (api::BatchFlow), saved with the experiment before
// it is created and watched until its answers are taken into the evaluation. After a reload every saved
// batch is watched again (once its key is there); a create whose answer was lost is found by its client id.
class BatchEvalController {
public:
    BatchEvalController(workflow::State& state, FlowRunner& flows, ProvidersController& providers);

    // Sends `id`'s rows still to ask as batches.
    void run_as_batch(const std::string& id);
    // Asks the provider to cancel a batch; what it finished is still read and kept.
    void cancel(const std::string& id, const std::string& client_id);
    // Watches again a batch whose watching stopped (the network was down, say).
    void check_again(const std::string& client_id);
    // Every frame: watches each saved batch of the current split that nothing watches yet.
    void pump();
    // Batches being watched (frames keep coming while one waits for its next look).
    bool busy() const;

private:
    void watch(eval::Evaluation& evaluation, const api::BatchRecord& record, api::BatchInputFile input);
    void stepped(const std::string& split_id, const std::string& id, const std::string& client_id,
                 api::BatchFlow& flow, const api::FlowStep& step);
    // The input file a batch was made of, made again from its rows (when its upload did not finish).
    api::BatchInputFile input_again(const eval::Evaluation& evaluation, const api::BatchRecord& record);

    workflow::State& state_;
    FlowRunner& flows_;
    ProvidersController& providers_;
    std::set<std::string> resting_;  // client ids whose watching stopped; check_again() lifts it
};

}  // namespace tb::app
