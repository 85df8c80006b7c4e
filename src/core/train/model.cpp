#include "core/train/model.h"

#include <algorithm>
#include <limits>

#include "core/train/kernels.h"
#include "core/train/portable_math.h"
#include "core/train/random.h"

namespace tb::train {

Model::Model(Dictionary dictionary, const Hyperparameters& hp)
    : Model(with_zero_weights(std::move(dictionary), hp)) {
    initialise_rows(0, dictionary_.input_rows());
}

Model Model::with_zero_weights(Dictionary dictionary, const Hyperparameters& hp) {
    Model model;
    model.dictionary_ = std::move(dictionary);
    model.hp_ = hp;
    const auto dim = static_cast<std::size_t>(hp.dim);
    model.input_.assign(static_cast<std::size_t>(model.dictionary_.input_rows()) * dim, 0.0f);
    model.output_.assign(model.dictionary_.labels().size() * dim, 0.0f);
    return model;
}

void Model::initialise_rows(std::int32_t begin, std::int32_t end) {
    // One stream over all the weights in order; a slice starts at its first weight's draw.
    const auto dim = static_cast<std::size_t>(hp_.dim);
    Rng rng(hp_.seed);
    rng.skip(static_cast<std::uint64_t>(begin) * dim);
    const float bound = 1.0f / static_cast<float>(hp_.dim);
    const auto first = input_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(begin) * dim);
    const auto last = input_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(end) * dim);
    for (auto w = first; w != last; ++w) *w = (2.0f * rng.unit_float() - 1.0f) * bound;
}

void Model::hidden_of(std::span<const std::int32_t> rows, float* hidden) const {
    const int dim = hp_.dim;
    std::fill(hidden, hidden + dim, 0.0f);
    if (rows.empty()) return;
    for (const std::int32_t row : rows) add_to(hidden, input_.data() + static_cast<std::size_t>(row) * dim, dim);
    scale(hidden, static_cast<float>(1.0 / static_cast<double>(rows.size())), dim);
}

double Model::softmax(float* scores, int label) const {
    const int classes = class_count();
    float max = scores[0];
    for (int c = 1; c < classes; ++c) max = std::max(max, scores[c]);
    // In double, from portable_exp: the probabilities feed every update, so they must round alike in
    // every build. -log p(label) = log(sum) - (score(label) - max), finite even when p underflows.
    double sum = 0;
    for (int c = 0; c < classes; ++c) sum += portable_exp(static_cast<double>(scores[c]) - max);
    const double loss = label < 0 ? 0.0 : portable_log(sum) - (static_cast<double>(scores[label]) - max);
    for (int c = 0; c < classes; ++c) {
        scores[c] = static_cast<float>(portable_exp(static_cast<double>(scores[c]) - max) / sum);
    }
    return loss;
}

void Model::forward(std::span<const std::int32_t> rows, float* hidden, float* scores) const {
    hidden_of(rows, hidden);
    const int dim = hp_.dim;
    for (int c = 0; c < class_count(); ++c) {
        scores[c] = dot(output_.data() + static_cast<std::size_t>(c) * dim, hidden, dim);
    }
}

void Model::predict(std::span<const std::int32_t> rows, std::span<float> probabilities) const {
    std::vector<float> hidden(static_cast<std::size_t>(hp_.dim));
    forward(rows, hidden.data(), probabilities.data());
    softmax(probabilities.data(), -1);
}

double Model::loss(std::span<const std::int32_t> rows, int label) const {
    if (label < 0 || label >= class_count()) return std::numeric_limits<double>::quiet_NaN();
    std::vector<float> hidden(static_cast<std::size_t>(hp_.dim));
    std::vector<float> scores(static_cast<std::size_t>(class_count()));
    forward(rows, hidden.data(), scores.data());
    return softmax(scores.data(), label);
}

std::vector<float> Model::predict(std::string_view text) const {
    std::vector<float> probabilities(static_cast<std::size_t>(class_count()));
    if (!probabilities.empty()) predict(dictionary_.encode(text), probabilities);
    return probabilities;
}

int Model::predict_label(std::string_view text) const {
    const std::vector<float> probabilities = predict(text);
    if (probabilities.empty()) return -1;
    // The first of equal maxima, so a tie resolves the same way everywhere.
    return static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin());
}

double Model::loss(std::string_view text, int label) const { return loss(dictionary_.encode(text), label); }

Gradient Model::gradient(std::span<const std::int32_t> rows, int label) const {
    const int dim = hp_.dim;
    const int classes = class_count();
    std::vector<float> hidden(static_cast<std::size_t>(dim));
    std::vector<float> p(static_cast<std::size_t>(classes));
    forward(rows, hidden.data(), p.data());
    Gradient gradient;
    gradient.loss = softmax(p.data(), label);
    gradient.input.assign(static_cast<std::size_t>(dim), 0.0f);
    gradient.output.assign(output_.size(), 0.0f);
    // dL/dscore_c = p_c - y_c; score_c = W_out[c] . hidden; hidden = sum of rows / n.
    for (int c = 0; c < classes; ++c) {
        const float d_score = p[static_cast<std::size_t>(c)] - (c == label ? 1.0f : 0.0f);
        const std::size_t at = static_cast<std::size_t>(c) * static_cast<std::size_t>(dim);
        add_scaled_to(gradient.output.data() + at, hidden.data(), d_score, dim);
        add_scaled_to(gradient.input.data(), output_.data() + at, d_score, dim);
    }
    if (!rows.empty()) scale(gradient.input.data(), static_cast<float>(1.0 / static_cast<double>(rows.size())), dim);
    return gradient;
}

double Model::update(std::span<const std::int32_t> rows, int label, float lr, Scratch& scratch) {
    const int dim = hp_.dim;
    const int classes = class_count();
    scratch.hidden.resize(static_cast<std::size_t>(dim));
    scratch.gradient.assign(static_cast<std::size_t>(dim), 0.0f);
    scratch.scores.resize(static_cast<std::size_t>(classes));
    float* hidden = scratch.hidden.data();
    float* gradient = scratch.gradient.data();
    float* p = scratch.scores.data();

    forward(rows, hidden, p);
    const double loss = softmax(p, label);
    for (int c = 0; c < classes; ++c) {
        const float alpha = lr * ((c == label ? 1.0f : 0.0f) - p[c]);
        float* out = output_.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(dim);
        add_scaled_to(gradient, out, alpha, dim);  // before the class row moves, as fastText does
        add_scaled_to(out, hidden, alpha, dim);
    }
    scale(gradient, static_cast<float>(1.0 / static_cast<double>(rows.size())), dim);
    for (const std::int32_t row : rows) add_to(input_.data() + static_cast<std::size_t>(row) * dim, gradient, dim);
    return loss;
}

}  // namespace tb::train
