#include <catch2/catch.hpp>

#include "core/api/openai_dialect.h"
#include "core/api/result_metrics.h"
#include "core/finetune/watch_job_flow.h"
#include "http_fixtures.h"

using namespace tb;
using api::FlowStep;
using api::HttpResponse;
using api::JobStatus;
using api::testing::ok;
using finetune::TrackedJob;
using finetune::WatchJobFlow;
using Kind = FlowStep::Kind;

namespace {
const api::Endpoint kEndpoint{"https://api.openai.com/v1", "sk", false};

HttpResponse answer(int status, std::string body = "") {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

// The job as the provider tells it; `extra` holds more fields ("," first).
std::string job_json(const std::string& status, int trained_tokens, const std::string& extra = "") {
    return R"({"id":"ftjob-1","object":"fine_tuning.job","model":"gpt-4o-mini-2024-07-18","status":")" + status +
           R"(","trained_tokens":)" + std::to_string(trained_tokens) + extra + "}";
}

std::string event_json(const std::string& id, int step, double train_loss) {
    return R"({"object":"fine_tuning.job.event","id":")" + id + R"(","created_at":)" + std::to_string(step) +
           R"(,"level":"info","message":"Step","type":"metrics","data":{"step":)" + std::to_string(step) +
           R"(,"total_steps":10,"train_loss":)" + std::to_string(train_loss) + "}}";
}

std::string page_json(bool has_more, const std::vector<std::string>& events) {
    std::string out = R"({"object":"list","has_more":)" + std::string(has_more ? "true" : "false") + R"(,"data":[)";
    for (std::size_t i = 0; i < events.size(); ++i) out += (i ? "," : "") + events[i];
    return out + "]}";
}

const char* kCheckpoints = R"({"object":"list","has_more":false,"data":[
  {"object":"fine_tuning.job.checkpoint","id":"ftckpt_1","created_at":1,"fine_tuning_job_id":"ftjob-1",
   "fine_tuned_model_checkpoint":"ft:gpt-4o-mini:org::ckpt-step-4","step_number":4,"metrics":{"step":4,"train_loss":0.5}}]})";

// A running job whose step 1 is known (event ev-1).
TrackedJob running_job() {
    TrackedJob tracked;
    tracked.profile = "openai";
    tracked.client_id = "tb-0001";
    tracked.job.id = "ftjob-1";
    tracked.job.status = JobStatus::Running;
    tracked.job.status_text = "running";
    tracked.job.model = "gpt-4o-mini-2024-07-18";
    tracked.job.trained_tokens = 100;
    tracked.job.client_id = "tb-0001";
    tracked.events = {{"ev-1", 1, "info", "Step", api::StepMetrics{}}};
    tracked.events[0].metrics->step = 1;
    tracked.metrics = {*tracked.events[0].metrics};
    return tracked;
}

bool asks_for(const FlowStep& step, const std::string& path) {
    return step.kind == Kind::Send && step.request.method == "GET" && step.request.url.find(path) != std::string::npos;
}
}  // namespace

