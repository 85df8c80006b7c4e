#include <catch2/catch.hpp>

#include "core/finetune/tracked_job.h"

using namespace tb;
using finetune::TrackedJob;

namespace {
api::StepMetrics step(std::int64_t n, std::optional<double> train_loss, std::optional<double> valid_loss = {}) {
    api::StepMetrics m;
    m.step = n;
    m.train_loss = train_loss;
    m.valid_loss = valid_loss;
    return m;
}

api::JobEvent event(std::string id, std::int64_t at) {
    api::JobEvent e;
    e.id = std::move(id);
    e.created_at = at;
    return e;
}
}  // namespace

TEST_CASE("metrics merge by step, ascending, and complete each other") {
    std::vector<api::StepMetrics> series;
    finetune::merge_metrics(series, {step(3, 0.5), step(1, 0.9)});
    finetune::merge_metrics(series, {step(2, 0.7), step(3, 0.4, 0.6)});
    REQUIRE(series.size() == 3);
    CHECK(series[0].step == 1);
    CHECK(series[1].step == 2);
    CHECK(series[2].step == 3);
    CHECK(*series[2].train_loss == 0.5);  // what a step had stays
    CHECK(*series[2].valid_loss == 0.6);  // what it lacked is taken
}

TEST_CASE("event metrics feed the series and events without metrics are passed over") {
    api::JobEvent with = event("e2", 2);
    with.metrics = step(4, 0.3);
    std::vector<api::StepMetrics> series;
    finetune::merge_event_metrics(series, {event("e1", 1), with});
    REQUIRE(series.size() == 1);
    CHECK(series[0].step == 4);
}

TEST_CASE("an older events page is fetched only while a page brings nothing known") {
    const std::vector<api::JobEvent> known = {event("e5", 5), event("e4", 4)};
    CHECK(finetune::next_events_cursor(known, {event("e9", 9), event("e8", 8)}, true) == "e8");
    CHECK_FALSE(finetune::next_events_cursor(known, {event("e9", 9), event("e5", 5)}, true));
    CHECK_FALSE(finetune::next_events_cursor(known, {event("e9", 9), event("e8", 8)}, false));
    CHECK_FALSE(finetune::next_events_cursor({}, {}, true));
}

TEST_CASE("checks back off while nothing changes, and wait longer for a queued job") {
    CHECK(finetune::poll_delay(api::JobStatus::Running, 0, 5) == 5);
    CHECK(finetune::poll_delay(api::JobStatus::Running, 2, 5) == 20);
    CHECK(finetune::poll_delay(api::JobStatus::Running, 10, 5) == 60);
    CHECK(finetune::poll_delay(api::JobStatus::Queued, 0, 5) == 10);
    CHECK(finetune::poll_delay(api::JobStatus::Running, 3, 1) == 8);
}

TEST_CASE("a job is watched until it is final and its result file read") {
    TrackedJob tracked;
    CHECK(tracked.needs_watching());  // not yet confirmed by the provider
    tracked.job.id = "ftjob-1";
    tracked.job.status = api::JobStatus::Running;
    CHECK(tracked.needs_watching());
    tracked.job.status = api::JobStatus::Succeeded;
    tracked.job.result_files = {"file-r"};
    CHECK(tracked.needs_watching());
    tracked.result_read = true;
    CHECK_FALSE(tracked.needs_watching());
    tracked.job.status = api::JobStatus::Cancelled;
    tracked.result_read = false;
    CHECK_FALSE(tracked.needs_watching());
}

TEST_CASE("series are listed by name with their points, only when they have some") {
    const auto json = finetune::series_json({step(1, 0.9), step(2, 0.8, 1.1)});
    CHECK(json["train_loss"] == nlohmann::json::parse("[[1,0.9],[2,0.8]]"));
    CHECK(json["valid_loss"] == nlohmann::json::parse("[[2,1.1]]"));
    CHECK_FALSE(json.contains("train_accuracy"));
}

TEST_CASE("a tracked job survives a round trip through JSON") {
    TrackedJob tracked;
    tracked.profile = "openai";
    tracked.client_id = "tb-0123456789abcdef";
    tracked.request.model = "gpt-4o-mini-2024-07-18";
    tracked.request.training_file = "file-t";
    tracked.request.hyperparameters.n_epochs = 3;
    tracked.request.seed = 42;
    tracked.job.id = "ftjob-1";
    tracked.job.status = api::JobStatus::Failed;
    tracked.job.error = api::JobError{"invalid_training_file", "too few examples", "training_file"};
    tracked.job.result_files = {"file-r"};
    api::JobEvent e = event("e1", 100);
    e.message = "Step 1/10";
    e.metrics = step(1, 0.9);
    tracked.events = {e};
    tracked.checkpoints = {api::Checkpoint{"cp-1", "ft:gpt-4o-mini:ckpt-step-1", 1, step(1, 0.9)}};
    tracked.metrics = {step(1, 0.9, 1.0)};
    tracked.result_read = true;

    const TrackedJob back = finetune::tracked_job_from_json(finetune::to_json(tracked));
    CHECK(finetune::to_json(back) == finetune::to_json(tracked));
    CHECK(back.job.status == api::JobStatus::Failed);
    CHECK(back.job.error->code == "invalid_training_file");
    CHECK(*back.request.hyperparameters.n_epochs == 3);
    CHECK_FALSE(back.request.hyperparameters.batch_size);
    CHECK(*back.request.seed == 42);
    CHECK(*back.events[0].metrics->train_loss == 0.9);
}
