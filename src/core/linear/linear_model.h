#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/linear/tfidf.h"

namespace tb::linear {

// A trained TF-IDF + multinomial logistic regression classifier: the features, and the weights
// (features × classes, feature-major as softmax_regression.h lays them out) with one bias per class.
class LinearModel {
public:
    LinearModel() = default;
    LinearModel(Tfidf features, std::vector<std::string> classes, std::vector<float> weights, std::vector<float> bias,
                double strength);

    // Probabilities over classes() for one text (the biases' softmax when none of its terms is known).
    std::vector<double> predict(std::string_view text) const;
    int predict_label(std::string_view text) const;
    // The same into `out` (classes().size() values), in buffers kept from row to row.
    struct Scratch {
        Tfidf::Scratch features;
        std::vector<std::int32_t> columns;
        std::vector<float> values;
    };
    void predict(std::string_view text, Scratch& scratch, std::span<double> out) const;

    const Tfidf& features() const { return features_; }
    const std::vector<std::string>& classes() const { return classes_; }
    double strength() const { return strength_; }  // the C it was trained with
    bool empty() const { return classes_.empty(); }
    std::span<const float> weights() const { return weights_; }
    std::span<const float> bias() const { return bias_; }

    // A versioned little-endian blob (linear_model.cpp describes it), checked on load: nullopt and a
    // reason in `error` for a truncated, corrupted or other-version blob.
    std::vector<std::uint8_t> save() const;
    static std::optional<LinearModel> load(std::span<const std::uint8_t> bytes, std::string* error = nullptr);

private:
    Tfidf features_;
    std::vector<std::string> classes_;
    std::vector<float> weights_, bias_;
    double strength_ = 1;
};

// Whether a blob is a LinearModel's (by its magic), to tell the in-browser model kinds apart.
bool is_linear_model_blob(std::span<const std::uint8_t> bytes);

}  // namespace tb::linear
