#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/fine_tuning.h"

namespace tb::finetune {

// A fine-tuning job this experiment follows: what the provider last said of it, and everything read so
// far (events, checkpoints, metrics), which is saved with the experiment so a reload loses none of it.
struct TrackedJob {
    std::string profile;    // the provider profile it runs at
    std::string client_id;  // ours, in the job's metadata: finds it again after an unanswered create
    api::CreateJob request; // what was asked for (kept so an unconfirmed create can be looked for)
    api::Job job;           // job.id is empty until the provider has confirmed the job
    std::vector<api::JobEvent> events;       // newest first
    std::vector<api::Checkpoint> checkpoints;
    std::vector<api::StepMetrics> metrics;   // by step, ascending
    bool result_read = false;                // the result file's metrics are in `metrics`
    std::string watch_error;                 // the last failed check, shown until one succeeds

    bool confirmed() const { return !job.id.empty(); }
    // Still worth asking the provider about: not final, or final with the result file still to read.
    bool needs_watching() const;
};

// Merges step metrics into `series` (ascending by step): a step seen again keeps what it had and takes
// the values it lacked, so events and the result file complete each other.
void merge_metrics(std::vector<api::StepMetrics>& series, const std::vector<api::StepMetrics>& more);
void merge_event_metrics(std::vector<api::StepMetrics>& series, const std::vector<api::JobEvent>& events);

// Event pages come newest first. After merging `page`, another (older) page is needed when the page was
// full of news: the provider has more and none of the page was known before. Returns the cursor for it.
std::optional<std::string> next_events_cursor(const std::vector<api::JobEvent>& known_before,
                                              const std::vector<api::JobEvent>& page, bool has_more);

// Seconds until the next check: `base` while things change, doubling (up to 60 s) over checks that
// brought nothing new; a queued or validating job changes rarely, so it starts at twice `base`.
double poll_delay(api::JobStatus status, int unchanged_checks, double base_seconds);

// The metric names series are known by, in automation, the plot and exports.
inline constexpr const char* kSeriesNames[] = {"train_loss",     "valid_loss",     "full_valid_loss",
                                               "train_accuracy", "valid_accuracy", "full_valid_accuracy"};
inline constexpr int kSeriesCount = 6;
std::optional<double> series_value(const api::StepMetrics& metrics, int series);
// {train_loss: [[step, value]…], …}: only the series with at least one value.
nlohmann::json series_json(const std::vector<api::StepMetrics>& metrics);

// {nEpochs, batchSize, learningRateMultiplier} into `out`, each a number or "auto"; and back.
void put_hyperparameters(nlohmann::json& out, const api::Hyperparameters& hyperparameters);
api::Hyperparameters hyperparameters_from_json(const nlohmann::json& in);

nlohmann::json to_json(const TrackedJob& tracked);
TrackedJob tracked_job_from_json(const nlohmann::json& json);
nlohmann::json to_json(const api::Job& job);
api::Job job_from_json(const nlohmann::json& json);

}  // namespace tb::finetune
