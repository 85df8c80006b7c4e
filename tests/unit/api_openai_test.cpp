#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http_fixtures.h"

#include "core/api/openai_dialect.h"

using namespace tb::api;
using tb::api::testing::ok;
using nlohmann::json;

namespace {
const Endpoint kOpenAi{"https://api.openai.com/v1/", "sk-test", false};
const Endpoint kAzure{"https://res.openai.azure.com/openai/v1", "azure-key", true};

std::string header(const HttpRequest& request, const std::string& name) {
    for (const auto& [key, value] : request.headers) {
        if (same_header_name(key, name)) return value;
    }
    return "(none)";
}

// A fine_tuning.job as the spec describes it (every required field present).
const char* kJob = R"({
  "object": "fine_tuning.job", "id": "ftjob-abc123", "model": "gpt-4o-mini-2024-07-18",
  "created_at": 1721764800, "finished_at": null, "fine_tuned_model": null, "organization_id": "org-123",
  "result_files": [], "status": "running", "validation_file": "file-val", "training_file": "file-train",
  "hyperparameters": {"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 1.8},
  "trained_tokens": null, "seed": 42, "estimated_finish": 1721765800, "error": null,
  "metadata": {"tuneboard_id": "tb-7f3a"},
  "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}}
})";
}  // namespace

TEST_CASE("requests carry only the key header and Content-Type, at the right URL") {
    const HttpRequest models = openai::list_models(kOpenAi);
    CHECK(models.method == "GET");
    CHECK(models.url == "https://api.openai.com/v1/models");
    CHECK(models.headers.size() == 1);
    CHECK(header(models, "Authorization") == "Bearer sk-test");

    const HttpRequest azure = openai::get_job(kAzure, "ftjob-1");
    CHECK(azure.url == "https://res.openai.azure.com/openai/v1/fine_tuning/jobs/ftjob-1");
    CHECK(header(azure, "api-key") == "azure-key");
    CHECK(header(azure, "Authorization") == "(none)");

    CHECK(openai::list_events(kOpenAi, "ftjob-1", "", 50).url ==
          "https://api.openai.com/v1/fine_tuning/jobs/ftjob-1/events?limit=50");
    CHECK(openai::list_events(kOpenAi, "ftjob-1", "ftevent-9", 50).url ==
          "https://api.openai.com/v1/fine_tuning/jobs/ftjob-1/events?limit=50&after=ftevent-9");
    CHECK(openai::cancel_job(kOpenAi, "ftjob-1").method == "POST");
    CHECK(join_url("http://localhost:11434/v1//", "/models") == "http://localhost:11434/v1/models");
}

TEST_CASE("creating a job uses method.supervised hyperparameters and the client id in metadata") {
    CreateJob job;
    job.model = "gpt-4o-mini-2024-07-18";
    job.training_file = "file-train";
    job.validation_file = "file-val";
    job.suffix = "cfpb";
    job.seed = 42;
    job.hyperparameters.n_epochs = 3;
    job.hyperparameters.learning_rate_multiplier = 1.8;
    job.client_id = "tb-7f3a";
    const HttpRequest request = openai::create_job(kOpenAi, job);
    CHECK(request.method == "POST");
    CHECK(request.url == "https://api.openai.com/v1/fine_tuning/jobs");
    CHECK(header(request, "Content-Type") == "application/json");
    const json body = json::parse(request.body);
    CHECK(body["model"] == "gpt-4o-mini-2024-07-18");
    CHECK(body["training_file"] == "file-train");
    CHECK(body["validation_file"] == "file-val");
    CHECK(body["suffix"] == "cfpb");
    CHECK(body["seed"] == 42);
    CHECK(body["metadata"]["tuneboard_id"] == "tb-7f3a");
    CHECK_FALSE(body.contains("hyperparameters"));  // deprecated at the top level
    const json& hyper = body["method"]["supervised"]["hyperparameters"];
    CHECK(body["method"]["type"] == "supervised");
    CHECK(hyper["n_epochs"] == 3);
    CHECK(hyper["n_epochs"].is_number_integer());
    CHECK(hyper["batch_size"] == "auto");
    CHECK(hyper["learning_rate_multiplier"] == 1.8);

    CreateJob bare;
    bare.model = "m";
    bare.training_file = "f";
    const json minimal = json::parse(openai::create_job(kOpenAi, bare).body);
    CHECK_FALSE(minimal.contains("validation_file"));
    CHECK_FALSE(minimal.contains("metadata"));
    CHECK_FALSE(minimal.contains("seed"));
}

