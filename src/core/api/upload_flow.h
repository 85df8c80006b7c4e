#pragma once

#include <optional>
#include <string>

#include "core/api/fine_tune_api.h"
#include "core/api/flow.h"
#include "core/api/upload_cache.h"

namespace tb::api {

// Uploads one training or validation file, unless the provider has these very bytes already: a file
// this experiment uploaded before is reused without any request (and stored and billed once).
class UploadFlow : public Flow {
public:
    // `name`: the file's name at the provider ("training.jsonl"); `boundary_seed` spreads the multipart
    // boundaries of two uploads apart. The cache is only read here, at construction.
    UploadFlow(const FineTuneApi& api, Endpoint endpoint, std::string profile, std::string name, std::string content,
               unsigned long long boundary_seed, const UploadCache& cache);

    FlowStep start() override;
    FlowStep on_response(const HttpResponse& response, double now_epoch_seconds, double jitter) override;
    // An upload never waits (the runner retries it as the default policy says).
    FlowStep resume() override;

    // Once Done: the provider's id of the file.
    const std::string& file_id() const { return file_id_; }
    // Once Done after an upload (not a cache hit): what the upload cache is to remember.
    const std::optional<UploadRecord>& uploaded() const { return uploaded_; }

private:
    FineTuneApi api_;
    Endpoint endpoint_;
    std::string profile_;
    std::string name_;
    std::string content_;
    unsigned long long boundary_seed_;
    std::string file_id_;
    std::optional<UploadRecord> uploaded_;
};

}  // namespace tb::api
