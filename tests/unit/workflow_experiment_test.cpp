#include <catch2/catch.hpp>

#include "core/text/json_text.h"
#include "core/workflow/experiment.h"

using namespace tb;

namespace {
workflow::State state_with_split() {
    workflow::State state;
    state.experiment_name = "Products";
    state.data.load.seed = 9;
    state.data.load.text_column = "Narrative";
    state.data.load.min_text_characters = 40;
    state.data.load.header_line = 3;
    state.data.load.families = data::LabelFamilies({{"Cards", {"Cards", "Credit card"}}});
    state.data.split_settings.train = 60;
    state.data.split_settings.balance = data::Balance::Proportional;
    state.data.split_settings.classes = {"A", "B"};
    workflow::Dataset dataset;
    dataset.file = {3, "complaints.csv", 1234, false};
    dataset.summary.header = {"Narrative", "Product"};
    dataset.summary.text_column = 0;
    dataset.summary.label_column = 1;
    dataset.summary.rows = 10;
    dataset.summary.header_line = 3;
    dataset.summary.header_line_by_hand = true;
    dataset.summary.duplicates_exact = false;
    dataset.summary.duplicates_remembered = 8;
    dataset.summary.duplicates_exact_to_row = 9;
    dataset.summary.classes = {{"A", 6, 5}, {"B", 4, 4}};
    dataset.summary.problems = {{"malformed quote", 3, 120, "A quote inside an unquoted field."}};
    dataset.summary.fingerprint = "00000000000004d2abcdef0123456789";
    dataset.summary.seed = 9;
    dataset.split.classes = {"A", "B"};
    dataset.split.train = {{2, 77, "A", {"first text, \"quoted\"\nsecond line", "A"}}};
    dataset.split.test = {{5, 12, "B", {"another", "B"}}};
    state.data.dataset = std::move(dataset);
    return state;
}
}  // namespace

TEST_CASE("an experiment survives a round trip through its JSON, file handle aside") {
    const workflow::State original = state_with_split();
    const nlohmann::json saved = workflow::experiment_to_json(original);
    workflow::State restored;
    REQUIRE(workflow::restore_experiment(restored, nlohmann::json::parse(saved.dump())).empty());

    CHECK(restored.experiment_name == "Products");
    CHECK(restored.data.load.seed == 9);
    CHECK(restored.data.load.text_column == "Narrative");
    CHECK(restored.data.load.min_text_characters == 40);
    CHECK(restored.data.load.header_line == 3);
    CHECK(restored.data.load.families.family_of("Credit card") == "Cards");
    CHECK(restored.data.split_settings.train == 60);
    CHECK(restored.data.split_settings.balance == data::Balance::Proportional);
    CHECK(restored.data.split_settings.classes == std::vector<std::string>{"A", "B"});

    REQUIRE(restored.data.dataset.has_value());
    const auto& dataset = *restored.data.dataset;
    CHECK(dataset.file.name == "complaints.csv");
    CHECK(dataset.file.handle == 0);  // the browser gives the file back only when asked
    CHECK(dataset.loader == nullptr);
    CHECK(dataset.summary.text_column == 0);
    CHECK(dataset.summary.label_column == 1);
    CHECK(dataset.summary.classes[1].label == "B");
    CHECK(dataset.summary.classes[1].with_text == 4);
    CHECK(dataset.summary.problems[0].byte == 120);
    CHECK(dataset.summary.header_line == 3);
    CHECK(data::header_notice(dataset.summary) == "Lines 1–2 were skipped: the header is on line 3 (set by hand).");
    CHECK(data::duplicates_notice(dataset.summary).find("first 8 distinct texts (to row 9)") != std::string::npos);
    CHECK(dataset.summary.fingerprint == "00000000000004d2abcdef0123456789");
    REQUIRE(dataset.split.train.size() == 1);
    CHECK(dataset.split.train[0].row == 2);
    CHECK(dataset.split.train[0].key == 77);
    CHECK(dataset.split.train[0].fields[0] == "first text, \"quoted\"\nsecond line");
    CHECK(dataset.split.test[0].label == "B");
}

