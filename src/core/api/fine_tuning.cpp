#include "core/api/fine_tuning.h"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace tb::api {

std::string_view job_status_key(JobStatus status) {
    static constexpr std::array<std::string_view, 9> kKeys = {
        "validating_files", "queued", "running", "pausing", "paused", "succeeded", "failed", "cancelled", "unknown"};
    return kKeys[static_cast<std::size_t>(status)];
}

bool is_final(JobStatus status) {
    return status == JobStatus::Succeeded || status == JobStatus::Failed || status == JobStatus::Cancelled;
}

void merge_events(std::vector<JobEvent>& known, const std::vector<JobEvent>& page) {
    std::unordered_set<std::string> ids;
    for (const JobEvent& event : known) ids.insert(event.id);
    for (const JobEvent& event : page) {
        if (ids.insert(event.id).second) known.push_back(event);
    }
    // Newest first; events within one second keep the order they arrived in.
    std::stable_sort(known.begin(), known.end(), [](const JobEvent& a, const JobEvent& b) {
        return a.created_at != b.created_at ? a.created_at > b.created_at : false;
    });
}

const Job* find_job_by_client_id(const std::vector<Job>& jobs, const std::string& client_id) {
    if (client_id.empty()) return nullptr;
    const auto found = std::find_if(jobs.begin(), jobs.end(), [&](const Job& job) { return job.client_id == client_id; });
    return found == jobs.end() ? nullptr : &*found;
}

}  // namespace tb::api
