#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/workflow/label_batches.h"

namespace tb::workflow {

struct State;

// "Label the file": the chosen model's answer for every row of the open file, written with the file as
// a new CSV (see eval::FileLabeller). The app reads and writes; this is what the UI and automation see.
// The provider's limit on requests in one batch input file (OpenAI, Azure, Together).
constexpr int kMaxRowsPerBatch = 50000;

// Not saved: a reload ends a run (a batch job, below, is saved apart and goes on).
struct LabelFileState {
    bool only_unlabelled = false;  // the person's choice: answer only rows whose label is blank
    // Which model labels: a chat candidate's evaluation id (through Batch), or empty for the in-browser
    // classifier. The person's choice.
    std::string source;
    // Requests per batch input file when labelling through Batch (the person's; the provider's limit is
    // 50,000): smaller batches finish sooner and stay under a provider's limit on tokens queued at once.
    int rows_per_batch = kMaxRowsPerBatch;
    // The rows sent through a provider's Batch API, from the first pass over the file until the person
    // forgets them (saved apart from the experiment; batch_unsaved asks for a save).
    std::optional<LabelBatchJob> batch;
    bool batch_unsaved = false;
    bool sending = false;     // the run is the batches' first pass: it reads the file and writes nothing
    enum class Phase { Idle, Opening, Running, Closing, Done, Failed, Cancelled };
    Phase phase = Phase::Idle;
    std::string model;        // which model labels, as its candidate is named
    std::string file;         // the file read
    std::string output;       // the file written (a name; for parts, the stem)
    bool parts = false;       // written as downloads of at most kLabelPartBytes
    int parts_written = 0;
    bool run_only_unlabelled = false;  // the setting the run was started with
    std::uint64_t bytes = 0, bytes_read = 0;
    std::uint64_t rows = 0, labelled = 0;
    double seconds = 0;       // from the first byte read
    std::string message;      // once ended: what was written, or why not
    // Labelling with an embeddings candidate: its classifier being trained again before the first row,
    // texts sent for their vectors, rows answered by a vector the page held, tokens billed (the answers' usage).
    bool training = false;
    std::uint64_t texts_asked = 0, rows_from_held = 0;
    std::int64_t embedding_tokens = 0;
    bool active() const { return phase == Phase::Opening || phase == Phase::Running || phase == Phase::Closing; }
};

// Parts are cut at about this size when the browser cannot write a file as it goes.
constexpr std::uint64_t kLabelPartBytes = 64ull << 20;

// Why the open file cannot be read again to label it (none open, not open since a reload, no text column),
// or empty.
std::string open_file_unavailable_because(const State& state);
// Why the file cannot be labelled now by the chosen source (no model in hand, its weights missing, the file
// not open since a reload, a candidate that cannot batch), or, while batches have labelled it, why their
// answers cannot be written; empty when nothing stands in the way.
std::string label_file_unavailable_because(const State& state);
// What can label the file, as the section lists it: {evaluation id, name}, the in-browser classifier first
// (id empty), then each embeddings candidate (in the tab) and each chat candidate of a provider with a
// Batch API.
struct LabelSource {
    std::string id;
    std::string name;
};
std::vector<LabelSource> label_file_sources(const State& state);
// The model's name as the section shows it, and the rows it would label (the file's data rows as read).
std::string label_file_model_name(const State& state);
std::uint64_t label_file_rows(const State& state);

double label_rows_per_second(const LabelFileState& label);
// How much of the file is done: the bytes read, or the rows written of `total_rows` (the file's data rows;
// 0 when not known) if fewer, as rows read may wait for their answers. Seconds left at the rate so far;
// negative when not known yet.
double label_done_fraction(const LabelFileState& label, std::uint64_t total_rows);
double label_seconds_left(const LabelFileState& label, std::uint64_t total_rows);
std::string_view label_phase_key(LabelFileState::Phase phase);  // "idle", "running", …

// state().labelFile, documented in the README.
nlohmann::json label_file_json(const State& state);

}  // namespace tb::workflow
