#include "core/workflow/local_model_state.h"

#include <cstdio>

#include "core/text/json_fields.h"
#include "core/workflow/curve_readings.h"

namespace tb::workflow {

using nlohmann::json;

std::string blob_checksum(std::span<const std::uint8_t> blob) {
    // The blob's last 8 bytes are its own checksum of everything before them (model_blob.cpp): no
    // second pass over megabytes of weights.
    if (blob.size() < 8) return {};
    std::uint64_t h = 0;
    for (std::size_t b = 0; b < 8; ++b) h |= std::uint64_t{blob[blob.size() - 8 + b]} << (8 * b);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

namespace {

json hyperparameters_json(const train::Hyperparameters& hp) {
    return {{"dim", hp.dim},       {"lr", hp.lr},           {"epochs", hp.epochs}, {"wordNgrams", hp.word_ngrams},
            {"minCount", hp.min_count}, {"bucket", hp.bucket}, {"minn", hp.minn},     {"maxn", hp.maxn},
            {"seed", hp.seed}};
}

// Settings that could not be trained with are the defaults: out of range, they would ask for gigabytes.
train::Hyperparameters hyperparameters_from_json(const json& in) {
    train::Hyperparameters hp;
    text::read_field(in, "dim", hp.dim);
    if (const auto lr = text::optional_number(in, "lr")) hp.lr = *lr;
    text::read_field(in, "epochs", hp.epochs);
    text::read_field(in, "wordNgrams", hp.word_ngrams);
    text::read_field(in, "minCount", hp.min_count);
    text::read_field(in, "bucket", hp.bucket);
    text::read_field(in, "minn", hp.minn);
    text::read_field(in, "maxn", hp.maxn);
    text::read_field(in, "seed", hp.seed);
    return train::check(hp).empty() ? hp : train::Hyperparameters{};
}

// The settings as saved and shown: the hyperparameters, with "epochs": "auto" when they follow the rows.
json settings_json(const LocalModelState& local) {
    json out = hyperparameters_json(local.settings);
    if (local.auto_epochs) out["epochs"] = "auto";
    return out;
}

json validation_json(const std::vector<train::ValidationPoint>& points) {
    json out = json::array();
    for (const auto& p : points) {
        out.push_back({{"progress", p.progress}, {"epoch", p.epoch}, {"loss", p.loss}, {"accuracy", p.accuracy},
                       {"rows", p.rows}});
    }
    return out;
}

double number_or(const json& in, const char* key, double fallback) {
    return text::optional_number(in, key).value_or(fallback);
}

json facts_json(const LocalModelFacts& facts) {
    // The curve as parallel arrays: a few hundred points stay a few kilobytes.
    json progress = json::array(), epoch = json::array(), loss = json::array(), examples = json::array();
    for (const auto& p : facts.curve) {
        progress.push_back(p.progress);
        epoch.push_back(p.epoch);
        loss.push_back(p.train_loss);
        examples.push_back(p.examples);
    }
    return {{"hyperparameters", hyperparameters_json(facts.hp)},
            {"candidate", facts.candidate},
            {"origin", facts.origin},
            {"trainingRows", facts.training_rows},
            {"trainRows", facts.train_rows},
            {"validationRows", facts.validation_rows},
            {"classes", facts.classes},
            {"curve", {{"progress", progress}, {"epoch", epoch}, {"loss", loss}, {"examples", examples}}},
            {"validation", validation_json(facts.validation)},
            {"seconds", facts.seconds},
            {"modelBytes", facts.model_bytes},
            {"checksum", facts.checksum}};
}

LocalModelFacts facts_from_json(const json& in) {
    LocalModelFacts facts;
    if (in.contains("hyperparameters")) facts.hp = hyperparameters_from_json(in["hyperparameters"]);
    text::read_field(in, "candidate", facts.candidate);
    text::read_field(in, "origin", facts.origin);
    text::read_field(in, "trainingRows", facts.training_rows);
    text::read_field(in, "trainRows", facts.train_rows);
    text::read_field(in, "validationRows", facts.validation_rows);
    text::read_field(in, "classes", facts.classes);
    facts.seconds = number_or(in, "seconds", 0);
    text::read_field(in, "modelBytes", facts.model_bytes);
    text::read_field(in, "checksum", facts.checksum);
    if (in.contains("curve") && in["curve"].is_object()) {
        const json& curve = in["curve"];
        const auto array = [&](const char* key) { return curve.contains(key) && curve[key].is_array() ? curve[key] : json::array(); };
        const json progress = array("progress"), epoch = array("epoch"), loss = array("loss"), examples = array("examples");
        const std::size_t n = std::min({progress.size(), epoch.size(), loss.size(), examples.size()});
        for (std::size_t i = 0; i < n; ++i) {
            if (!progress[i].is_number() || !epoch[i].is_number_integer() || !loss[i].is_number() ||
                !examples[i].is_number_unsigned()) {
                continue;
            }
            facts.curve.push_back(train::LossPoint{progress[i].get<double>(), epoch[i].get<int>(), loss[i].get<double>(),
                                                   examples[i].get<std::size_t>()});
        }
    }
    if (in.contains("validation") && in["validation"].is_array()) {
        for (const json& p : in["validation"]) {
            train::ValidationPoint point;
            point.progress = number_or(p, "progress", 0);
            text::read_field(p, "epoch", point.epoch);
            point.loss = number_or(p, "loss", 0);
            point.accuracy = number_or(p, "accuracy", 0);
            text::read_field(p, "rows", point.rows);
            facts.validation.push_back(point);
        }
    }
    return facts;
}

std::string_view weights_key(LocalModelState::Weights weights) {
    switch (weights) {
    case LocalModelState::Weights::None: return "none";
    case LocalModelState::Weights::Loading: return "loading";
    case LocalModelState::Weights::Unsaved: return "unsaved";
    case LocalModelState::Weights::Saved: return "saved";
    case LocalModelState::Weights::Missing: return "missing";
    }
    return "none";
}

std::string_view stage_key(const train::TrainingRun& run) {
    switch (run.trainer().phase()) {
    case train::Trainer::Phase::Reading: return "reading";
    case train::Trainer::Phase::Encoding: return "encoding";
    case train::Trainer::Phase::Initialising: return "initialising";
    case train::Trainer::Phase::Training:
    case train::Trainer::Phase::Done: return "training";
    }
    return "training";
}

}  // namespace

json to_json(const LocalModelState& local) {
    json out = {{"settings", settings_json(local)}};
    if (!local.facts.candidate.empty()) out["model"] = facts_json(local.facts);
    return out;
}

void restore_local_model(LocalModelState& local, const json& in) {
    local = LocalModelState{};
    if (!in.is_object()) return;
    if (in.contains("settings")) {
        const json& settings = in["settings"];
        local.settings = hyperparameters_from_json(settings);
        // A number saved for the epochs is the person's and is kept; "auto", or none, follows the rows.
        local.auto_epochs = !(settings.is_object() && settings.contains("epochs") && settings["epochs"].is_number_integer() &&
                              local.settings.epochs == settings["epochs"].get<int>());
    }
    if (in.contains("model") && in["model"].is_object()) {
        local.facts = facts_from_json(in["model"]);
        // The weights come from the browser's storage, asked for by the app.
        if (!local.facts.candidate.empty()) local.weights = LocalModelState::Weights::Loading;
    }
}

json local_model_json(const LocalModelState& local, std::size_t train_rows) {
    const bool training = local.run != nullptr;
    const std::vector<train::LossPoint>& curve = training ? local.run->trainer().loss_curve() : local.facts.curve;
    const std::vector<train::ValidationPoint>& validation = training ? local.run->validation_curve() : local.facts.validation;
    json out = {{"phase", training ? "training" : local.model ? "ready" : "none"},
                {"settings", settings_json(local)},
                {"autoEpochs", train::auto_epochs(train_rows)},
                {"curvePoints", curve.size()},
                {"trainLoss", curve.empty() ? json(nullptr) : json(curve.back().train_loss)},
                {"validation", validation_json(validation)},
                {"weights", weights_key(local.weights)},
                {"error", local.error},
                {"trainingOtherSplit", local.split_run != nullptr},
                {"verdict", reading_json(local_model_reading(local))}};
    if (training) {
        const train::Trainer& trainer = local.run->trainer();
        out["stage"] = stage_key(*local.run);
        out["progress"] = local.run->progress();
        out["epoch"] = trainer.epoch();
        out["examplesDone"] = trainer.examples_done();
        out["examplesTotal"] = trainer.examples_total();
        out["seconds"] = local.run_seconds;
    }
    if (!local.facts.candidate.empty()) {
        out["model"] = {{"candidate", local.facts.candidate}, {"origin", local.facts.origin},
                        {"hyperparameters", hyperparameters_json(local.facts.hp)},
                        {"trainRows", local.facts.train_rows}, {"validationRows", local.facts.validation_rows},
                        {"seconds", local.facts.seconds}, {"modelBytes", local.facts.model_bytes},
                        {"checksum", local.facts.checksum}, {"loaded", local.model.has_value()}};
    }
    return out;
}

}  // namespace tb::workflow
