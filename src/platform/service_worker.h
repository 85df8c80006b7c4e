#pragma once

#include <string>
#include <vector>

namespace tb::platform {

// The page's service worker (web/service-worker.js) keeps the answers of requests sent with a replay key
// (api::HttpRequest::replay_key) until the page releases them, and answers the same key again from
// there: an answer that was in flight when the page went away is not lost, nor asked for twice.

// Whether a service worker controls this page, so that replay keys are honoured (not from file://, nor
// on the first load of a browser before the worker has started).
bool service_worker_controls_page();

// The page has saved these answers: the worker forgets them.
void release_answers(const std::vector<std::string>& keys);

}  // namespace tb::platform
