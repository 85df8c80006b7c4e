#include <catch2/catch.hpp>

#include <cmath>

#include "core/text/dates.h"
#include "core/workflow/experiment.h"
#include "core/workflow/intents.h"

using namespace tb;
using namespace tb::workflow;

TEST_CASE("the fine-tuning part of an experiment is saved and restored whole") {
    State state;
    state.finetune.prompt = {"Answer with one product.", "{text}\nIssue: {Issue}"};
    state.finetune.settings.profile = "azure";
    state.finetune.settings.model = "gpt-4.1-mini-2025-04-14";
    state.finetune.settings.hyperparameters.n_epochs = 2;
    state.finetune.settings.seed = 7;
    state.finetune.check_seconds = 3;
    state.finetune.uploads.remember({"azure", "00ff", "file-abc", 1234});
    finetune::TrackedJob job;
    job.profile = "azure";
    job.client_id = "tb-0000000000000001";
    job.job.id = "ftjob-1";
    job.job.status = api::JobStatus::Running;
    api::StepMetrics step;
    step.step = 3;
    step.train_loss = 0.5;
    job.metrics = {step};
    state.finetune.jobs = {job};
    state.finetune.shown_job = "ftjob-1";

    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    CHECK(to_json(restored.finetune) == to_json(state.finetune));
    CHECK(restored.finetune.settings.model == "gpt-4.1-mini-2025-04-14");
    CHECK(*restored.finetune.settings.hyperparameters.n_epochs == 2);
    CHECK_FALSE(restored.finetune.settings.hyperparameters.batch_size);
    CHECK(restored.finetune.jobs.at(0).metrics.at(0).train_loss == 0.5);
    CHECK(restored.finetune.uploads.records().size() == 1);
    // Derived files are never saved: they are rebuilt.
    CHECK(restored.finetune.files.stale);
}

TEST_CASE("a job is known by its provider id once it exists, by its client id before") {
    FineTuneState finetune;
    finetune::TrackedJob job;
    job.client_id = "tb-1";
    finetune.jobs = {job};
    CHECK(job_key(finetune.jobs[0]) == "tb-1");
    CHECK(finetune.find_job("tb-1") != nullptr);
    finetune.jobs[0].job.id = "ftjob-9";
    CHECK(finetune.find_job("ftjob-9") != nullptr);
    CHECK(finetune.find_job("tb-1") == nullptr);
}

TEST_CASE("requests the person waits on show in state() by job, and are never saved") {
    FineTuneState finetune;
    finetune::TrackedJob running;
    running.job.id = "ftjob-1";
    finetune::TrackedJob unconfirmed;
    unconfirmed.client_id = "tb-2";
    finetune.jobs = {running, unconfirmed};
    finetune.attaching = "ftjob-elsewhere";
    finetune.checks_asked = {"tb-2"};
    finetune.cancels_sent = {"ftjob-1"};
    finetune.next_checks = {{"ftjob-1", 1700000005.5}};

    const auto jobs = jobs_json(finetune);
    CHECK(jobs[0]["checking"] == false);
    CHECK(jobs[0]["cancelling"] == true);
    CHECK(jobs[0]["nextCheckAt"] == 1700000005.5);
    CHECK(jobs[1]["checking"] == true);
    CHECK(jobs[1]["cancelling"] == false);
    CHECK(jobs[1]["nextCheckAt"].is_null());
    CHECK(finetune_json(finetune)["attaching"] == "ftjob-elsewhere");

    FineTuneState restored;
    restore_finetune(restored, to_json(finetune));
    CHECK(restored.attaching.empty());
    CHECK(restored.checks_asked.empty());
    CHECK(restored.cancels_sent.empty());
    CHECK(restored.next_checks.empty());
}

TEST_CASE("prompt and job settings make the files stale and are saved, the check interval stays sensible") {
    State state;
    state.finetune.files.stale = false;
    CHECK(apply(state, SetPrompt{{"", "{text}"}}));
    CHECK(state.finetune.files.stale);
    CHECK(state.unsaved);

    state.finetune.files.stale = false;
    JobSettings settings;
    settings.model = "gpt-4o-2024-08-06";
    CHECK(apply(state, SetJobSettings{settings}));
    CHECK(state.finetune.files.stale);
    CHECK(state.finetune.settings.model == "gpt-4o-2024-08-06");

    CHECK(apply(state, SetCheckSeconds{0.2}));
    CHECK(state.finetune.check_seconds == 5);
    CHECK(apply(state, SetCheckSeconds{2}));
    CHECK(state.finetune.check_seconds == 2);
    CHECK_FALSE(apply(state, StartJob{}));  // the app's: it needs the network
}

TEST_CASE("succeeded jobs offer their model and checkpoints as candidates") {
    FineTuneState finetune;
    finetune::TrackedJob job;
    job.profile = "openai";
    job.job.id = "ftjob-1";
    job.job.status = api::JobStatus::Succeeded;
    job.job.fine_tuned_model = "ft:gpt-4o-mini:org::abc";
    job.checkpoints = {api::Checkpoint{"cp-1", "ft:gpt-4o-mini:org::abc:ckpt-step-10", 10, {}},
                       api::Checkpoint{"cp-2", "ft:gpt-4o-mini:org::abc", 20, {}}};
    finetune::TrackedJob running = job;
    running.job.id = "ftjob-2";
    running.job.status = api::JobStatus::Running;
    finetune.jobs = {job, running};
    const auto candidates = candidates_json(finetune);
    REQUIRE(candidates.size() == 2);
    CHECK(candidates[0]["model"] == "ft:gpt-4o-mini:org::abc");
    CHECK(candidates[1]["source"] == "job ftjob-1, checkpoint at step 10");
}

