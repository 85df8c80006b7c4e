#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http_fixtures.h"

#include "core/api/together_dialect.h"

using namespace tb::api;
using tb::api::testing::ok;
using nlohmann::json;

namespace {
const Endpoint kTogether{"https://api.together.ai/v1", "tg-key", false};
}  // namespace

TEST_CASE("Together's statuses map onto the one job model") {
    CHECK(together::status_from("pending") == JobStatus::Queued);
    CHECK(together::status_from("queued") == JobStatus::Queued);
    CHECK(together::status_from("running") == JobStatus::Running);
    CHECK(together::status_from("compressing") == JobStatus::Running);
    CHECK(together::status_from("uploading") == JobStatus::Running);
    CHECK(together::status_from("cancel_requested") == JobStatus::Running);
    CHECK(together::status_from("cancelled") == JobStatus::Cancelled);
    CHECK(together::status_from("error") == JobStatus::Failed);
    CHECK(together::status_from("completed") == JobStatus::Succeeded);
    CHECK(together::status_from("exploded") == JobStatus::Unknown);
}

TEST_CASE("Together requests: upload with file_name, a job with its own fields, the client id as suffix") {
    const HttpRequest upload = together::upload_file(kTogether, "train.jsonl", "{}\n", 3);
    CHECK(upload.url == "https://api.together.ai/v1/files/upload");
    CHECK(upload.body.find("name=\"file_name\"\r\n\r\ntrain.jsonl\r\n") != std::string::npos);
    CHECK(upload.body.find("name=\"purpose\"\r\n\r\nfine-tune\r\n") != std::string::npos);

    CreateJob job;
    job.model = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";
    job.training_file = "file-1";
    job.validation_file = "file-2";
    job.hyperparameters.n_epochs = 3;
    job.hyperparameters.learning_rate_multiplier = 2;
    job.client_id = "tb-7f3a";
    const HttpRequest create = together::create_job(kTogether, job);
    CHECK(create.url == "https://api.together.ai/v1/fine-tunes");
    const json body = json::parse(create.body);
    CHECK(body["n_epochs"] == 3);
    CHECK(body["learning_rate"] == Approx(2e-5));
    CHECK(body["suffix"] == "tb-7f3a");
    CHECK(body["validation_file"] == "file-2");
    CHECK_FALSE(body.contains("batch_size"));  // "auto": Together's default
    CHECK(together::cancel_job(kTogether, "ft-1").url == "https://api.together.ai/v1/fine-tunes/ft-1/cancel");
    CHECK(together::metrics(kTogether, "ft-1").url == "https://api.together.ai/v1/fine-tunes/ft-1/metrics");
}

TEST_CASE("Together jobs, events and metrics are read") {
    const auto job = together::parse_job(ok(R"({"id":"ft-0123","status":"completed","created_at":"2023-05-17T17:35:45.123Z",
      "updated_at":"2023-05-17T18:46:23.456Z","token_count":850000,"model":"meta-llama/Llama-2-7b-hf",
      "output_name":"me/Llama-2-7b-hf-tb-7f3a","training_file":"file-1","suffix":"tb-7f3a"})"));
    REQUIRE(value_of(job));
    CHECK(value_of(job)->status == JobStatus::Succeeded);
    CHECK(value_of(job)->fine_tuned_model == "me/Llama-2-7b-hf-tb-7f3a");
    CHECK(value_of(job)->created_at == 1684344945);
    CHECK(value_of(job)->finished_at == 1684349183);
    CHECK(value_of(job)->trained_tokens == 850000);
    CHECK(value_of(job)->client_id == "tb-7f3a");

    const auto events = together::parse_events(ok(R"({"data":[
      {"object":"fine-tune-event","created_at":"2023-05-17T17:35:45Z","message":"Job queued","type":"job_pending","level":null},
      {"object":"fine-tune-event","created_at":"2023-05-17T17:36:00Z","message":"Training started","type":"job_start","hash":"h2"}]})"));
    REQUIRE(value_of(events));
    REQUIRE(value_of(events)->size() == 2);
    CHECK((*value_of(events))[0].level == "info");
    CHECK((*value_of(events))[0].id == "1684344945|job_pending|Job queued");
    CHECK((*value_of(events))[1].id == "h2");

    const auto metrics = together::parse_metrics(ok(R"({"metrics":[
      {"train/loss":1.5,"train/learning_rate":1e-5,"train/global_step":1},
      {"eval/loss":1.7,"train/global_step":10}]})"));
    REQUIRE(value_of(metrics));
    REQUIRE(value_of(metrics)->size() == 2);
    CHECK(*(*value_of(metrics))[0].train_loss == Approx(1.5));
    CHECK_FALSE((*value_of(metrics))[0].valid_loss);
    CHECK((*value_of(metrics))[1].step == 10);
    CHECK(*(*value_of(metrics))[1].valid_loss == Approx(1.7));
    CHECK_FALSE((*value_of(metrics))[1].train_accuracy);
}
