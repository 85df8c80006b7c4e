#include "core/workflow/split_results.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/data/hashing.h"
#include "core/eval/local_candidate.h"
#include "core/text/format.h"
#include "core/text/json_fields.h"
#include "core/workflow/experiment.h"
#include "core/workflow/state.h"

namespace tb::workflow {

namespace {
// Why a run put aside with its split stopped: one text while it is aside, another once it is back.
constexpr const char* kAsideWhy = "The split changed while it ran; switch back to this split to go on.";
constexpr const char* kBackWhy = "Paused when the split changed: Resume to ask the rows still missing.";
}  // namespace

std::string split_id(const Dataset& dataset) {
    const data::Split& split = dataset.split;
    if (split.test.empty() && split.train.empty() && split.validation.empty()) return {};
    std::uint64_t h = data::hash_text(dataset.summary.fingerprint);
    h = data::mix64(h ^ static_cast<std::uint64_t>(dataset.summary.text_column + 1));
    h = data::mix64(h ^ static_cast<std::uint64_t>(dataset.summary.label_column + 1));
    for (const std::string& label : split.classes) h = data::mix64(h ^ data::hash_text(label));
    // Each part on its own: the same rows dealt out differently are another split.
    for (const auto* part : {&split.train, &split.validation, &split.test}) h = data::mix64(h ^ data::rows_hash(*part));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

SplitRecord split_record(const Dataset& dataset, const data::LoadSettings& load) {
    SplitRecord record;
    record.id = split_id(dataset);
    if (record.id.empty()) return record;
    record.file = dataset.file.name;
    record.file_fingerprint = dataset.summary.fingerprint;
    record.seed = dataset.summary.seed;
    record.load = load;
    record.settings = dataset.split_settings;
    record.train = dataset.split.train.size();
    record.validation = dataset.split.validation.size();
    record.test = dataset.split.test.size();
    record.classes = dataset.split.classes;
    record.training_rows = eval::training_fingerprint(dataset.split.train);
    record.held_out_rows = eval::held_out_fingerprint(dataset.split);
    return record;
}

bool learnt_for(const SplitRecord& split, const std::string& learnt) {
    return !learnt.empty() && (learnt == split.training_rows || learnt == split.held_out_rows);
}

std::string describe(const SplitRecord& split, const std::string& current_file) {
    std::string text = "seed " + std::to_string(split.seed) + " · " + text::with_commas(split.train) + " / " +
                       text::with_commas(split.validation) + " / " + text::with_commas(split.test) + " rows · " +
                       std::to_string(split.classes.size()) + (split.classes.size() == 1 ? " class" : " classes");
    if (split.file != current_file) text += " · " + split.file;
    return text;
}

void follow_split(State& state) {
    EvalState& ev = state.eval;
    SplitRecord now = state.data.dataset ? split_record(*state.data.dataset, state.data.load) : SplitRecord{};
    // No split (a file whose columns are still to be picked, a read under way): nothing to show them
    // against, and nothing to ask; they stay as they are until a split is drawn.
    if (now.id.empty() || now.id == ev.split.id) return;
    // Rows selected on the map were the other split's: its map is gone.
    ev.map_selection.clear();
    if (ev.filter == eval::RowFilter::MapSelection) ev.filter = eval::RowFilter::All;
    if (ev.split.id.empty() && !ev.evaluations.empty()) {
        // Results from before splits had ids (an older save) were shown against this split: they stay with it.
        ev.split = std::move(now);
        return;
    }
    if (!ev.split.id.empty()) {
        std::vector<eval::Evaluation> leaving = std::move(ev.evaluations);
        ev.evaluations.clear();
        for (eval::Evaluation& e : leaving) {
            if (e.phase == eval::Phase::Running) {
                e.phase = eval::Phase::Paused;
                e.stopped_because = kAsideWhy;
            }
        }
        std::erase_if(ev.shelved, [&](const ShelvedResults& s) { return s.split.id == ev.split.id; });
        if (!leaving.empty()) ev.shelved.push_back(ShelvedResults{std::move(ev.split), std::move(leaving)});
    }
    const auto back = std::find_if(ev.shelved.begin(), ev.shelved.end(),
                                   [&](const ShelvedResults& s) { return s.split.id == now.id; });
    if (back != ev.shelved.end()) {
        ev.evaluations = std::move(back->evaluations);
        ev.shelved.erase(back);
        for (eval::Evaluation& e : ev.evaluations) {
            if (e.stopped_because == kAsideWhy) e.stopped_because = kBackWhy;
        }
    }
    ev.split = std::move(now);
    ev.reports_stale = true;
    state.eval_unsaved = true;
}

nlohmann::json to_json(const SplitRecord& split) {
    return {{"id", split.id},
            {"file", split.file},
            {"fileFingerprint", split.file_fingerprint},
            {"seed", split.seed},
            {"load", to_json(split.load)},
            {"settings", to_json(split.settings)},
            {"train", split.train},
            {"validation", split.validation},
            {"test", split.test},
            {"classes", split.classes},
            {"trainingRows", split.training_rows},
            {"heldOutRows", split.held_out_rows}};
}

SplitRecord split_record_from_json(const nlohmann::json& json) {
    SplitRecord split;
    if (!json.is_object()) return split;
    text::read_field(json, "id", split.id);
    text::read_field(json, "file", split.file);
    text::read_field(json, "fileFingerprint", split.file_fingerprint);
    text::read_field(json, "seed", split.seed);
    if (json.contains("load")) split.load = load_settings_from_json(json["load"]);
    if (json.contains("settings")) split.settings = split_settings_from_json(json["settings"]);
    text::read_field(json, "train", split.train);
    text::read_field(json, "validation", split.validation);
    text::read_field(json, "test", split.test);
    text::read_field(json, "classes", split.classes);
    text::read_field(json, "trainingRows", split.training_rows);
    text::read_field(json, "heldOutRows", split.held_out_rows);
    return split;
}

}  // namespace tb::workflow