TEST_CASE("price edits are kept with the experiment and make the cost stale") {
    State state;
    state.finetune.files.stale = false;
    CHECK(apply(state, SetPriceEdits{R"({"as_of": "2026-12-01", "models": []})"}));
    CHECK(state.finetune.files.stale);
    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    CHECK(restored.finetune.price_edits == state.finetune.price_edits);
}

TEST_CASE("the days left for new OpenAI fine-tuning jobs count today and stop at the cut-off") {
    constexpr double kDay = 86400;
    constexpr double kEndOfLastDay = 1799280000;  // 2027-01-07T00:00:00Z
    CHECK(openai_fine_tuning_days_left(kEndOfLastDay - 42 * kDay) == 42);  // 2026-11-26, midnight
    CHECK(openai_fine_tuning_days_left(kEndOfLastDay - 41.5 * kDay) == 42);
    CHECK(openai_fine_tuning_days_left(kEndOfLastDay - 1) == 1);           // the last day itself
    CHECK(openai_fine_tuning_days_left(kEndOfLastDay) == 0);
    CHECK(openai_fine_tuning_days_left(kEndOfLastDay + 10 * kDay) == 0);
}

TEST_CASE("each job's curves are read in plain words, by step, naming its best checkpoint") {
    FineTuneState finetune;
    finetune::TrackedJob job;
    job.profile = "openai";
    job.job.id = "ftjob-1";
    job.job.status = api::JobStatus::Succeeded;
    // 60 steps: training loss falling throughout; full validation loss at every 5th step, lowest (0.2)
    // at step 20, up to 0.7 by step 60 (the last two checks' median is 0.66875); a checkpoint after
    // each of three epochs.
    for (std::int64_t step = 1; step <= 60; ++step) {
        api::StepMetrics m;
        m.step = step;
        m.total_steps = 60;
        m.train_loss = 2.0 / static_cast<double>(step);
        if (step % 5 == 0) m.full_valid_loss = 0.2 + 0.0125 * std::abs(static_cast<double>(step) - 20);
        job.metrics.push_back(m);
    }
    job.checkpoints = {api::Checkpoint{"cp-1", "m:ckpt-step-20", 20, {}}, api::Checkpoint{"cp-2", "m:ckpt-step-40", 40, {}},
                       api::Checkpoint{"cp-3", "m", 60, {}}};
    finetune.jobs = {job};
    const nlohmann::json verdict = jobs_json(finetune)[0]["verdict"];
    CHECK(verdict["kind"] == "overfitting");
    CHECK(verdict["bestX"] == 20);
    CHECK(verdict["bestCheckpoint"] == 20);
    CHECK(verdict["text"] == "The validation loss has risen since step 20 (0.2 → 0.669): overfitting — of its "
                             "checkpoints, the one at step 20 is the best.");
    // A job with no metrics yet has nothing to say.
    finetune.jobs[0].metrics.clear();
    CHECK(jobs_json(finetune)[0]["verdict"]["kind"] == "none");
}

namespace {
// A job the provider confirmed (ftjob-1, started as tb-…1), then a start it never confirmed (tb-…2).
std::vector<finetune::TrackedJob> one_confirmed_one_not() {
    finetune::TrackedJob confirmed, unconfirmed;
    confirmed.client_id = "tb-0000000000000001";
    confirmed.job.id = "ftjob-1";
    unconfirmed.client_id = "tb-0000000000000002";
    return {confirmed, unconfirmed};
}
}  // namespace

TEST_CASE("jobs whose creation was never confirmed are listed, so starting another can warn first", "[finetune]") {
    FineTuneState finetune;
    finetune.jobs = one_confirmed_one_not();
    CHECK(unconfirmed_jobs(finetune) == std::vector<std::string>{"tb-0000000000000002"});
    finetune.jobs[1].job.id = "ftjob-2";
    CHECK(unconfirmed_jobs(finetune).empty());
}

TEST_CASE("Forget removes an unconfirmed start, never a job the provider confirmed", "[finetune]") {
    State state;
    state.finetune.jobs = one_confirmed_one_not();
    REQUIRE(apply(state, ForgetJob{"tb-0000000000000001"}));
    CHECK(state.finetune.jobs.size() == 2);
    apply(state, ForgetJob{"tb-0000000000000002"});
    REQUIRE(state.finetune.jobs.size() == 1);
    CHECK(state.finetune.jobs[0].job.id == "ftjob-1");
    CHECK(state.status.text == "Removed the unconfirmed start tb-0000000000000002 from the list.");
    CHECK(text::utc_time(1764896523) == "2025-12-05 01:02:03 UTC");
    CHECK(text::utc_time(0) == "–");
}