TEST_CASE("a check reads the job, every page of news until a known event, then the checkpoints") {
    WatchJobFlow flow(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, running_job());
    const auto get = flow.start();
    CHECK(asks_for(get, "/fine_tuning/jobs/ftjob-1"));
    CHECK(get.retry.max_retries == api::RetryPolicy{}.max_retries);  // reads may be asked again

    const auto newest = flow.on_response(ok(job_json("running", 400)), 0, 0);
    REQUIRE(asks_for(newest, "/fine_tuning/jobs/ftjob-1/events?"));
    CHECK(newest.request.url.find("after=") == std::string::npos);
    CHECK(flow.tracked().job.trained_tokens == 400);
    CHECK(flow.changed());

    // A full page of news: the older page after its last event is read too.
    const auto older = flow.on_response(ok(page_json(true, {event_json("ev-4", 4, 0.4), event_json("ev-3", 3, 0.6)})), 0, 0);
    REQUIRE(asks_for(older, "/events?"));
    CHECK(older.request.url.find("after=ev-3") != std::string::npos);

    // This page reaches ev-1, known before the check: the news ends there.
    const auto checkpoints = flow.on_response(ok(page_json(true, {event_json("ev-2", 2, 0.8), event_json("ev-1", 1, 1.0)})), 0, 0);
    REQUIRE(asks_for(checkpoints, "/fine_tuning/jobs/ftjob-1/checkpoints"));

    REQUIRE(flow.on_response(ok(kCheckpoints), 0, 0).kind == Kind::Done);
    const TrackedJob& learnt = flow.tracked();
    REQUIRE(learnt.events.size() == 4);
    CHECK(learnt.events.front().id == "ev-4");
    CHECK(learnt.events.back().id == "ev-1");
    REQUIRE(learnt.metrics.size() == 4);
    CHECK(learnt.metrics[2].step == 3);
    CHECK(*learnt.metrics[2].train_loss == Approx(0.6));
    REQUIRE(learnt.checkpoints.size() == 1);
    CHECK(learnt.checkpoints[0].step == 4);
    CHECK(learnt.job.client_id == "tb-0001");  // the provider's answer had no metadata: ours is kept
    CHECK(flow.worth_saving());
    CHECK(flow.unchanged_checks() == 0);
    CHECK(*flow.next_check_seconds(5) == Approx(finetune::poll_delay(JobStatus::Running, 0, 5)));

    TrackedJob state = running_job();
    state.profile = "kept";
    flow.copy_learnt(state);
    CHECK(state.profile == "kept");
    CHECK(state.events.size() == 4);
    CHECK(state.job.trained_tokens == 400);
}

TEST_CASE("a check with no news ends after one events page and slows the next one down") {
    WatchJobFlow flow(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, running_job(), /*unchanged_checks=*/2);
    flow.start();
    REQUIRE(asks_for(flow.on_response(ok(job_json("running", 100)), 0, 0), "/events?"));
    // Nothing new, and no checkpoints asked for: nothing changed.
    REQUIRE(flow.on_response(ok(page_json(false, {event_json("ev-1", 1, 1.0)})), 0, 0).kind == Kind::Done);
    CHECK_FALSE(flow.changed());
    CHECK_FALSE(flow.worth_saving());
    CHECK(flow.unchanged_checks() == 3);
    CHECK(*flow.next_check_seconds(5) == Approx(40.0));  // 5 s doubled for each of the 3 checks without news

    WatchJobFlow slowest(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, running_job(), 4);
    slowest.start();
    slowest.on_response(ok(job_json("running", 100)), 0, 0);
    REQUIRE(slowest.on_response(ok(page_json(false, {})), 0, 0).kind == Kind::Done);
    CHECK(*slowest.next_check_seconds(5) == Approx(60.0));  // never longer than a minute
}

TEST_CASE("a job that cannot be read says why and keeps what was known") {
    WatchJobFlow flow(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, running_job());
    flow.start();
    const HttpResponse refused = answer(401, R"({"error":{"message":"Incorrect API key","code":"invalid_api_key"}})");
    REQUIRE(flow.on_response(refused, 0, 0).kind == Kind::Done);
    const std::string expected = api::describe(std::get<api::ApiError>(api::openai::parse_job(refused)));
    CHECK(flow.tracked().watch_error == expected);
    CHECK(flow.tracked().job.trained_tokens == 100);
    CHECK(flow.unchanged_checks() == 1);
}

TEST_CASE("events that cannot be read are said, and the checkpoints of a change are still read") {
    WatchJobFlow flow(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, running_job());
    flow.start();
    REQUIRE(asks_for(flow.on_response(ok(job_json("running", 250)), 0, 0), "/events?"));
    const HttpResponse lost = answer(502);
    const auto next = flow.on_response(lost, 0, 0);
    CHECK(asks_for(next, "/checkpoints"));
    CHECK(flow.tracked().watch_error ==
          "Reading the job's events failed: " + api::describe(std::get<api::ApiError>(api::openai::parse_events(lost))));
    // A later good check clears it.
    WatchJobFlow later(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, flow.tracked());
    later.start();
    later.on_response(ok(job_json("running", 250)), 0, 0);
    CHECK(later.tracked().watch_error.empty());
}

