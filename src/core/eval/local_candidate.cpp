#include "core/eval/local_candidate.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/data/hashing.h"

namespace tb::eval {

std::string hyperparameters_label(const train::Hyperparameters& hp) {
    const train::Hyperparameters defaults;
    std::string label = "dim " + std::to_string(hp.dim) + " · " + std::to_string(hp.epochs) +
                        (hp.epochs == 1 ? " epoch" : " epochs");
    label += hp.word_ngrams > 1 ? " · word " + std::to_string(hp.word_ngrams) + "-grams" : " · words only";
    if (hp.lr != defaults.lr) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%g", hp.lr);
        label += " · lr " + std::string(rate);
    }
    if (hp.maxn > 0) label += " · char " + std::to_string(hp.minn) + "–" + std::to_string(hp.maxn) + "-grams";
    if (hp.bucket != defaults.bucket) label += " · " + std::to_string(hp.bucket) + " buckets";
    if (hp.min_count != defaults.min_count) label += " · min count " + std::to_string(hp.min_count);
    if (hp.seed != defaults.seed) label += " · seed " + std::to_string(hp.seed);
    return label;
}

std::string training_fingerprint(const std::vector<data::SplitRow>& train) {
    return data::hex64(data::rows_hash(train));
}

namespace {
constexpr std::string_view kEveryRowBut = "every-row-but-";
}  // namespace

std::string held_out_fingerprint(const data::Split& split) {
    std::vector<data::SplitRow> held_out = split.validation;
    held_out.insert(held_out.end(), split.test.begin(), split.test.end());
    return std::string(kEveryRowBut) + training_fingerprint(held_out);
}

bool learnt_from_every_row(const std::string& fingerprint) { return fingerprint.rfind(kEveryRowBut, 0) == 0; }

std::string linear_features_label(int ngram, linear::CharRange chars) {
    std::string out = ngram >= 2 ? "words and pairs" : "words";
    if (chars.on()) out += " + characters " + std::to_string(chars.min) + "–" + std::to_string(chars.max);
    return out;
}

std::string linear_label(int ngram, linear::CharRange chars, double strength) {
    char c[32];
    std::snprintf(c, sizeof c, "%g", strength);
    return "TF-IDF + logistic regression · " + linear_features_label(ngram, chars) + " · C " + c;
}

Candidate local_candidate(const std::string& model, const std::string& source) {
    Candidate candidate;
    candidate.method = Method::Local;
    candidate.model = model;
    candidate.source = source;
    return candidate;
}

void answer_with_model(Evaluation& evaluation, const LocalClassifier& model, const std::vector<data::SplitRow>& test,
                       int text_column) {
    const auto classes = static_cast<int>(model.classes().size());
    for (const data::SplitRow& row : test) {
        if (evaluation.answers.count(row.row) != 0) continue;
        const int predicted = model.predict_label(data::field_of(row, text_column));
        Answer answer;
        if (predicted >= 0 && predicted < classes) {
            answer.label = model.classes()[static_cast<std::size_t>(predicted)];
        }
        answer.raw = answer.label;
        answer.match = answer.label.empty() ? Match::Invalid : Match::Exact;
        evaluation.answers[row.row] = std::move(answer);
    }
}

}  // namespace tb::eval
