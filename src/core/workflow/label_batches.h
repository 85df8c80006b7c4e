#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/batch_flow.h"

namespace tb::workflow {

struct State;

// "Label the file" with a provider's chat model, through its Batch API: the batches the file's rows were
// sent in, watched until each one's answers are taken, then written by a second pass over the file.
// Saved (apart from the experiment): a reload goes on watching every batch and reads their answers again;
// only the rows' answers themselves are never saved (they are read again from the batches' output files).
struct LabelBatchPart {
    api::BatchRecord record;  // its custom_ids are not kept: the rows are first_row…last_row's asked ones
    std::uint64_t first_row = 0, last_row = 0, rows = 0;
    // Not saved: once its answers are taken (a reload takes them again).
    bool taken = false;
    std::uint64_t answered = 0, invalid = 0, refused = 0, not_run = 0;
    std::string problem;  // why watching it stopped, or why the provider failed it
};

struct LabelBatchJob {
    std::string candidate;  // the evaluation's id
    std::string name;       // as the candidate is named
    std::string profile;    // whose Batch API and key
    std::string model;      // written in the output's "model" column
    bool structured = false;
    std::vector<std::string> classes;  // the answers' classes (the split's)
    std::string file;                  // the file read, and its size: the second pass needs the same file
    std::uint64_t bytes = 0;
    bool only_unlabelled = false;
    bool all_sent = false;       // the first pass (or one asking again) is over: every row to ask is in a part
    std::uint64_t asked = 0;     // rows put in batches by the first pass (a row asked again counts once)
    std::uint64_t unsendable = 0;  // rows no input file could take (a request over the limit alone)
    std::vector<LabelBatchPart> parts;
};

nlohmann::json to_json(const LabelBatchJob& job);
// The job, or nothing with `problem` saying what is wrong; takes any JSON without a throw.
std::optional<LabelBatchJob> label_batch_job_from_json(const nlohmann::json& json, std::string& problem);

// Every part's answers are taken (and every row was sent): the file can be written.
bool label_batches_done(const LabelBatchJob& job);
// Rows answered with a class (each in one part: asking again leaves answered rows out), and rows to answer
// that no part has answered (not run, refused, no class, none could take) once every part is taken.
std::uint64_t label_batches_answered(const LabelBatchJob& job);
std::uint64_t label_batches_unanswered(const LabelBatchJob& job);
// One batch as the section lists it: the provider's status and progress while it runs; once ended, its own
// counts ("Batch b: cancelled, 1,504 of 3,009 rows answered, 1,505 not run") — a provider counts a cancelled
// batch's unrun lines as failed.
std::string label_batch_part_summary(const LabelBatchPart& part);
// The rows a send would ask: those with a text, or with `only_unlabelled` those with a text and no label.
std::uint64_t label_rows_to_ask(const State& state);
// "3 batches: 2 completed, 1 in progress (40,000 of 50,000 done)…" for the section's first line.
std::string label_batches_summary(const LabelBatchJob& job);

// What sending `rows` rows through `candidate`'s batches may cost, scaled from its test rows: their
// estimate (live price, halved for a batch) before they are asked, or what their answers cost after.
// Empty when neither is known.
std::string label_batch_cost_hint(const State& state, const std::string& candidate, std::uint64_t rows);

// Why the batches' answers cannot be written now: the file they asked about is not open (a reload keeps only
// the split's rows), or another file is; empty when they can.
std::string label_batches_unwritable_because(const State& state);

// Why the open file cannot be sent through `candidate`'s batches now (not a chat candidate of a provider
// with a Batch API, the prompt no longer fits the data, the file not open since a reload), or empty.
std::string label_batch_unavailable_because(const State& state, const std::string& candidate);

}  // namespace tb::workflow
