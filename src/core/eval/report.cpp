#include "core/eval/report.h"

#include <algorithm>

#include "core/data/split_csv.h"

namespace tb::eval {

namespace {

const Answer* answer_to(const Evaluation& evaluation, const data::SplitRow& row) {
    const auto found = evaluation.answers.find(row.row);
    return found == evaluation.answers.end() ? nullptr : &found->second;
}

}  // namespace

CandidateReport report_candidate(const Evaluation& evaluation, const std::vector<std::string>& classes,
                                 const std::vector<data::SplitRow>& test, const prompt::PriceTable& prices) {
    CandidateReport report;
    report.id = evaluation.id;
    report.name = candidate_name(evaluation.candidate);
    report.tally = tally(evaluation, test);
    std::vector<int> truth, predicted;
    for (const data::SplitRow& row : test) {
        const Answer* answer = answer_to(evaluation, row);
        const int true_class = data::class_index(classes, row.label);
        if (!answer || true_class < 0) continue;
        truth.push_back(true_class);
        predicted.push_back(answer->label.empty() ? -1 : data::class_index(classes, answer->label));
    }
    report.confusion = confusion(classes, truth, predicted);
    report.classes = per_class_scores(report.confusion);
    report.macro_f1 = macro_f1(report.classes);
    const Tally& t = report.tally;
    report.accuracy = t.answered ? static_cast<double>(t.correct) / static_cast<double>(t.answered) : 0.0;
    report.interval = wilson_interval(t.correct, t.answered);
    report.mean_seconds = t.answered ? t.seconds / static_cast<double>(t.answered) : 0.0;
    report.complete = t.answered + t.failed == t.rows;
    if (evaluation.candidate.method == Method::Embeddings) {
        // Paid for the vectors of every row it learnt from, was checked on and answered, not per answer.
        report.tally.prompt_tokens = evaluation.embedding_tokens;
        report.cost = prices.chat_cost(evaluation.candidate.profile, evaluation.candidate.model,
                                       evaluation.embedding_tokens, 0);
    } else if (evaluation.candidate.method == Method::Majority || evaluation.candidate.method == Method::Local) {
        report.cost = 0.0;  // nobody is paid
    } else {
        // Answers that came through a Batch API are billed at its price, the others at the live one.
        const auto live = prices.chat_cost(evaluation.candidate.profile, evaluation.candidate.model,
                                           t.prompt_tokens - t.batch_prompt_tokens,
                                           t.completion_tokens - t.batch_completion_tokens);
        const auto batch = prices.chat_cost(evaluation.candidate.profile, evaluation.candidate.model,
                                            t.batch_prompt_tokens, t.batch_completion_tokens);
        if (live && batch) report.cost = *live + prompt::kBatchPriceFactor * *batch;
    }
    return report;
}

PairComparison compare_pair(const Evaluation& a, const Evaluation& b, const std::vector<data::SplitRow>& test) {
    std::vector<bool> a_right, b_right;
    for (const data::SplitRow& row : test) {
        const Answer* x = answer_to(a, row);
        const Answer* y = answer_to(b, row);
        if (!x || !y) continue;
        a_right.push_back(x->label == row.label);
        b_right.push_back(y->label == row.label);
    }
    PairComparison out;
    out.rows = a_right.size();
    const auto share = [&](const std::vector<bool>& right) {
        return out.rows ? static_cast<double>(std::count(right.begin(), right.end(), true)) / static_cast<double>(out.rows)
                        : 0.0;
    };
    out.a_accuracy = share(a_right);
    out.b_accuracy = share(b_right);
    out.test = exact_mcnemar(a_right, b_right);
    out.sentence = mcnemar_sentence(candidate_name(a.candidate), out.a_accuracy, candidate_name(b.candidate),
                                    out.b_accuracy, out.rows, out.test);
    return out;
}

std::vector<std::size_t> explore_rows(const std::vector<const Evaluation*>& evaluations,
                                      const std::vector<data::SplitRow>& test, RowFilter filter, const Evaluation* a,
                                      const Evaluation* b, std::span<const std::uint64_t> selected) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < test.size(); ++i) {
        const data::SplitRow& row = test[i];
        bool keep = true;
        if (filter == RowFilter::AnyWrong) {
            keep = std::any_of(evaluations.begin(), evaluations.end(), [&](const Evaluation* e) {
                const Answer* answer = answer_to(*e, row);
                return answer && answer->label != row.label;
            });
        } else if (filter == RowFilter::Disagree) {
            const Answer* x = a ? answer_to(*a, row) : nullptr;
            const Answer* y = b ? answer_to(*b, row) : nullptr;
            keep = x && y && x->label != y->label;
        } else if (filter == RowFilter::MapSelection) {
            keep = std::binary_search(selected.begin(), selected.end(), row.row);
        }
        if (keep) rows.push_back(i);
    }
    return rows;
}

std::string predictions_csv(const std::vector<const Evaluation*>& evaluations, const std::vector<data::SplitRow>& test,
                            int text_column) {
    std::string out = "row,true_label,text";
    for (const Evaluation* evaluation : evaluations) {
        for (const char* suffix : {": answer", ": correct", ": raw"}) {
            out += ',';
            data::append_csv_field(out, candidate_name(evaluation->candidate) + suffix);
        }
    }
    out += "\r\n";
    for (const data::SplitRow& row : test) {
        out += std::to_string(row.row);
        out += ',';
        data::append_csv_field(out, row.label);
        out += ',';
        data::append_csv_field(out, data::field_of(row, text_column));
        for (const Evaluation* evaluation : evaluations) {
            const Answer* answer = answer_to(*evaluation, row);
            out += ',';
            if (answer) data::append_csv_field(out, answer->label.empty() ? "invalid" : answer->label);
            out += ',';
            if (answer) out += answer->label == row.label ? "1" : "0";
            out += ',';
            if (answer) data::append_csv_field(out, answer->raw);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace tb::eval
