#include "core/eval/file_labeller.h"

#include <algorithm>
#include <cstdio>

#include "core/csv/writer.h"
#include "core/data/columns.h"
#include "core/eval/calibration.h"

namespace tb::eval {

RowLabeller::Answer LocalRowLabeller::label(const RowQuestion& question) {
    const std::span<double> p = predictor_.predict(question.text);
    if (p.empty()) return {};
    sharpen(p, beta_);
    const auto best = std::max_element(p.begin(), p.end());
    return {static_cast<int>(best - p.begin()), *best};
}

double calibrate(const LocalClassifier& model, const std::vector<data::SplitRow>& rows, int text_column) {
    std::vector<std::vector<double>> probabilities;
    std::vector<int> labels;
    LocalPredictor predictor(model);
    for (const data::SplitRow& row : rows) {
        const int label = data::class_index(model.classes(), row.label);
        if (label < 0) continue;
        const std::span<const double> p = predictor.predict(data::field_of(row, text_column));
        probabilities.emplace_back(p.begin(), p.end());
        labels.push_back(label);
    }
    return fit_beta(probabilities, labels);
}

FileLabeller::FileLabeller(RowLabeller& labeller, FileLabelSettings settings)
    : labeller_(labeller), settings_(std::move(settings)), reader_(settings_.csv), model_id_(labeller.model_id()) {}

csv::ColumnSelection FileLabeller::on_header(const csv::Header& header) {
    const auto text = header.find(settings_.text_column);
    if (!text) {
        error_ = "The file has no column \"" + settings_.text_column + "\" to label from: it is not the file the model was trained on.";
    } else {
        text_ = *text;
    }
    if (!settings_.label_column.empty()) {
        if (const auto label = header.find(settings_.label_column)) {
            label_ = *label;
            has_label_ = true;
        }
    }
    // Every column is kept as read, so every one is materialised.
    fields_.assign(header.names().begin(), header.names().end());
    fields_.push_back(kPredictedLabelColumn);
    fields_.push_back(kProbabilityColumn);
    fields_.push_back(kModelColumn);
    csv::append_record(out_, fields_);
    return {};
}

void FileLabeller::on_row(const csv::Row& row) {
    if (!error_.empty()) return;
    // Missing as the file's reading counts it (blank, or "None"), so the rows answered are the rows it counted.
    const bool labelled_already = has_label_ && !data::is_missing_text(row.field(label_));
    const std::string_view text = row.field(text_);
    RowLabeller::Answer answer;
    // A row with no text has nothing to go on: it gets blank columns rather than the classes' prior.
    if (!(settings_.only_unlabelled && labelled_already) && !data::is_missing_text(text)) answer = labeller_.label({row.number, text, row.fields});
    if (answer.pending || held() > 0) {
        held_.push_back({row.number, std::vector<std::string>(row.fields.begin(), row.fields.end()), answer});
        return;
    }
    fields_.assign(row.fields.begin(), row.fields.end());
    write(answer);
}

void FileLabeller::release() {
    for (; released_ < held_.size(); ++released_) {
        Held& held = held_[released_];
        if (held.answer.pending) {
            held.answer = labeller_.later_answer(held.answer.ticket);
            if (held.answer.pending) break;
        }
        fields_.assign(held.fields.begin(), held.fields.end());
        write(held.answer);
    }
    // Rows written leave the front now and then, so the vector holds about what still waits.
    if (released_ == held_.size() || released_ >= 1024) {
        held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(released_));
        released_ = 0;
    }
}

// fields_ holds the row's own fields: the added columns follow them.
void FileLabeller::write(const RowLabeller::Answer& answer) {
    const auto& classes = labeller_.classes();
    if (answer.label >= 0 && static_cast<std::size_t>(answer.label) < classes.size()) {
        ++labelled_;
        fields_.push_back(classes[static_cast<std::size_t>(answer.label)]);
        probability_.clear();
        if (answer.probability >= 0) {
            char digits[32];
            std::snprintf(digits, sizeof digits, "%.4f", answer.probability);
            probability_ = digits;
        }
        fields_.push_back(probability_);
        fields_.push_back(model_id_);
    } else {
        fields_.insert(fields_.end(), 3, std::string_view{});
    }
    csv::append_record(out_, fields_);
    ++rows_;
}

std::string FileLabeller::lost_rows() const {
    const csv::Stats& stats = reader_.stats();
    const std::uint64_t lost = stats.count(csv::ProblemKind::RecordTooLong) + stats.count(csv::ProblemKind::CutOffRow);
    if (lost == 0) return {};
    std::string out = std::to_string(lost) + (lost == 1 ? " row" : " rows") + " could not be read and are not in the output";
    for (const csv::Problem& problem : stats.problems) {
        if (problem.kind != csv::ProblemKind::RecordTooLong && problem.kind != csv::ProblemKind::CutOffRow) continue;
        out += ": the first at row " + std::to_string(problem.row) + ", byte " + std::to_string(problem.offset) + " (" +
               problem.message + ")";
        break;
    }
    return out + ".";
}

}  // namespace tb::eval
