#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/loader.h"
#include "core/data/split.h"
#include "core/eval/run.h"

namespace tb::workflow {

struct Dataset;
struct State;

// The split a set of results was computed on: enough to name it to a person, to ask its rows' answers
// (its classes), and to draw it again from its file.
struct SplitRecord {
    std::string id;  // split_id(): empty for none
    std::string file;
    std::string file_fingerprint;  // data::DatasetSummary::fingerprint of the file it came from
    std::uint64_t seed = 0;
    data::LoadSettings load;        // what the file was read with (columns, seed, families, filters)
    data::SplitSettings settings;   // and the split drawn with
    std::size_t train = 0, validation = 0, test = 0;
    std::vector<std::string> classes;
    std::string training_rows;  // eval::training_fingerprint of its training rows: what a local model learnt from
    std::string held_out_rows;  // eval::held_out_fingerprint: what one trained on every labelled row learnt from
};

// Whether a model that learnt from rows with this fingerprint (eval::training_fingerprint or
// eval::held_out_fingerprint) may be scored on this split: it never saw one of its test rows.
bool learnt_for(const SplitRecord& split, const std::string& learnt);

// The id of the split drawn from `dataset`: a hash of the file's fingerprint, the text and label columns and
// every row of each part with its label. Any change to which rows are held out, or what they say, changes
// it; reading the same file again with the same settings does not. Empty when there is no split.
std::string split_id(const Dataset& dataset);
SplitRecord split_record(const Dataset& dataset, const data::LoadSettings& load);

// "seed 1 · 100 / 100 / 100 rows · 6 classes", and the file's name when it is not `current_file`.
std::string describe(const SplitRecord& split, const std::string& current_file);

// The results of a split other than the one in use, kept aside until the person switches back or deletes
// them. Nothing in them is asked while they are aside.
struct ShelvedResults {
    SplitRecord split;
    std::vector<eval::Evaluation> evaluations;
};

// Makes the evaluations in use those of the dataset's current split: the results of the split before are
// put aside (runs paused: nothing is sent for rows the person no longer looks at) and those kept for this
// split, if any, come back. Call after every change to the dataset or its split; does nothing when the
// split is the same.
void follow_split(State& state);

nlohmann::json to_json(const SplitRecord& split);
SplitRecord split_record_from_json(const nlohmann::json& json);

}  // namespace tb::workflow
