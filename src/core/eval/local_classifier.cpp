#include "core/eval/local_classifier.h"

#include <algorithm>

namespace tb::eval {

std::string_view local_kind_key(LocalKind kind) { return kind == LocalKind::Linear ? "linear" : "fasttext"; }

bool local_kind_from_key(std::string_view key, LocalKind& kind) {
    if (key == "linear") {
        kind = LocalKind::Linear;
    } else if (key == "fasttext") {
        kind = LocalKind::FastText;
    } else {
        return false;
    }
    return true;
}

int LocalClassifier::predict_label(std::string_view text) const {
    return std::visit([&](const auto& model) { return model.predict_label(text); }, model_);
}

std::vector<double> LocalClassifier::predict(std::string_view text) const {
    LocalPredictor predictor(*this);
    const std::span<const double> p = predictor.predict(text);
    return {p.begin(), p.end()};
}

std::span<double> LocalPredictor::predict(std::string_view text) {
    if (const linear::LinearModel* linear = model_.linear()) {
        linear->predict(text, scratch_, out_);
    } else {
        const std::vector<float> p = model_.fasttext()->predict(text);
        std::copy(p.begin(), p.end(), out_.begin());
    }
    return out_;
}

const std::vector<std::string>& LocalClassifier::classes() const {
    return std::visit([](const auto& model) -> const std::vector<std::string>& { return model.classes(); }, model_);
}

std::vector<std::uint8_t> LocalClassifier::save() const {
    return std::visit([](const auto& model) { return model.save(); }, model_);
}

std::optional<LocalClassifier> LocalClassifier::load(std::span<const std::uint8_t> bytes, std::string* error) {
    if (linear::is_linear_model_blob(bytes)) {
        std::optional<linear::LinearModel> model = linear::LinearModel::load(bytes, error);
        if (!model) return std::nullopt;
        return LocalClassifier(std::move(*model));
    }
    std::optional<train::Model> model = train::Model::load(bytes, error);
    if (!model) return std::nullopt;
    return LocalClassifier(std::move(*model));
}

LocalClassifier LocalTraining::take_model() {
    if (search_) return LocalClassifier(search_->take_model());
    return LocalClassifier(run_->take_model());
}

}  // namespace tb::eval
