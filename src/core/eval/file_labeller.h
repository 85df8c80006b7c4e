#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/reader.h"
#include "core/data/split.h"
#include "core/eval/local_classifier.h"

namespace tb::eval {

// "Label the file": a model's answer for every row of the open file, added as columns to the file as it
// is, streamed through in bounded memory.

// One row the file labeller asks about.
struct RowQuestion {
    std::uint64_t row = 0;                     // the record's number in the file (1-based, as csv::Row's)
    std::string_view text;                     // its text field
    std::span<const std::string_view> fields;  // every field of the record, in the file's column order
};

// What labels rows: the in-browser classifier answers at once; a provider's model through Batch is asked
// in a first pass (eval::BatchQuestions) and its answers written in a second (eval::RowAnswers); an
// embeddings candidate answers later (eval::VectorRowLabeller: pending until its vectors come).
class RowLabeller {
public:
    struct Answer {
        int label = -1;            // into classes(); -1: no answer
        double probability = -1;   // of that label; < 0: the labeller has none
        bool pending = false;      // known later: asked again through later_answer(ticket)
        std::uint64_t ticket = 0;  // a pending answer's, as the labeller knows it
    };
    virtual ~RowLabeller() = default;
    virtual Answer label(const RowQuestion& question) = 0;
    // The answer label() said was pending (by its ticket), once known; pending until then. Asked once more
    // once it is known, for each row it was pending for.
    virtual Answer later_answer(std::uint64_t /*ticket*/) { return {}; }
    virtual const std::vector<std::string>& classes() const = 0;
    virtual std::string model_id() const = 0;  // written in the "model" column
};

// The in-browser classifier of either kind, with its probability calibrated by `beta` (see
// calibration.h; 1 leaves the model's own).
class LocalRowLabeller : public RowLabeller {
public:
    LocalRowLabeller(const LocalClassifier& model, std::string model_id, double beta = 1)
        : model_(model), predictor_(model), model_id_(std::move(model_id)), beta_(beta) {}
    Answer label(const RowQuestion& question) override;
    const std::vector<std::string>& classes() const override { return model_.classes(); }
    std::string model_id() const override { return model_id_; }

private:
    const LocalClassifier& model_;
    LocalPredictor predictor_;
    std::string model_id_;
    double beta_ = 1;
};

// The β that calibrates `model`'s probabilities on `rows` (the validation rows: never trained on), their
// text in field `text_column`; rows of a class the model lacks are left out.
double calibrate(const LocalClassifier& model, const std::vector<data::SplitRow>& rows, int text_column);

struct FileLabelSettings {
    csv::Options csv;             // as the file was read (its header line, its delimiter)
    std::string text_column;      // header names, as the dataset found them
    std::string label_column;     // empty: the file has none (every row is unlabelled)
    bool only_unlabelled = false;  // rows whose label is blank get an answer; the others keep blank columns
};

// The columns added after the file's own, in this order.
inline constexpr std::string_view kPredictedLabelColumn = "predicted_label";
inline constexpr std::string_view kProbabilityColumn = "predicted_probability";
inline constexpr std::string_view kModelColumn = "model";

// Reads the file's bytes as they come (feed(), in pieces cut anywhere) and writes, to output(), its
// header and every row it reads, each field as read (quoted again where needed) followed by the added
// columns. The output is written with commas whatever the file's delimiter. The caller takes output()
// away as it grows: memory holds one record and what was not taken yet — and, while an answer is pending,
// that row and every one after it (the output keeps the file's order) until release() finds it known.
class FileLabeller : private csv::RowSink {
public:
    FileLabeller(RowLabeller& labeller, FileLabelSettings settings);

    void feed(std::string_view chunk) { reader_.feed(chunk, *this); }
    void finish() { reader_.finish(*this); }
    // Writes the rows held for a pending answer, in order, up to the first whose answer is still pending.
    void release();
    std::size_t held() const { return held_.size() - released_; }  // rows read and not yet written

    std::string& output() { return out_; }
    // Why the file cannot be labelled (not a CSV, no such text column), or empty. Set as soon as it is known.
    const std::string& error() const { return error_; }
    const csv::Reader& reader() const { return reader_; }
    std::uint64_t rows() const { return rows_; }        // written
    std::uint64_t labelled() const { return labelled_; }  // of which answered
    std::uint64_t bytes_read() const { return reader_.stats().bytes; }
    // Once finished: rows the reader could not pass on (a record too long, a cut-off last row), with
    // where the first was, for the person to look at; empty when none.
    std::string lost_rows() const;

private:
    csv::ColumnSelection on_header(const csv::Header& header) override;
    void on_row(const csv::Row& row) override;
    void write(const RowLabeller::Answer& answer);

    // A row read whose answer (or an earlier row's) is pending: its fields copied, as the reader's go.
    struct Held {
        std::uint64_t row = 0;
        std::vector<std::string> fields;
        RowLabeller::Answer answer;
    };

    RowLabeller& labeller_;
    FileLabelSettings settings_;
    csv::Reader reader_;
    std::string model_id_;
    std::string out_;
    std::string error_;
    std::size_t text_ = 0;
    std::size_t label_ = 0;
    bool has_label_ = false;
    std::uint64_t rows_ = 0, labelled_ = 0;
    std::vector<std::string_view> fields_;
    std::string probability_;
    std::vector<Held> held_;  // from released_ on: a vector, as a deque costs the page kilobytes of code
    std::size_t released_ = 0;
};

}  // namespace tb::eval
