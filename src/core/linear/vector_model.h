#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/linear/feature_rows.h"

namespace tb::linear {

// The training rows' mean and standard deviation of each dimension (scikit-learn's StandardScaler: the
// population deviation, and 1 for a dimension that never varies), applied as (x − mean) · scale.
struct Standardiser {
    std::vector<float> mean, scale;  // scale = 1 / deviation

    Standardising reading() const { return {mean, scale}; }
};

// Accumulates a Standardiser over rows, one at a time, in a fixed order (the same on every platform).
class StandardiserFit {
public:
    explicit StandardiserFit(std::size_t dims) : sum_(dims, 0.0), squares_(dims, 0.0) {}
    void add(std::span<const float> vector);
    Standardiser result() const;

private:
    std::vector<double> sum_, squares_;
    std::size_t rows_ = 0;
};

// A multinomial logistic regression on standardised vectors (embeddings): probabilities are
// softmax(standardised(x) · W + b), W dims × classes feature-major as softmax_regression.h lays it out.
class VectorModel {
public:
    VectorModel() = default;
    VectorModel(std::vector<std::string> classes, Standardiser standardiser, std::vector<float> weights,
                std::vector<float> bias, double strength);

    // Probabilities over classes() (empty for a vector of another size than dims()).
    std::vector<double> predict(std::span<const float> vector) const;
    int predict_label(std::span<const float> vector) const;  // -1 for a vector of another size

    std::size_t dims() const { return standardiser_.mean.size(); }
    const std::vector<std::string>& classes() const { return classes_; }
    double strength() const { return strength_; }
    bool empty() const { return classes_.empty(); }

private:
    std::vector<std::string> classes_;
    Standardiser standardiser_;
    std::vector<float> weights_, bias_;
    double strength_ = 1;
};

}  // namespace tb::linear
