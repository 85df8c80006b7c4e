#pragma once

#include <memory>
#include <set>
#include <string>

#include "app/flow_runner.h"
#include "app/label_file_controller.h"
#include "app/providers_controller.h"
#include "core/eval/file_batches.h"
#include "core/workflow/state.h"

namespace tb::app {

// "Label the file" with a provider's chat model, through its Batch API (State::label_file.batch):
// a first pass over the open file turns the rows to answer into input files (eval::BatchQuestions), each a
// batch saved with the job before it is created and watched (api::BatchFlow) until its answers are taken;
// once all are, a second pass writes the file with their answers (eval::RowAnswers). The reading and
// writing are LabelFileController's. After a reload every saved batch is watched again and its answers
// read again from its output file.
class LabelBatchController {
public:
    LabelBatchController(workflow::State& state, FlowRunner& flows, ProvidersController& providers,
                         LabelFileController& passes);

    // The first pass, for state.label_file.source's candidate. Said in the status if it cannot start.
    void send();
    // Once every batch is done: a new first pass asks the rows they left unanswered, in new batches.
    void send_again();
    // The second pass, once every batch is done (asks where to write).
    void write();
    // Asks the provider to cancel every batch not finished (and stops the first pass): what they finished is
    // kept, and written by write().
    void cancel();
    // Drops the job and its answers (the UI asks first while batches are still running).
    void forget();
    // Every frame: hands filled input files to new batches, and watches the saved batches nothing watches.
    void pump();
    bool busy() const;

private:
    // The first pass for the job in state (new, or asking again: `skip` leaves out rows already answered).
    void read_into_batches(const eval::Evaluation& evaluation, eval::BatchQuestions::Skip skip);
    void start_part(eval::FileBatch batch);
    void watch(const workflow::LabelBatchPart& part, api::BatchInputFile input);
    void stepped(const std::string& client_id, api::BatchFlow& flow, const api::FlowStep& step);
    void first_pass_ended(eval::RowLabeller& labeller, bool finished);
    void cancel_part(const workflow::LabelBatchPart& part);
    workflow::LabelBatchPart* find_part(const std::string& client_id);
    eval::RowAnswers& answers();

    workflow::State& state_;
    FlowRunner& flows_;
    ProvidersController& providers_;
    LabelFileController& passes_;
    eval::BatchQuestions* questions_ = nullptr;  // the first pass's labeller while it runs (the pass owns it)
    std::unique_ptr<eval::RowAnswers> answers_;  // of the job's taken parts
    std::set<std::string> resting_;              // client ids whose watching stopped: a later pump tries again
    std::set<std::string> cancel_asked_;         // client ids the provider was asked to cancel
    bool cancelling_ = false;                    // parts created from now on are cancelled at once
    bool asking_again_ = false;                  // the first pass under way asks again: the job's counts stay
    std::size_t parts_before_ = 0;               // the job's parts when asking again began
    int job_ = 0;                                // the job flows belong to: a forgotten job's late steps are dropped
};

}  // namespace tb::app
