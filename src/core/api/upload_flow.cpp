#include "core/api/upload_flow.h"

#include <utility>

#include "core/text/format.h"

namespace tb::api {

UploadFlow::UploadFlow(const FineTuneApi& api, Endpoint endpoint, std::string profile, std::string name,
                       std::string content, unsigned long long boundary_seed, const UploadCache& cache)
    : api_(api),
      endpoint_(std::move(endpoint)),
      profile_(std::move(profile)),
      name_(std::move(name)),
      content_(std::move(content)),
      boundary_seed_(boundary_seed) {
    if (const UploadRecord* known = cache.find(profile_, content_)) file_id_ = known->file_id;
}

FlowStep UploadFlow::start() {
    if (!file_id_.empty()) return FlowStep::done();  // the provider has these very bytes already
    return FlowStep::send(api_.upload(endpoint_, name_, content_, boundary_seed_), RetryPolicy{},
                          "Uploading " + name_ + " (" + text::format_bytes(content_.size()) + ")…");
}

FlowStep UploadFlow::resume() { return start(); }

FlowStep UploadFlow::on_response(const HttpResponse& response, double, double) {
    auto file = api_.parse_upload(response);
    if (auto* error = std::get_if<ApiError>(&file)) return FlowStep::failed(std::move(*error));
    file_id_ = std::get<UploadedFile>(file).id;
    uploaded_ = UploadRecord{profile_, UploadCache::hash_of(content_), file_id_, content_.size()};
    return FlowStep::done();
}

}  // namespace tb::api
