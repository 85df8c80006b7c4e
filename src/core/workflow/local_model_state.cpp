#include "core/workflow/local_model_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/linear/learning_curve.h"
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

double number_or(const json& in, const char* key, double fallback) {
    return text::optional_number(in, key).value_or(fallback);
}

// Character n-grams as [min, max], [0, 0] for none.
json chars_json(linear::CharRange chars) { return json::array({chars.min, chars.max}); }

// A range as saved, or none for anything else (an old save has none).
linear::CharRange chars_from_json(const json& in, const char* key) {
    if (!in.contains(key) || !in[key].is_array() || in[key].size() != 2 || !in[key][0].is_number_integer() ||
        !in[key][1].is_number_integer()) {
        return {};
    }
    const linear::CharRange chars{in[key][0].get<int>(), in[key][1].get<int>()};
    return chars.min >= 1 && chars.max >= chars.min && chars.max <= 16 ? chars : linear::CharRange{};
}

json search_json(const linear::SearchSettings& search) {
    return {{"ngrams", search.ngrams},
            {"chars", chars_json(search.chars)},
            {"strengths", search.strengths},
            {"minDf", search.min_df},
            {"maxFeatures", search.max_features},
            {"learningCurve", search.learning_curve},
            {"seed", search.seed}};
}

// Settings that cannot be searched with are the defaults, as for the fastText-style ones.
linear::SearchSettings search_from_json(const json& in) {
    linear::SearchSettings search;
    if (!in.is_object()) return search;
    // Lists as saved: a wrong one keeps the default (a short list: the grid is a handful of values).
    const auto list = [&](const char* key) -> const json* {
        return in.contains(key) && in[key].is_array() && !in[key].empty() && in[key].size() <= 32 ? &in[key] : nullptr;
    };
    if (const json* ngrams = list("ngrams");
        ngrams && std::all_of(ngrams->begin(), ngrams->end(), [](const json& v) { return v.is_number_integer(); })) {
        search.ngrams.clear();
        for (const json& v : *ngrams) search.ngrams.push_back(v.get<int>());
    }
    if (const json* strengths = list("strengths");
        strengths && std::all_of(strengths->begin(), strengths->end(), [](const json& v) { return v.is_number(); })) {
        search.strengths.clear();
        for (const json& v : *strengths) search.strengths.push_back(v.get<double>());
    }
    search.chars = chars_from_json(in, "chars");
    text::read_field(in, "minDf", search.min_df);
    text::read_field(in, "maxFeatures", search.max_features);
    text::read_field(in, "learningCurve", search.learning_curve);
    text::read_field(in, "seed", search.seed);
    const bool usable = std::all_of(search.ngrams.begin(), search.ngrams.end(), [](int n) { return n == 1 || n == 2; }) &&
                        std::all_of(search.strengths.begin(), search.strengths.end(),
                                    [](double c) { return c > 0 && c < 1e9; }) &&
                        search.min_df >= 1 && search.max_features >= 1 && search.max_features <= 10'000'000;
    return usable ? search : linear::SearchSettings{};
}


json learning_curve_json(const std::vector<linear::CurvePoint>& curve) {
    json out = json::array();
    for (const linear::CurvePoint& p : curve) out.push_back({{"rows", p.rows}, {"accuracy", p.accuracy}, {"loss", p.loss}});
    return out;
}

