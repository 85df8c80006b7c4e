#include "core/api/request_queue.h"

#include <algorithm>

namespace tb::api {

ConcurrencyLimiter& RequestQueue::limiter(const std::string& profile) {
    return limiters_.try_emplace(profile, max_).first->second;
}

void RequestQueue::push(const std::string& profile, int request) { waiting_[profile].push_back(request); }

bool RequestQueue::remove(const std::string& profile, int request) {
    auto& queue = waiting_[profile];
    const auto found = std::find(queue.begin(), queue.end(), request);
    if (found == queue.end()) return false;
    queue.erase(found);
    return true;
}

std::vector<int> RequestQueue::take_startable() {
    std::vector<int> startable;
    for (auto& [profile, queue] : waiting_) {
        ConcurrencyLimiter& gate = limiter(profile);
        while (!queue.empty() && gate.can_start()) {
            gate.started();
            startable.push_back(queue.front());
            queue.pop_front();
        }
    }
    return startable;
}

void RequestQueue::finished(const std::string& profile, bool rate_limited) { limiter(profile).finished(rate_limited); }

void RequestQueue::set_max(const std::string& profile, int max_in_flight) { limiter(profile).set_max(max_in_flight); }

int RequestQueue::in_flight(const std::string& profile) const {
    const auto found = limiters_.find(profile);
    return found == limiters_.end() ? 0 : found->second.in_flight();
}

int RequestQueue::limit(const std::string& profile) const {
    const auto found = limiters_.find(profile);
    return found == limiters_.end() ? max_ : found->second.limit();
}

std::size_t RequestQueue::waiting() const {
    std::size_t count = 0;
    for (const auto& entry : waiting_) count += entry.second.size();
    return count;
}

}  // namespace tb::api
