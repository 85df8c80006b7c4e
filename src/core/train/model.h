#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/dictionary.h"
#include "core/train/hyperparameters.h"

namespace tb::train {

// The loss of one example and its gradient with respect to every weight it touches, as update() steps
// against it (scaled by -lr): exposed so tests can check it against finite differences.
struct Gradient {
    double loss = 0;
    // dL/d(input row), dim floats, for each appearance of a row among the example's rows: a row that
    // appears k times (a repeated word) gets k times this.
    std::vector<float> input;
    std::vector<float> output;  // dL/d(output matrix), classes × dim
};

// update()'s buffers, kept between examples so training allocates nothing per example.
struct Scratch {
    std::vector<float> hidden, gradient, scores;
};

// fastText's supervised model: a text is the mean of its rows of the input table (words and hashed
// n-grams), and a linear softmax over the classes reads that mean. Weights are floats, row-major.
class Model {
public:
    Model() = default;
    // fastText's initial weights: input rows uniform in [-1/dim, 1/dim) drawn from hp.seed, output zero.
    Model(Dictionary dictionary, const Hyperparameters& hp);
    // The same with every weight zero, for drawing the input rows in slices with initialise_rows(): any
    // slicing of [0, input rows) gives the constructor's weights.
    static Model with_zero_weights(Dictionary dictionary, const Hyperparameters& hp);
    void initialise_rows(std::int32_t begin, std::int32_t end);

    // Probabilities over the classes for one text (uniform when none of its rows exist, e.g. an empty
    // dictionary).
    std::vector<float> predict(std::string_view text) const;
    int predict_label(std::string_view text) const;
    // -log p(label), exactly (fastText reports log(p + 1e-5) from a table); NaN for a label out of range.
    double loss(std::string_view text, int label) const;

    // The same for rows from dictionary().encode(): `probabilities` has classes() floats.
    void predict(std::span<const std::int32_t> rows, std::span<float> probabilities) const;
    double loss(std::span<const std::int32_t> rows, int label) const;
    Gradient gradient(std::span<const std::int32_t> rows, int label) const;

    // One SGD step on one example, fastText's supervised softmax update: hidden = mean of the rows,
    // p = softmax(W_out hidden); each class row c moves by lr (y_c - p_c) hidden, and each input row (once
    // per appearance) by the sum of lr (y_c - p_c) W_out[c] (taken before the move) over the number of
    // rows. Returns the example's loss before the step. Rows must be non-empty.
    double update(std::span<const std::int32_t> rows, int label, float lr, Scratch& scratch);

    const Dictionary& dictionary() const { return dictionary_; }
    const Hyperparameters& hyperparameters() const { return hp_; }
    const std::vector<std::string>& classes() const { return dictionary_.labels(); }
    int dim() const { return hp_.dim; }
    int class_count() const { return static_cast<int>(dictionary_.labels().size()); }
    bool empty() const { return output_.empty(); }

    // Row-major weights: input_rows() × dim and classes × dim.
    std::span<float> input_weights() { return input_; }
    std::span<const float> input_weights() const { return input_; }
    std::span<float> output_weights() { return output_; }
    std::span<const float> output_weights() const { return output_; }
    std::size_t memory_bytes() const { return (input_.size() + output_.size()) * sizeof(float); }

    // A versioned little-endian blob (model_blob.cpp describes it), checked on load: nullopt and a
    // reason in `error` for a truncated, corrupted or other-version blob.
    std::vector<std::uint8_t> save() const;
    static std::optional<Model> load(std::span<const std::uint8_t> bytes, std::string* error = nullptr);

    // The text's vector: the mean of its rows (dim() floats; zero when it has none). The map draws it.
    void hidden_of(std::span<const std::int32_t> rows, float* hidden) const;

private:
    // Scores become probabilities; returns -log p(label), or 0 for label < 0.
    double softmax(float* scores, int label) const;
    void forward(std::span<const std::int32_t> rows, float* hidden, float* scores) const;

    Dictionary dictionary_;
    Hyperparameters hp_;
    std::vector<float> input_, output_;
};

}  // namespace tb::train
