#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tb::api {

// One job model for every provider; each dialect maps its own statuses onto these.
enum class JobStatus { ValidatingFiles, Queued, Running, Pausing, Paused, Succeeded, Failed, Cancelled, Unknown };

std::string_view job_status_key(JobStatus status);  // "validating_files", … (OpenAI's names)
bool is_final(JobStatus status);                      // succeeded, failed or cancelled

// A hyperparameter is "auto" (nullopt) or a number.
struct Hyperparameters {
    std::optional<double> n_epochs, batch_size, learning_rate_multiplier;
};
// Every hyperparameter is above 0 and at most this: more is a typo, and integers made of it stay defined.
inline constexpr double kMaxHyperparameter = 1e6;

struct CreateJob {
    std::string model;
    std::string training_file;
    std::string validation_file;  // empty: none
    std::string suffix;           // ≤ 64 characters
    std::optional<std::int64_t> seed;
    Hyperparameters hyperparameters;
    // Made by Tuneboard and sent in metadata: after an ambiguous failure the job is found by it, so a
    // retry never creates (and bills) a second job.
    std::string client_id;
};

struct JobError {
    std::string code, message, param;
};

struct Job {
    std::string id;
    std::string model;
    JobStatus status = JobStatus::Unknown;
    std::string status_text;  // the provider's own word for it
    std::string fine_tuned_model;
    std::string training_file, validation_file;
    std::vector<std::string> result_files;
    std::int64_t created_at = 0, finished_at = 0, estimated_finish = 0;
    std::int64_t trained_tokens = 0;
    std::string client_id;  // from metadata, when the job was created by Tuneboard
    std::optional<JobError> error;
};

// Training metrics of one step; a value the provider did not give is NaN-free: absent.
struct StepMetrics {
    std::int64_t step = 0;
    std::int64_t total_steps = 0;
    std::optional<double> train_loss, train_accuracy, valid_loss, valid_accuracy, full_valid_loss, full_valid_accuracy;
};

struct JobEvent {
    std::string id;
    std::int64_t created_at = 0;
    std::string level;  // info, warn, error
    std::string message;
    std::optional<StepMetrics> metrics;
};

struct Checkpoint {
    std::string id;
    std::string model;  // callable: fine_tuned_model_checkpoint
    std::int64_t step = 0;
    StepMetrics metrics;
};

struct ModelInfo {
    std::string id;
    std::string owned_by;
    std::int64_t created = 0;
    std::optional<std::string> shutdown_date;  // "2027-01-14": when the provider says it will go
};

struct UploadedFile {
    std::string id;
    std::int64_t bytes = 0;
    std::string filename;
    std::string purpose;
};

// Events arrive newest first, a page at a time, and pages overlap: merged by id, newest first.
void merge_events(std::vector<JobEvent>& known, const std::vector<JobEvent>& page);

// The job created with `client_id`, among `jobs` (a list fetched after an ambiguous failure).
const Job* find_job_by_client_id(const std::vector<Job>& jobs, const std::string& client_id);

}  // namespace tb::api
