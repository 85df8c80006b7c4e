#include <catch2/catch.hpp>

#include "core/api/request_queue.h"

using tb::api::RequestQueue;

TEST_CASE("requests start in order, up to each profile's limit, profiles apart") {
    RequestQueue queue(2);
    for (int id = 1; id <= 5; ++id) queue.push("openai", id);
    queue.push("ollama", 10);
    CHECK(queue.take_startable() == std::vector<int>{10, 1, 2});  // profiles in name order, each FIFO
    CHECK(queue.take_startable().empty());
    CHECK(queue.in_flight("openai") == 2);
    CHECK(queue.waiting() == 3);
    queue.finished("openai", false);
    CHECK(queue.take_startable() == std::vector<int>{3});
}

TEST_CASE("a 429 leaves fewer requests in flight until successes win places back") {
    RequestQueue queue(4);
    for (int id = 1; id <= 10; ++id) queue.push("p", id);
    CHECK(queue.take_startable().size() == 4);
    queue.finished("p", true);  // limit 4 → 2, with 3 still in flight
    CHECK(queue.limit("p") == 2);
    CHECK(queue.take_startable().empty());
    queue.finished("p", false);
    queue.finished("p", false);
    CHECK(queue.in_flight("p") == 1);
    CHECK(queue.take_startable().size() == 1);  // back to the (slowly growing) limit
}
