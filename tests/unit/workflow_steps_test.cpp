#include <catch2/catch.hpp>

#include "core/workflow/steps.h"

using namespace tb::workflow;

TEST_CASE("each step's Next action leads to the step after it, and the last has none", "[workflow]") {
    for (std::size_t i = 0; i + 1 < kSteps.size(); ++i) {
        const auto next = next_step(kSteps[i]);
        REQUIRE(next);
        CHECK(next->step == kSteps[i + 1]);
        CHECK(next->action.starts_with("Next: "));
    }
    CHECK_FALSE(next_step(kSteps.back()));
    CHECK(next_step(Step::Evaluate)->action == "Next: compare the results");
}