TEST_CASE("an upload is multipart with purpose fine-tune and the JSONL as the file") {
    const std::string jsonl = "{\"messages\":[]}\n";
    const HttpRequest request = openai::upload_file(kOpenAi, "train.jsonl", jsonl, 1);
    CHECK(request.url == "https://api.openai.com/v1/files");
    const std::string type = header(request, "Content-Type");
    REQUIRE(type.rfind("multipart/form-data; boundary=", 0) == 0);
    const std::string boundary = type.substr(std::string("multipart/form-data; boundary=").size());
    CHECK(request.body.find("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n") == 0);
    CHECK(request.body.find("filename=\"train.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n") !=
          std::string::npos);
    CHECK(request.body.size() >= boundary.size() + 6);
    CHECK(request.body.substr(request.body.size() - boundary.size() - 6) == "--" + boundary + "--\r\n");
}

TEST_CASE("a job, a job list and a file are read from spec-shaped answers") {
    const auto job = openai::parse_job(ok(kJob));
    REQUIRE(value_of(job));
    const Job& j = *value_of(job);
    CHECK(j.id == "ftjob-abc123");
    CHECK(j.status == JobStatus::Running);
    CHECK(j.status_text == "running");
    CHECK(j.fine_tuned_model.empty());
    CHECK(j.estimated_finish == 1721765800);
    CHECK(j.client_id == "tb-7f3a");
    CHECK_FALSE(j.error.has_value());

    const auto jobs = openai::parse_jobs(ok(std::string(R"({"object":"list","has_more":false,"data":[)") + kJob + "]}"));
    REQUIRE(value_of(jobs));
    REQUIRE(value_of(jobs)->size() == 1);
    CHECK(find_job_by_client_id(*value_of(jobs), "tb-7f3a") == &(*value_of(jobs))[0]);
    CHECK(find_job_by_client_id(*value_of(jobs), "tb-other") == nullptr);
    CHECK(find_job_by_client_id(*value_of(jobs), "") == nullptr);

    const auto failed = openai::parse_job(ok(
        R"({"id":"ftjob-2","status":"failed","error":{"code":"invalid_training_file","message":"Line 3 has no assistant message","param":"training_file"}})"));
    REQUIRE(value_of(failed));
    REQUIRE(value_of(failed)->error);
    CHECK(value_of(failed)->status == JobStatus::Failed);
    CHECK(value_of(failed)->error->code == "invalid_training_file");

    const auto file = openai::parse_file(ok(
        R"({"id":"file-abc","object":"file","bytes":120000,"created_at":1677610602,"filename":"train.jsonl","purpose":"fine-tune","status":"processed"})"));
    REQUIRE(value_of(file));
    CHECK(value_of(file)->id == "file-abc");
    CHECK(value_of(file)->bytes == 120000);
}

TEST_CASE("events pages are read and merged by id, newest first") {
    const auto page = openai::parse_events(ok(R"({"object":"list","has_more":true,"data":[
      {"object":"fine_tuning.job.event","id":"ev-3","created_at":30,"level":"info","message":"Step 2/10: training loss=1.20","type":"metrics",
       "data":{"step":2,"total_steps":10,"train_loss":1.2,"train_mean_token_accuracy":0.61,"valid_loss":1.4,"valid_mean_token_accuracy":0.55}},
      {"object":"fine_tuning.job.event","id":"ev-2","created_at":20,"level":"info","message":"Fine-tuning job started","type":"message"}]})"));
    REQUIRE(value_of(page));
    CHECK(value_of(page)->has_more);
    const auto& events = value_of(page)->events;
    REQUIRE(events.size() == 2);
    REQUIRE(events[0].metrics);
    CHECK(events[0].metrics->step == 2);
    CHECK(events[0].metrics->total_steps == 10);
    CHECK(*events[0].metrics->train_loss == Approx(1.2));
    CHECK(*events[0].metrics->valid_accuracy == Approx(0.55));
    CHECK_FALSE(events[0].metrics->full_valid_loss);
    CHECK_FALSE(events[1].metrics);

    std::vector<JobEvent> known = {{"ev-1", 10, "info", "Validating training file", {}}, {"ev-2", 20, "info", "started", {}}};
    merge_events(known, events);
    REQUIRE(known.size() == 3);
    CHECK(known[0].id == "ev-3");
    CHECK(known[1].id == "ev-2");
    CHECK(known[2].id == "ev-1");
    merge_events(known, events);
    CHECK(known.size() == 3);
}

