#include <catch2/catch.hpp>

#include "core/workflow/intents.h"
#include "core/workflow/steps.h"

using namespace tb::workflow;

TEST_CASE("every step has a label and a key that maps back to it") {
    for (Step step : kSteps) {
        CHECK_FALSE(step_label(step).empty());
        REQUIRE(step_from_key(step_key(step)).has_value());
        CHECK(*step_from_key(step_key(step)) == step);
    }
    CHECK(step_label(Step::FineTune) == "Fine-tune");
    CHECK(step_key(Step::FineTune) == "fine_tune");
    CHECK_FALSE(step_from_key("Fine-tune").has_value());
}

TEST_CASE("selecting a step changes the state and leaves the status line as it was") {
    State state;
    state.set_status(Status::Level::Info, "Read demo.csv.");
    const int serial = state.status.serial;
    apply(state, SelectStep{Step::Evaluate});
    CHECK(state.step == Step::Evaluate);
    // The step bar shows the step: "Evaluate step" in the status line would be filler.
    CHECK(state.status.text == "Read demo.csv.");
    CHECK(state.status.serial == serial);
    apply(state, SelectStep{Step::Evaluate});
    CHECK(state.status.serial == serial);
    CHECK(to_json(state)["step"] == "evaluate");
}

TEST_CASE("renaming trims, refuses an empty name and cuts long names between characters") {
    State state;
    apply(state, RenameExperiment{"  CFPB products  "});
    CHECK(state.experiment_name == "CFPB products");
    apply(state, RenameExperiment{"   "});
    CHECK(state.experiment_name == "CFPB products");
    std::string long_name(119, 'a');
    long_name += "é";  // two bytes, straddling the 120-byte limit
    apply(state, RenameExperiment{long_name});
    CHECK(state.experiment_name == std::string(119, 'a'));
    CHECK(to_json(state)["experimentName"] == std::string(119, 'a'));
}