TEST_CASE("a damaged or foreign document is refused and leaves the state alone") {
    workflow::State state = state_with_split();
    CHECK_FALSE(workflow::restore_experiment(state, nlohmann::json::array()).empty());
    CHECK_FALSE(workflow::restore_experiment(state, nlohmann::json{{"format", 99}}).empty());
    CHECK_FALSE(workflow::restore_experiment(state, nlohmann::json{{"format", 1}, {"dataset", {{"file", {}}}}}).empty());
    CHECK(state.experiment_name == "Products");
    CHECK(state.data.dataset->file.handle == 3);

    // Wrong types are skipped field by field, not trusted.
    workflow::State other;
    REQUIRE(workflow::restore_experiment(other, nlohmann::json::parse(
        R"({"format":1,"name":7,"load":{"seed":"x","minTextCharacters":-3},"splitSettings":{"train":"many"}})")).empty());
    CHECK(other.experiment_name == "Untitled experiment");
    CHECK(other.data.load.seed == 1);
    CHECK(other.data.load.min_text_characters == 1);
    CHECK(other.data.split_settings.train == 100);

    // A header line is a line number or automatic (0): anything else is automatic.
    for (const char* bad : {R"("3")", "-2", "2.5", "1000001", "true"}) {
        workflow::State loaded;
        const std::string text = std::string(R"({"format":1,"load":{"headerLine":)") + bad + "}}";
        REQUIRE(workflow::restore_experiment(loaded, nlohmann::json::parse(text)).empty());
        CHECK(loaded.data.load.header_line == 0);
    }
    workflow::State typed;
    REQUIRE(workflow::restore_experiment(typed, nlohmann::json::parse(R"({"format":1,"load":{"headerLine":12}})")).empty());
    CHECK(typed.data.load.header_line == 12);
}

TEST_CASE("an experiment nested 100,000 levels deep is refused when read, with a message saying so") {
    // The 200 KB file that overflowed the stack when it was copied during the import.
    const std::string deep = R"({"format":1,"name":"deep","evaluation":{"evaluations":[{"candidate":{},"answers":)" +
                             std::string(100000, '[') + std::string(100000, ']') + "}]}}";
    const text::ParsedJson parsed = text::parse_json(deep);
    CHECK_FALSE(parsed.ok());
    CHECK(parsed.problem == "it is nested deeper than 64 levels, the most Tuneboard reads");
}

TEST_CASE("restored settings out of range are the defaults, never what would be trained or sent") {
    workflow::State state;
    REQUIRE(workflow::restore_experiment(state, nlohmann::json::parse(R"({"format":1,
        "localModel":{"settings":{"dim":2000000000,"epochs":3},
                      "model":{"candidate":"local x","hyperparameters":{"dim":-4},"curve":{"progress":[0.5],"epoch":[1],"loss":[2],"examples":[3]}}},
        "fineTune":{"settings":{"nEpochs":1e300,"batchSize":-2,"learningRateMultiplier":0.5},"checkSeconds":1e300}})")).empty());
    CHECK(state.local.settings == train::Hyperparameters{});
    CHECK(state.local.auto_epochs);  // the defaults: epochs follow the rows
    CHECK(state.local.facts.hp == train::Hyperparameters{});
    CHECK(state.local.facts.curve.size() == 1);
    CHECK_FALSE(state.finetune.settings.hyperparameters.n_epochs);
    CHECK_FALSE(state.finetune.settings.hyperparameters.batch_size);
    CHECK(state.finetune.settings.hyperparameters.learning_rate_multiplier == 0.5);
    CHECK(state.finetune.check_seconds == workflow::FineTuneState{}.check_seconds);
}