TEST_CASE("checkpoints and models, with a shutdown date, are read") {
    const auto checkpoints = openai::parse_checkpoints(ok(R"({"object":"list","has_more":false,"data":[
      {"object":"fine_tuning.job.checkpoint","id":"ftckpt_1","created_at":1,"fine_tuning_job_id":"ftjob-1",
       "fine_tuned_model_checkpoint":"ft:gpt-4o-mini:org:cfpb:abc:ckpt-step-88","step_number":88,
       "metrics":{"step":88,"train_loss":0.21,"train_mean_token_accuracy":0.93,"full_valid_loss":0.3,"full_valid_mean_token_accuracy":0.9}}]})"));
    REQUIRE(value_of(checkpoints));
    REQUIRE(value_of(checkpoints)->size() == 1);
    const Checkpoint& checkpoint = (*value_of(checkpoints))[0];
    CHECK(checkpoint.model == "ft:gpt-4o-mini:org:cfpb:abc:ckpt-step-88");
    CHECK(checkpoint.step == 88);
    CHECK(*checkpoint.metrics.full_valid_accuracy == Approx(0.9));

    const auto models = openai::parse_models(ok(R"({"object":"list","data":[
      {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system","shutdown_date":"2027-01-14"},
      {"id":"gpt-4.1","object":"model","created":1744316542,"owned_by":"system","shutdown_date":null},
      {"object":"model"}]})"));
    REQUIRE(value_of(models));
    REQUIRE(value_of(models)->size() == 2);
    CHECK((*value_of(models))[0].shutdown_date == std::optional<std::string>("2027-01-14"));
    CHECK_FALSE((*value_of(models))[1].shutdown_date);
}

TEST_CASE("failures come back as the provider's error, and nonsense as a clear one") {
    HttpResponse refused;
    refused.status = 401;
    refused.body = R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})";
    const auto job = openai::parse_job(refused);
    REQUIRE(std::holds_alternative<ApiError>(job));
    CHECK(std::get<ApiError>(job).code == "invalid_api_key");

    const auto garbled = openai::parse_models(ok("<html>proxy login</html>"));
    REQUIRE(std::holds_alternative<ApiError>(garbled));
    CHECK(std::get<ApiError>(garbled).message.find("not the JSON") != std::string::npos);
}

TEST_CASE("a result file is read whether it comes base64-encoded or as the CSV itself") {
    const std::string csv = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,1.2,0.6,,\n2,0.9,0.7,1.0,0.66\n";
    CHECK(openai::result_file_text(csv) == csv);
    // The same CSV, base64 as OpenAI serves it (line-wrapped, padded).
    const std::string encoded =
        "c3RlcCx0cmFpbl9sb3NzLHRyYWluX2FjY3VyYWN5LHZhbGlkX2xvc3MsdmFsaWRfbWVhbl90b2tl\n"
        "bl9hY2N1cmFjeQoxLDEuMiwwLjYsLAoyLDAuOSwwLjcsMS4wLDAuNjYK";
    CHECK(openai::result_file_text(encoded) == csv);
    CHECK_FALSE(openai::result_file_text("<html>not it</html>").has_value());
    CHECK(openai::get_file(kOpenAi, "file-r").url == "https://api.openai.com/v1/files/file-r");
    CHECK(openai::file_content(kOpenAi, "file-r").url == "https://api.openai.com/v1/files/file-r/content");
}
