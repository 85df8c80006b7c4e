#include "app/label_file_controller.h"

#include <algorithm>

#include "app/paced_reader.h"
#include "core/eval/file_labeller.h"
#include "core/text/format.h"
#include "platform/file_output.h"
#include "platform/file_source.h"
#include "platform/main_loop.h"

namespace tb::app {

namespace {
using Level = workflow::Status::Level;
using Phase = workflow::LabelFileState::Phase;

// Bytes fed to the labeller between looks at the clock: a millisecond or two of work.
constexpr std::size_t kSliceBytes = 32 << 10;
// Input read ahead, and output handed on at once: memory holds a few MB whatever the file's size.
constexpr std::size_t kReadAhead = 2 << 20;
constexpr std::size_t kFlushBytes = 1 << 20;
// A picked file takes writes at the disk's pace: labelling waits while this much is still to be written.
constexpr double kMaxPendingWrite = 16 << 20;
// Rows read and held for a pending answer (an embeddings candidate's, while their vectors come): the
// reading waits past this many, a few MB of CFPB narratives.
constexpr std::size_t kMaxHeldRows = 4096;

// The in-browser classifier as a labeller of its own: a copy, so a model trained meanwhile does not change
// the run's answers; its probabilities calibrated on the validation rows (never trained on), as without it
// a regularised model's are far below how often it is right.
class OwnedLocalLabeller : public eval::RowLabeller {
public:
    OwnedLocalLabeller(eval::LocalClassifier model, std::string model_id, const std::vector<data::SplitRow>& validation,
                       int text_column)
        : model_(std::move(model)), labeller_(model_, std::move(model_id), eval::calibrate(model_, validation, text_column)) {}
    Answer label(const eval::RowQuestion& question) override { return labeller_.label(question); }
    const std::vector<std::string>& classes() const override { return labeller_.classes(); }
    std::string model_id() const override { return labeller_.model_id(); }

private:
    eval::LocalClassifier model_;
    eval::LocalRowLabeller labeller_;
};

}  // namespace

struct LabelFileController::Run {
    Run(Pass p, int file) : pass(std::move(p)), handle(file) {}
    Pass pass;
    std::unique_ptr<eval::FileLabeller> writer;
    int handle = 0;
    int output = 0;
    std::unique_ptr<PacedReader> input;  // the open file, read again
    bool reader_finished = false;  // the reader was told the input ended; held rows may still wait
    double started = 0;
};

LabelFileController::LabelFileController(workflow::State& state, Post post) : state_(state), post_(std::move(post)) {}

LabelFileController::~LabelFileController() = default;

void LabelFileController::start() {
    if (run_) return;
    if (const std::string why = workflow::label_file_unavailable_because(state_); !why.empty()) {
        state_.set_status(Level::Error, why);
        return;
    }
    const workflow::Dataset& dataset = *state_.data.dataset;
    Pass pass;
    const std::string model_id = "tuneboard-" + std::string(eval::local_kind_key(state_.local.model->kind())) + "-" +
                                 state_.local.facts.checksum.substr(0, 12);
    pass.labeller = std::make_unique<OwnedLocalLabeller>(*state_.local.model, model_id, dataset.split.validation,
                                                         dataset.summary.text_column);
    pass.model = workflow::label_file_model_name(state_);
    pass.written = "labelled";
    run(std::move(pass));
}

void LabelFileController::run(Pass pass) {
    if (run_ || !state_.data.dataset || !state_.data.dataset->loader) return;
    workflow::LabelFileState& label = state_.label_file;
    const workflow::Dataset& dataset = *state_.data.dataset;
    const data::Loader& loader = *dataset.loader;
    eval::FileLabelSettings settings;
    settings.csv.delimiter = loader.reader().dialect().delimiter;
    settings.csv.header_line = loader.reader().header_line();
    settings.text_column = dataset.summary.column_name(dataset.summary.text_column);
    settings.label_column = dataset.summary.column_name(dataset.summary.label_column);
    settings.only_unlabelled = label.only_unlabelled;

    const bool write = pass.write;
    const std::string model = pass.model;
    run_ = std::make_unique<Run>(std::move(pass), dataset.file.handle);
    run_->writer = std::make_unique<eval::FileLabeller>(*run_->pass.labeller, settings);

    const std::string stem = dataset.file.name.size() > 4 && dataset.file.name.ends_with(".csv")
                                 ? dataset.file.name.substr(0, dataset.file.name.size() - 4)
                                 : dataset.file.name;
    // The batches' record outlives a run: kept whatever the new run is.
    std::optional<workflow::LabelBatchJob> batch = std::move(label.batch);
    const bool batch_unsaved = label.batch_unsaved;
    const std::string source = label.source;
    label = workflow::LabelFileState{};
    label.batch = std::move(batch);
    label.batch_unsaved = batch_unsaved;
    label.source = source;
    label.sending = !write;
    label.only_unlabelled = settings.only_unlabelled;
    label.run_only_unlabelled = settings.only_unlabelled;
    label.model = model;
    label.file = dataset.file.name;
    label.bytes = dataset.file.bytes;
    if (!write) {
        begin_reading(0, false, {});
        return;
    }
    label.phase = Phase::Opening;
    state_.set_status(Level::Info, "Choose where to write the labelled file…");
    const int serial = ++serial_;
    platform::open_output(
        stem + "-labelled.csv", workflow::kLabelPartBytes,
        [this, serial](const platform::OutputOpened& opened) {
            post_([this, serial, opened](workflow::State& state) {
                if (serial != serial_ || !run_) {
                    if (opened.id != 0) platform::abort_output(opened.id);
                    return;
                }
                if (opened.id == 0) {
                    state.label_file.phase = opened.cancelled ? Phase::Cancelled : Phase::Failed;
                    state.label_file.message = opened.cancelled ? "No file was chosen: nothing was written." : opened.error;
                    state.set_status(opened.cancelled ? Level::Info : Level::Error, state.label_file.message);
                    end_pass(false);
                    run_.reset();
                    return;
                }
                begin_reading(opened.id, opened.parts, opened.name);
            });
        },
        [this, serial](const std::string& error) {
            post_([this, serial, error](workflow::State&) {
                if (serial == serial_ && run_) fail(error);
            });
        });
}

void LabelFileController::begin_reading(int output, bool parts, const std::string& name) {
    workflow::LabelFileState& label = state_.label_file;
    run_->output = output;
    run_->started = platform::now_seconds();
    label.phase = Phase::Running;
    label.output = name;
    label.parts = parts;
    state_.set_status(Level::Info, (label.sending ? "Reading " + label.file + " into batches for " : "Labelling " + label.file + " with ") +
                                       label.model + "…");
    run_->input = std::make_unique<PacedReader>(run_->handle, kReadAhead);
}

void LabelFileController::pump(double now, double slice_seconds) {
    if (!run_ || state_.label_file.phase != Phase::Running) return;
    Run& run = *run_;
    eval::FileLabeller& writer = *run.writer;
    const bool writes_waiting = run.output != 0 && !state_.label_file.parts &&
                                platform::output_pending_bytes(run.output) > kMaxPendingWrite;
    writer.release();
    // Asked before every piece: a piece may fill the file the pass must hand on before reading more.
    const auto held = [&run, &writer] { return (run.pass.hold && run.pass.hold()) || writer.held() >= kMaxHeldRows; };
    while (!writes_waiting && !held() && platform::now_seconds() - now < slice_seconds) {
        const std::string_view piece = run.input->piece(kSliceBytes);
        if (piece.empty()) break;
        writer.feed(piece);
        run.input->used(piece.size());
        if (writer.output().size() >= kFlushBytes) flush();
        if (!writer.error().empty()) {
            fail(writer.error());
            return;
        }
    }
    if (run.input->failed()) {
        fail(run.input->error());
        return;
    }
    workflow::LabelFileState& label = state_.label_file;
    label.bytes_read = writer.bytes_read();
    label.rows = writer.rows();
    label.labelled = writer.labelled();
    label.seconds = platform::now_seconds() - run.started;
    if (run.output != 0) label.parts_written = platform::output_parts(run.output);
    if (run.input->done()) finish_input();
}

void LabelFileController::flush() {
    std::string& out = run_->writer->output();
    if (run_->output != 0) platform::write_output(run_->output, out);
    out.clear();
}

void LabelFileController::finish_input() {
    eval::FileLabeller& writer = *run_->writer;
    if (!run_->reader_finished) {
        run_->reader_finished = true;
        writer.finish();
        if (!writer.error().empty()) {
            fail(writer.error());
            return;
        }
    }
    // The last rows may wait for their answers: the file is closed once they are written.
    writer.release();
    if (writer.held() > 0) return;
    if (const csv::Status status = writer.reader().status(); status != csv::Status::Ok) {
        const csv::StatusText text = csv::describe(status);
        fail(std::string(text.what) + " " + std::string(text.todo));
        return;
    }
    flush();
    workflow::LabelFileState& label = state_.label_file;
    label.rows = writer.rows();
    label.labelled = writer.labelled();
    label.bytes_read = writer.bytes_read();
    label.phase = Phase::Closing;
    const std::string lost = writer.lost_rows();
    if (run_->output == 0) {
        label.phase = Phase::Done;
        label.message = "Read " + text::with_commas(label.rows) + " rows" + (lost.empty() ? "." : ". " + lost);
        end_pass(true);
        end_run();
        return;
    }
    const int serial = serial_;
    platform::close_output(run_->output, [this, serial, lost](const std::string& error, int parts) {
        post_([this, serial, lost, error, parts](workflow::State& state) {
            if (serial != serial_ || !run_) return;
            workflow::LabelFileState& done = state.label_file;
            done.parts_written = parts;
            if (!error.empty()) {
                fail(error);
                return;
            }
            done.phase = Phase::Done;
            done.message = "Wrote " + text::with_commas(done.rows) + " rows, " + text::with_commas(done.labelled) +
                           " of them " + run_->pass.written + ", to " + done.output + (lost.empty() ? "." : ". " + lost);
            state.set_status(lost.empty() ? Level::Info : Level::Error, done.message);
            end_pass(true);
            end_run();
        });
    });
}

void LabelFileController::fail(const std::string& why) {
    workflow::LabelFileState& label = state_.label_file;
    label.phase = Phase::Failed;
    label.message = label.file + " could not be " + (label.sending ? "read into batches: " : "labelled: ") + why;
    state_.set_status(Level::Error, label.message);
    end_pass(false);
    end_run();
}

void LabelFileController::cancel() {
    if (!run_) return;
    state_.label_file.phase = Phase::Cancelled;
    state_.label_file.message = "Labelling stopped after " + text::with_commas(state_.label_file.rows) + " rows" +
                                (state_.label_file.parts && state_.label_file.parts_written > 0
                                     ? ": the parts already downloaded hold them."
                                     : ": nothing was written.");
    state_.set_status(workflow::Status::Level::Info, state_.label_file.message);
    end_pass(false);
    end_run();
}

// The pass's owner hears how it ended once, while its labeller is still there.
void LabelFileController::end_pass(bool finished) {
    if (!run_ || !run_->pass.on_end) return;
    const auto on_end = std::exchange(run_->pass.on_end, {});
    on_end(*run_->pass.labeller, finished);
}

// Stops reading (dropping the reader cancels it) and drops the output (a picked file keeps what it held before) unless it was closed.
void LabelFileController::end_run() {
    if (!run_) return;
    if (run_->output != 0 && state_.label_file.phase != Phase::Done) platform::abort_output(run_->output);
    run_.reset();
    ++serial_;
}

}  // namespace tb::app
