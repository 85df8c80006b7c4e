#include "core/workflow/experiment.h"

#include <utility>

#include "core/text/json_fields.h"
#include "core/workflow/split_results.h"

namespace tb::workflow {

namespace {

constexpr int kFormat = 1;
// A header further down than this is no header line a person typed: automatic instead.
constexpr std::uint64_t kMaxHeaderLine = 1000000;

}  // namespace

nlohmann::json to_json(const data::LoadSettings& settings) {
    return {{"textColumn", settings.text_column},
            {"labelColumn", settings.label_column},
            {"families", data::to_json(settings.families)},
            {"seed", settings.seed},
            {"sampleCapacity", settings.sample_capacity},
            {"minTextCharacters", settings.min_text_characters},
            {"dropDuplicates", settings.drop_duplicates},
            {"headerLine", settings.header_line},
            {"keepColumns", settings.keep_columns}};
}

data::LoadSettings load_settings_from_json(const nlohmann::json& json) {
    data::LoadSettings settings;
    text::read_field(json, "textColumn", settings.text_column);
    text::read_field(json, "labelColumn", settings.label_column);
    if (json.is_object() && json.contains("families")) settings.families = data::label_families_from_json(json["families"]);
    text::read_field(json, "seed", settings.seed);
    text::read_field(json, "sampleCapacity", settings.sample_capacity);
    text::read_field(json, "minTextCharacters", settings.min_text_characters);
    text::read_field(json, "dropDuplicates", settings.drop_duplicates);
    text::read_field(json, "keepColumns", settings.keep_columns);
    text::read_field(json, "headerLine", settings.header_line);
    if (settings.header_line > kMaxHeaderLine) settings.header_line = 0;
    return settings;
}

nlohmann::json to_json(const data::SplitSettings& settings) {
    return {{"train", settings.train},
            {"validation", settings.validation},
            {"test", settings.test},
            {"balance", settings.balance == data::Balance::Balanced ? "balanced" : "proportional"},
            {"topK", settings.top_k},
            {"classes", settings.classes}};
}

data::SplitSettings split_settings_from_json(const nlohmann::json& json) {
    data::SplitSettings settings;
    text::read_field(json, "train", settings.train);
    text::read_field(json, "validation", settings.validation);
    text::read_field(json, "test", settings.test);
    std::string balance = "balanced";
    text::read_field(json, "balance", balance);
    settings.balance = balance == "proportional" ? data::Balance::Proportional : data::Balance::Balanced;
    text::read_field(json, "topK", settings.top_k);
    text::read_field(json, "classes", settings.classes);
    return settings;
}

nlohmann::json experiment_to_json(const State& state, bool with_evaluation) {
    nlohmann::json json = {{"format", kFormat},
                           {"name", state.experiment_name},
                           {"load", to_json(state.data.load)},
                           {"splitSettings", to_json(state.data.split_settings)},
                           {"fineTune", to_json(state.finetune)},
                           {"localModel", to_json(state.local)}};
    if (with_evaluation) json["evaluation"] = to_json(state.eval);
    if (const auto& dataset = state.data.dataset) {
        json["dataset"] = {{"file", {{"name", dataset->file.name},
                                     {"bytes", dataset->file.bytes},
                                     {"synthetic", dataset->file.synthetic}}},
                           {"summary", data::to_json(dataset->summary)},
                           {"split", data::to_json(dataset->split, dataset->summary.seed, true)}};
    }
    return json;
}

std::string restore_experiment(State& state, const nlohmann::json& json) {
    if (!json.is_object()) return "The saved experiment is not a JSON object.";
    int format = 0;
    text::read_field(json, "format", format);
    if (format != kFormat) return "The saved experiment has format " + std::to_string(format) + ", not " + std::to_string(kFormat) + ".";
    State restored;
    text::read_field(json, "name", restored.experiment_name);
    if (json.contains("load")) restored.data.load = load_settings_from_json(json["load"]);
    if (json.contains("splitSettings")) restored.data.split_settings = split_settings_from_json(json["splitSettings"]);
    if (json.contains("fineTune")) restore_finetune(restored.finetune, json["fineTune"]);
    if (json.contains("localModel")) restore_local_model(restored.local, json["localModel"]);
    const bool has_evaluation = json.contains("evaluation");
    if (has_evaluation) restore_eval(restored.eval, json["evaluation"]);
    if (json.contains("dataset") && json["dataset"].is_object()) {
        const auto& saved = json["dataset"];
        Dataset dataset;
        if (saved.contains("file")) {
            text::read_field(saved["file"], "name", dataset.file.name);
            text::read_field(saved["file"], "bytes", dataset.file.bytes);
            text::read_field(saved["file"], "synthetic", dataset.file.synthetic);
        }
        if (saved.contains("summary")) dataset.summary = data::summary_from_json(saved["summary"]);
        if (saved.contains("split")) dataset.split = data::split_from_json(saved["split"]);
        dataset.split_settings = restored.data.split_settings;
        if (dataset.file.name.empty()) return "The saved experiment names no file.";
        restored.data.dataset = std::move(dataset);
    }
    state.experiment_name = std::move(restored.experiment_name);
    state.data.load = std::move(restored.data.load);
    state.data.split_settings = std::move(restored.data.split_settings);
    state.data.dataset = std::move(restored.data.dataset);
    state.finetune = std::move(restored.finetune);
    state.local = std::move(restored.local);
    if (has_evaluation) state.eval = std::move(restored.eval);
    state.eval.reports_stale = true;
    // The evaluations in use must be the restored split's: a save from before splits had ids adopts it.
    follow_split(state);
    return {};
}

}  // namespace tb::workflow
