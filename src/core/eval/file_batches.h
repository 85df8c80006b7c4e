#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "core/api/batch_input.h"
#include "core/api/batch_output.h"
#include "core/eval/file_labeller.h"

namespace tb::eval {

// "Label the file" with a provider's chat model goes through its Batch API in two passes over the file:
// the first (BatchQuestions) turns every row the file labeller would answer into a line of a batch input
// file; once the batches are done, the second (RowAnswers) writes their answers by row.

// The questions of one input file, and the rows of the file they ask about.
struct FileBatch {
    api::BatchInputFile input;
    std::uint64_t first_row = 0, last_row = 0;  // the first and last row asked (csv row numbers)
    std::uint64_t rows = 0;                     // rows asked
};

// The first pass: answers nothing; each question becomes the request `make` builds (the one the live path
// would send), `custom_id` batch_custom_id(row), in input files cut within `limits`. Files are handed out
// as they fill (take_full) and the last by finish().
class BatchQuestions : public RowLabeller {
public:
    using MakeRequest = std::function<api::HttpRequest(const RowQuestion&)>;
    // `skip`, when given, leaves out the rows it names (those already answered, when asking again).
    using Skip = std::function<bool(std::uint64_t row)>;
    BatchQuestions(std::vector<std::string> classes, MakeRequest make, std::string line_url,
                   api::BatchInputLimits limits = {}, Skip skip = {});

    Answer label(const RowQuestion& question) override;
    const std::vector<std::string>& classes() const override { return classes_; }
    std::string model_id() const override { return {}; }

    // A file is full and waits to be taken: the reader should stop feeding until it is.
    bool has_full() const { return !full_.empty(); }
    FileBatch take_full();
    // The file being filled, once the file's reading is over (empty input when no row was asked).
    FileBatch finish();
    // Rows no file could take, with why (the first few), and how many.
    const std::vector<api::BatchInputRefusal>& refused() const { return refused_; }
    std::uint64_t refused_count() const { return refused_count_; }
    std::uint64_t asked() const { return asked_; }

private:
    std::vector<std::string> classes_;
    MakeRequest make_;
    Skip skip_;
    std::string line_url_;
    api::BatchInputLimits limits_;
    FileBatch open_;
    std::deque<FileBatch> full_;
    std::vector<api::BatchInputRefusal> refused_;
    std::uint64_t refused_count_ = 0, asked_ = 0;
};

// The second pass: the batches' answers, by row, written as the file labeller's answers. A row no batch
// answered gets blank columns. Two bytes a row of the file.
class RowAnswers : public RowLabeller {
public:
    RowAnswers(std::vector<std::string> classes, std::string model_id)
        : classes_(std::move(classes)), model_id_(std::move(model_id)) {}

    Answer label(const RowQuestion& question) override { return {at(question.row), -1}; }
    const std::vector<std::string>& classes() const override { return classes_; }
    std::string model_id() const override { return model_id_; }

    // Rows past kMaxRow are not kept (a saved job's range comes from disk): 128 MB of answers at most.
    static constexpr std::uint64_t kMaxRow = 1ull << 26;
    void set(std::uint64_t row, int label);
    int at(std::uint64_t row) const;  // -1: no answer
    std::uint64_t answered() const { return answered_; }

private:
    std::vector<std::string> classes_;
    std::string model_id_;
    std::vector<std::int16_t> labels_;  // by row; -1: none
    std::uint64_t answered_ = 0;
};

// What one finished batch of the file brought.
struct TakenAnswers {
    std::uint64_t answered = 0;  // rows with one of the classes now
    std::uint64_t invalid = 0;   // answered, but with no class (a refusal, a label that is none of them)
    std::uint64_t refused = 0;   // the provider refused the request (an error line with a response)
    std::uint64_t not_run = 0;   // of the batch's rows, those with no line at all or only an error (expired…)
};

// Takes the answers of the batch that asked `batch`'s rows: each read as the live answer would be
// (api::openai::parse_chat, normalize_answer against the labeller's classes). A line naming a row
// outside the batch's, or not a row at all, is ignored.
TakenAnswers take_answers(RowAnswers& into, const FileBatch& batch, const std::vector<api::BatchAnswer>& answers,
                          bool structured);

}  // namespace tb::eval
