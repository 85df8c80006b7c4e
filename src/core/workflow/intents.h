#pragma once

#include <string>
#include <variant>

#include "core/workflow/state.h"

namespace tb::workflow {

// What a person asked for in the UI; the app carries these out after the frame is drawn. Those that
// need the browser (files, downloads) are the app's; apply() below takes the rest.
struct SelectStep {
    Step step;
};
struct RenameExperiment {
    std::string name;
};
struct OpenFilePicker {};
struct LoadDemoData {};
struct CancelReading {};
// Settings that change which rows are read (columns, seed, families, filters): the file is read again.
struct ChangeLoadSettings {
    data::LoadSettings settings;
};
// Settings that only change how the split is drawn from what was read (classes, sizes, balance).
struct ChangeSplitSettings {
    data::SplitSettings settings;
};
struct DownloadSplit {};

struct ShowProviders {
    bool open;
};
struct SelectProfile {
    std::string id;
};
struct SetBaseUrl {
    std::string profile, url;
};
// Keys go to the app's key ring, never into the State.
struct SetKey {
    std::string profile, key;
};
struct SetRememberKey {
    std::string profile;
    bool remember;
};
struct ForgetKey {
    std::string profile;
};
// The key held back (kept for another base URL) may go to the profile's current one.
struct ConfirmKey {
    std::string profile;
};
struct TestConnection {
    std::string profile;
};
// Stop waiting for the model list: its answer, if it ever comes, is dropped.
struct CancelTest {
    std::string profile;
};

// Fine-tuning.
struct SetPrompt {
    prompt::PromptSettings prompt;
};
struct SetJobSettings {
    JobSettings settings;
};
struct SetCheckSeconds {
    double seconds;
};
// The person's edits to the price table (JSON in the bundled table's form); empty: none.
struct SetPriceEdits {
    std::string json;
};
// Start the edits from a copy of the bundled table.
struct EditBundledPrices {};
struct DownloadTrainingFile {
    bool validation = false;  // the validation file instead
};
// Confirmed by the person, with the cost in view: upload the files and create the job.
struct StartJob {};
struct ShowJob {
    std::string key;
};
struct CheckJobNow {
    std::string key;
};
struct CancelJob {
    std::string key;
};
struct AttachJob {
    std::string profile, id;
};
struct ListRecentJobs {
    std::string profile;
};
// Stop waiting for the provider: the recent jobs' list, or the upload of the training files.
struct CancelListRecentJobs {};
struct CancelUpload {};
// The job being attached by id: it is not followed.
struct CancelAttach {};
// A Check now under way: its requests are dropped; watching goes on at its usual pace.
struct CancelJobCheck {
    std::string key;
};
// The answer to a cancel: the cancel itself may have reached the provider and cannot be taken back.
struct StopWaitingForJobCancel {
    std::string key;
};
// The job's creation: the job may exist all the same, and is then found by its client id.
struct StopWaitingForCreate {};
// Removes an unconfirmed start from the list, once the person judges it was never created.
struct ForgetJob {
    std::string key;
};
// A file made in the UI from what it shows (a plot's series as CSV), offered as a download.
struct SaveFile {
    std::string name, mime_type, content;
};
// The chart image the UI composed this frame (ui/plot_image.h), rendered and saved as a PNG.
struct SavePlotImage {};

// Evaluation.
struct SetCandidateDraft {
    CandidateDraft draft;
};
// A candidate from the draft (with the current prompt), or a fine-tuned model named by `source`.
struct AddCandidate {
    CandidateDraft draft;
    std::string source;
};
struct RemoveCandidate {
    std::string id;
};
// Ask the rows still unanswered; an empty id: every candidate.
struct RunEvaluation {
    std::string id;
};
struct PauseEvaluation {
    std::string id;
};
// Stop asking; the rows already asked still arrive and are kept (they are paid for). Run asks the rest.
struct CancelEvaluation {
    std::string id;
};
// Forget this candidate's answers and ask every row again (the person confirmed the cost).
struct RerunEvaluation {
    std::string id;
};
// Ask again the rows the provider refused: now (live), or, with `now` false, leave them to ask (a
// RunAsBatch after it sends them in a new batch).
struct RetryFailedRows {
    std::string id;
    bool now = true;
};
// Ask the candidate's rows still to ask through the provider's Batch API.
struct RunAsBatch {
    std::string id;
};
// Ask the provider to cancel a batch (the person confirmed); what it finished is kept.
struct CancelBatch {
    std::string id, client_id;
};
// Watch a batch again after its watching stopped.
struct CheckBatch {
    std::string client_id;
};
struct SetBatchCheckSeconds {
    int seconds;
};
struct SetConcurrency {
    int requests;
};
// Score on this many splits: the split, then reshuffles of its rows.
struct SetRepeats {
    int splits;
};
struct SetComparePair {
    std::string a, b;
};
struct SetRowFilter {
    eval::RowFilter filter;
};
// Rows selected on the map (row numbers): the row explorer lists those of the test rows; none clears it.
struct SelectOnMap {
    std::vector<std::uint64_t> rows;
};
struct ShowCandidate {
    std::string id;
};
// Results kept for another split: draw that split again (reading the file again if its settings need it),
// which brings them back; or forget them (the person confirmed).
struct SwitchToSplit {
    std::string id;
};
struct DeleteSplitResults {
    std::string id;
};
struct ExportPredictions {};
struct ExportExperiment {};
struct ImportExperiment {};

// The classifier trained in the browser.
struct SetLocalSettings {
    train::Hyperparameters hp;
    bool auto_epochs = false;  // epochs from train::auto_epochs (hp.epochs is then ignored)
};
// Which kind the next training makes, and the linear model's grid.
struct SetLocalKind {
    eval::LocalKind kind;
};
struct SetLinearSettings {
    linear::SearchSettings settings;
};
// Learn from every labelled row outside validation and test (true), or the split's training rows.
struct SetLocalAllRows {
    bool all_rows = false;
};
struct TrainLocalModel {};
// Drops the training under way; the model in hand stays.
struct CancelLocalTraining {};
// The model in hand answers the test rows its candidate lacks (or is added back as a candidate).
struct AddLocalCandidate {};
struct DownloadLocalModel {};
struct LoadLocalModel {};
// "Label the file" with the in-browser classifier: every row (or only those without a label) of the open
// file, written with the file as a new CSV.
struct SetLabelOnlyUnlabelled {
    bool only_unlabelled = false;
};
struct LabelFile {};
struct CancelLabelFile {};
// Which model labels the file: a chat candidate's evaluation id (through its provider's Batch API), or
// empty for the in-browser classifier.
struct SetLabelSource {
    std::string candidate;
};
// The batches of "Label the file": once all are done, the second pass writes their answers with the file;
// cancelling asks the provider to stop them (what they finished is kept); forgetting drops the record.
struct SetLabelRowsPerBatch {
    int rows = kMaxRowsPerBatch;  // kept within 1 … kMaxRowsPerBatch
};
struct WriteLabelBatches {};
struct ResendLabelBatches {};  // asks the rows the batches left unanswered, in new batches
struct CancelLabelBatches {};
struct ForgetLabelBatches {};

using Intent = std::variant<SelectStep, RenameExperiment, OpenFilePicker, LoadDemoData, CancelReading,
                            ChangeLoadSettings, ChangeSplitSettings, DownloadSplit, ShowProviders, SelectProfile,
                            SetBaseUrl, SetKey, SetRememberKey, ForgetKey, ConfirmKey, TestConnection, CancelTest, SetPrompt, SetJobSettings,
                            SetCheckSeconds, SetPriceEdits, EditBundledPrices, DownloadTrainingFile, StartJob, ShowJob, ForgetJob, CheckJobNow, CancelJob,
                            AttachJob, ListRecentJobs, CancelListRecentJobs, CancelUpload, CancelAttach, CancelJobCheck,
                            StopWaitingForJobCancel, StopWaitingForCreate, SaveFile, SavePlotImage, SetCandidateDraft, AddCandidate,
                            RemoveCandidate, RunEvaluation, PauseEvaluation, CancelEvaluation, RerunEvaluation, RetryFailedRows,
                            RunAsBatch, CancelBatch, CheckBatch, SetBatchCheckSeconds, SetConcurrency, SetRepeats, SetComparePair, SetRowFilter, SelectOnMap, ShowCandidate, SwitchToSplit, DeleteSplitResults, ExportPredictions,
                            ExportExperiment, ImportExperiment, SetLocalSettings, SetLocalKind, SetLinearSettings, SetLocalAllRows, TrainLocalModel, CancelLocalTraining,
                            AddLocalCandidate, DownloadLocalModel, LoadLocalModel, SetLabelOnlyUnlabelled, LabelFile,
                            CancelLabelFile, SetLabelSource, SetLabelRowsPerBatch, WriteLabelBatches, ResendLabelBatches, CancelLabelBatches,
                            ForgetLabelBatches>;

// Applies the intents that need nothing but the state; returns false for the others.
bool apply(State& state, const Intent& intent);

// Draws the split again from the dataset's samples; false when they hold too few rows for the sizes
// asked, or are gone (restored without the file): the file must then be read again.
bool redraw_split(State& state);

// The candidate the draft describes, asked with the current prompt; a JSON schema where the provider
// and model take one.
eval::Candidate make_candidate(const State& state, const CandidateDraft& draft, const std::string& source);

}  // namespace tb::workflow
