#include "app/local_model_controller.h"

#include "platform/download.h"
#include "platform/main_loop.h"
#include "platform/storage.h"

namespace tb::app {

namespace {

constexpr const char* kWeightsKey = "local_model";
constexpr const char* kModelSuffix = ".tbmodel";
// Units between looks at the clock: about 0.3 ms of work (see Trainer::step).
constexpr std::size_t kUnitsPerLook = 64;
// A model of the largest table the trainer allows (1 GB) and a little more.
constexpr std::size_t kMaxModelBytes = std::size_t{1100} << 20;

using Level = workflow::Status::Level;

}  // namespace

bool is_model_file_name(const std::string& name) {
    const std::string suffix = kModelSuffix;
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

LocalModelController::LocalModelController(workflow::State& state, Post post)
    : state_(state), post_(post),
      all_rows_stream_(
          state, post, [](workflow::State& s) { return s.local.all_rows_read.get(); },
          [](workflow::State& s, const std::string& error) { workflow::finish_all_rows_read(s, error); },
          [](workflow::State& s) { s.local.all_rows_read.reset(); }) {}

void LocalModelController::pump(double now, double slice_seconds) {
    all_rows_stream_.follow();
    workflow::LocalModelState& local = state_.local;
    if (!local.run) {
        timed_run_ = nullptr;
        // Repeat over splits: the other splits' models, one after the other, when nothing else trains.
        if (local.split_run || workflow::start_next_split_training(state_)) {
            while (!local.split_run->done() && platform::now_seconds() - now < slice_seconds) {
                local.split_run->step(kUnitsPerLook);
            }
            if (local.split_run->done()) workflow::finish_split_training(state_);
        }
    } else {
        if (timed_run_ != local.run.get()) {
            timed_run_ = local.run.get();
            run_started_ = now;
        }
        // Slices until this frame's share is spent: a slow machine trains slower, never freezes.
        while (!local.run->done() && platform::now_seconds() - now < slice_seconds) local.run->step(kUnitsPerLook);
        local.run_seconds = platform::now_seconds() - run_started_;
        if (local.run->done()) workflow::finish_local_training(state_, local.run_seconds);
    }
    if (local.weights == workflow::LocalModelState::Weights::Loading && !restoring_) restore_weights();
}

void LocalModelController::save_if_changed() {
    const workflow::LocalModelState& local = state_.local;
    if (local.weights == workflow::LocalModelState::Weights::Unsaved && !local.unsaved_blob.empty()) save_weights();
}

void LocalModelController::save_weights() {
    workflow::LocalModelState& local = state_.local;
    const std::string checksum = local.facts.checksum;
    // Moved out: the weights are megabytes, and the browser copies them before this call returns.
    const std::vector<std::uint8_t> blob = std::move(local.unsaved_blob);
    local.unsaved_blob.clear();
    platform::store_bytes(
        kWeightsKey, blob,
        [this, checksum] {
            post_([checksum](workflow::State& state) {
                // A newer model may have come since: it is saved on its own.
                if (state.local.facts.checksum == checksum) state.local.weights = workflow::LocalModelState::Weights::Saved;
            });
        },
        [this, checksum](const std::string& error) {
            post_([error, checksum](workflow::State& state) {
                if (state.local.facts.checksum == checksum) state.local.weights = workflow::LocalModelState::Weights::None;
                state.set_status(Level::Error, "The in-browser classifier's weights could not be kept in the browser: " +
                                                   error + " Download the model to keep it.");
            });
        });
}

void LocalModelController::restore_weights() {
    restoring_ = true;
    platform::load_bytes(kWeightsKey, [this](bool found, std::span<const std::uint8_t> bytes) {
        auto blob = std::make_shared<std::vector<std::uint8_t>>(bytes.begin(), bytes.end());
        post_([this, found, blob](workflow::State& state) {
            restoring_ = false;
            if (state.local.weights != workflow::LocalModelState::Weights::Loading) return;
            const std::string problem =
                found ? workflow::restore_local_weights(state, *blob)
                      : "The in-browser classifier's weights are not in this browser any more: train it again.";
            if (!found) state.local.weights = workflow::LocalModelState::Weights::Missing;
            if (!problem.empty()) state.set_status(Level::Error, problem);
        });
    });
}

void LocalModelController::download(const std::string& file_stem) {
    if (!state_.local.model) return;
    const std::vector<std::uint8_t> blob = state_.local.model->save();
    platform::download(file_stem + "-model" + kModelSuffix, "application/octet-stream",
                       std::string(blob.begin(), blob.end()));
}

void LocalModelController::load_file(const platform::FileInfo& file) {
    platform::read_whole_file(file.handle, kMaxModelBytes, [this, file](std::string bytes, const std::string& error) {
        auto blob = std::make_shared<std::string>(std::move(bytes));
        post_([file, blob, error](workflow::State& state) {
            platform::release_file(file.handle);
            const std::string problem =
                !error.empty() ? file.name + " could not be read: " + error
                               : workflow::adopt_local_model(
                                     state,
                                     std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(blob->data()),
                                                                   blob->size()),
                                     file.name);
            if (!problem.empty()) state.set_status(Level::Error, problem);
        });
    });
}

}  // namespace tb::app