std::vector<linear::CurvePoint> learning_curve_from_json(const json& in) {
    std::vector<linear::CurvePoint> out;
    if (!in.is_array()) return out;
    for (const json& p : in) {
        if (!p.is_object()) continue;
        linear::CurvePoint point;
        text::read_field(p, "rows", point.rows);
        point.accuracy = number_or(p, "accuracy", 0);
        point.loss = number_or(p, "loss", 0);
        out.push_back(point);
    }
    return out;
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

json facts_json(const LocalModelFacts& facts) {
    // The curve as parallel arrays: a few hundred points stay a few kilobytes.
    json progress = json::array(), epoch = json::array(), loss = json::array(), examples = json::array();
    for (const auto& p : facts.curve) {
        progress.push_back(p.progress);
        epoch.push_back(p.epoch);
        loss.push_back(p.train_loss);
        examples.push_back(p.examples);
    }
    return {{"kind", eval::local_kind_key(facts.kind)},
            {"hyperparameters", hyperparameters_json(facts.hp)},
            {"search", search_json(facts.search)},
            {"trials", trials_json(facts.trials)},
            {"best", facts.best},
            {"learningCurve", learning_curve_json(facts.learning_curve)},
            {"ngram", facts.ngram},
            {"chars", chars_json(facts.chars)},
            {"strength", facts.strength},
            {"candidate", facts.candidate},
            {"origin", facts.origin},
            {"trainingRows", facts.training_rows},
            {"allRows", facts.all_rows},
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
    eval::local_kind_from_key(text::field_or<std::string>(in, "kind", ""), facts.kind);
    if (in.contains("hyperparameters")) facts.hp = hyperparameters_from_json(in["hyperparameters"]);
    if (in.contains("search")) facts.search = search_from_json(in["search"]);
    if (in.contains("trials")) facts.trials = trials_from_json(in["trials"]);
    text::read_field(in, "best", facts.best);
    if (facts.best >= facts.trials.size()) facts.best = 0;
    if (in.contains("learningCurve")) facts.learning_curve = learning_curve_from_json(in["learningCurve"]);
    text::read_field(in, "ngram", facts.ngram);
    facts.chars = chars_from_json(in, "chars");
    facts.strength = number_or(in, "strength", 0);
    text::read_field(in, "candidate", facts.candidate);
    text::read_field(in, "origin", facts.origin);
    text::read_field(in, "trainingRows", facts.training_rows);
    text::read_field(in, "allRows", facts.all_rows);
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

std::string_view stage_key(const eval::LocalTraining& training) {
    if (const linear::LinearSearch* search = training.linear()) {
        switch (search->phase()) {
        case linear::LinearSearch::Phase::Reading: return "reading";
        case linear::LinearSearch::Phase::Features: return "features";
        case linear::LinearSearch::Phase::Solving:
        case linear::LinearSearch::Phase::Scoring:
        case linear::LinearSearch::Phase::Done: return "training";
        }
    }
    switch (training.fasttext()->trainer().phase()) {
    case train::Trainer::Phase::Reading: return "reading";
    case train::Trainer::Phase::Encoding: return "encoding";
    case train::Trainer::Phase::Initialising: return "initialising";
    case train::Trainer::Phase::Training:
    case train::Trainer::Phase::Done: return "training";
    }
    return "training";
}

}  // namespace

json trials_json(const std::vector<linear::Trial>& trials) {
    json out = json::array();
    for (const linear::Trial& t : trials) {
        out.push_back({{"ngram", t.ngram}, {"chars", chars_json(t.chars)}, {"strength", t.strength}, {"rows", t.rows}, {"features", t.features},
                       {"accuracy", std::isnan(t.accuracy) ? json(nullptr) : json(t.accuracy)},
                       {"loss", std::isnan(t.loss) ? json(nullptr) : json(t.loss)},
                       {"iterations", t.iterations}, {"converged", t.converged}});
    }
    return out;
}

std::vector<linear::Trial> trials_from_json(const json& in) {
    std::vector<linear::Trial> out;
    if (!in.is_array()) return out;
    for (const json& t : in) {
        if (!t.is_object()) continue;
        linear::Trial trial;
        text::read_field(t, "ngram", trial.ngram);
        trial.chars = chars_from_json(t, "chars");
        trial.strength = number_or(t, "strength", 1);
        text::read_field(t, "rows", trial.rows);
        text::read_field(t, "features", trial.features);
        trial.accuracy = text::optional_number(t, "accuracy").value_or(std::nan(""));
        trial.loss = text::optional_number(t, "loss").value_or(std::nan(""));
        text::read_field(t, "iterations", trial.iterations);
        text::read_field(t, "converged", trial.converged);
        out.push_back(trial);
    }
    return out;
}

json to_json(const LocalModelState& local) {
    json out = {{"settings", settings_json(local)},
                {"kind", eval::local_kind_key(local.kind)},
                {"linearSettings", search_json(local.linear_settings)},
                {"allRows", local.all_rows}};
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
    eval::local_kind_from_key(text::field_or<std::string>(in, "kind", ""), local.kind);
    if (in.contains("linearSettings")) local.linear_settings = search_from_json(in["linearSettings"]);
    text::read_field(in, "allRows", local.all_rows);
    if (in.contains("model") && in["model"].is_object()) {
        local.facts = facts_from_json(in["model"]);
        // The weights come from the browser's storage, asked for by the app.
        if (!local.facts.candidate.empty()) local.weights = LocalModelState::Weights::Loading;
    }
}

json local_model_json(const LocalModelState& local, std::size_t train_rows) {
    const bool training = local.run != nullptr;
    const train::TrainingRun* fasttext = training ? local.run->fasttext() : nullptr;
    const linear::LinearSearch* search = training ? local.run->linear() : nullptr;
    const std::vector<train::LossPoint>& curve = fasttext ? fasttext->trainer().loss_curve() : local.facts.curve;
    const std::vector<train::ValidationPoint>& validation = fasttext ? fasttext->validation_curve() : local.facts.validation;
    json out = {{"phase", training ? "training" : local.model ? "ready" : "none"},
                {"kind", eval::local_kind_key(local.kind)},
                {"settings", settings_json(local)},
                {"autoEpochs", train::auto_epochs(train_rows)},
                {"linearSettings", search_json(local.linear_settings)},
                {"curvePoints", curve.size()},
                {"trainLoss", curve.empty() ? json(nullptr) : json(curve.back().train_loss)},
                {"validation", validation_json(validation)},
                {"trials", trials_json(search ? search->trials() : local.facts.trials)},
                {"learningCurve", learning_curve_json(search ? search->learning_curve() : local.facts.learning_curve)},
                {"learningCurveReading", search ? "" : linear::learning_curve_reading(local.facts.learning_curve,
                                                                                      local.facts.validation_rows)},
                {"weights", weights_key(local.weights)},
                {"error", local.error},
                {"trainingOtherSplit", local.split_run != nullptr},
                {"verdict", reading_json(local_model_reading(local))}};
    if (training) {
        out["stage"] = stage_key(*local.run);
        out["progress"] = local.run->progress();
        out["seconds"] = local.run_seconds;
        if (fasttext) {
            const train::Trainer& trainer = fasttext->trainer();
            out["epoch"] = trainer.epoch();
            out["examplesDone"] = trainer.examples_done();
            out["examplesTotal"] = trainer.examples_total();
        }
        if (search) out["gridSize"] = search->grid_size();
    }
    if (!local.facts.candidate.empty()) {
        out["model"] = {{"kind", eval::local_kind_key(local.facts.kind)},
                        {"candidate", local.facts.candidate}, {"origin", local.facts.origin},
                        {"name", local_model_label(local.facts)},
                        {"hyperparameters", hyperparameters_json(local.facts.hp)},
                        {"trainRows", local.facts.train_rows}, {"validationRows", local.facts.validation_rows},
                        {"allRows", local.facts.all_rows},
                        {"seconds", local.facts.seconds}, {"modelBytes", local.facts.model_bytes},
                        {"checksum", local.facts.checksum}, {"loaded", local.model.has_value()}};
    }
    return out;
}

}  // namespace tb::workflow