TEST_CASE("once the job succeeds, its result file completes the curves and is read once") {
    WatchJobFlow flow(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, running_job());
    flow.start();
    flow.on_response(ok(job_json("succeeded", 1000, R"(,"fine_tuned_model":"ft:mine","result_files":["file-res"])")), 0, 0);
    REQUIRE(asks_for(flow.on_response(ok(page_json(false, {})), 0, 0), "/checkpoints"));
    const auto result = flow.on_response(ok(kCheckpoints), 0, 0);
    REQUIRE(asks_for(result, "/files/file-res/content"));
    REQUIRE(flow.on_response(ok("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
                                "1,1.5,0.25,,\n"
                                "2,0.75,0.5,0.9,0.6\n"),
                             0, 0)
                .kind == Kind::Done);
    const TrackedJob& learnt = flow.tracked();
    CHECK(learnt.result_read);
    CHECK(learnt.watch_error.empty());
    REQUIRE(learnt.metrics.size() == 2);
    CHECK(learnt.metrics[0].step == 1);
    CHECK(*learnt.metrics[1].valid_loss == Approx(0.9));
    CHECK(learnt.job.fine_tuned_model == "ft:mine");
    CHECK_FALSE(flow.next_check_seconds(5));  // nothing left to watch

    // The next check of a job whose result is read asks for no file.
    WatchJobFlow again(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, learnt);
    again.start();
    again.on_response(ok(job_json("succeeded", 1000, R"(,"fine_tuned_model":"ft:mine","result_files":["file-res"])")), 0, 0);
    CHECK(again.on_response(ok(page_json(false, {})), 0, 0).kind == Kind::Done);
}

TEST_CASE("a result file that cannot be read, or is not a result file, is said and not asked for again") {
    TrackedJob succeeded = running_job();
    succeeded.job.status = JobStatus::Succeeded;
    succeeded.job.status_text = "succeeded";
    succeeded.job.result_files = {"file-res"};
    const std::string same = job_json("succeeded", 100, R"(,"result_files":["file-res"])");

    WatchJobFlow missing(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, succeeded);
    missing.start();
    missing.on_response(ok(same), 0, 0);
    // Nothing changed: no checkpoints, straight to the file still unread.
    REQUIRE(asks_for(missing.on_response(ok(page_json(false, {})), 0, 0), "/files/file-res/content"));
    REQUIRE(missing.on_response(answer(404), 0, 0).kind == Kind::Done);
    CHECK(missing.tracked().watch_error == "The result file could not be read (HTTP 404).");
    CHECK(missing.tracked().result_read);
    CHECK(missing.worth_saving());
    CHECK_FALSE(missing.next_check_seconds(5));

    const std::string bad = "step,train_loss\n1,0.5\nx,y\n";
    WatchJobFlow wrong(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, succeeded);
    wrong.start();
    wrong.on_response(ok(same), 0, 0);
    wrong.on_response(ok(page_json(false, {})), 0, 0);
    REQUIRE(wrong.on_response(ok(bad), 0, 0).kind == Kind::Done);
    const auto error = std::get<api::ResultMetricsError>(api::parse_result_metrics(bad));
    CHECK(wrong.tracked().watch_error == "The result file, line " + std::to_string(error.line) + ": " + error.message);
}

TEST_CASE("a succeeded job that cannot be read still has its result file read") {
    TrackedJob succeeded = running_job();
    succeeded.job.status = JobStatus::Succeeded;
    succeeded.job.result_files = {"file-res"};
    WatchJobFlow flow(api::fine_tune_api(api::Dialect::OpenAi), kEndpoint, succeeded);
    flow.start();
    CHECK(asks_for(flow.on_response(answer(503), 0, 0), "/files/file-res/content"));
    CHECK_FALSE(flow.tracked().watch_error.empty());
}
