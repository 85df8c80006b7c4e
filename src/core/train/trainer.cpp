#include "core/train/trainer.h"

#include <algorithm>
#include <numeric>

#include "core/data/hashing.h"
#include "core/train/random.h"

namespace tb::train {

namespace {

// A few hundred points draw the whole run's curve; more would only be noise to decimate.
constexpr std::size_t kCurvePoints = 250;
// 1 GB of input weights, a quarter of what WebAssembly can address: beyond it, ask for fewer buckets.
constexpr std::uint64_t kMaxInputFloats = std::uint64_t{1} << 28;
// Initial weights drawn per unit of work: about as long as one example's update.
constexpr std::size_t kWeightsPerUnit = 1024;

}  // namespace

std::string check_training_data(const std::vector<std::string>& texts, const std::vector<int>& labels,
                                const std::vector<std::string>& classes, const Hyperparameters& hp) {
    if (const std::string why = check(hp); !why.empty()) return why;
    if (texts.size() != labels.size()) {
        return std::to_string(texts.size()) + " texts but " + std::to_string(labels.size()) + " labels";
    }
    if (texts.empty()) return "no training texts";
    if (texts.size() > 0xFFFFFFFFu) return "too many training texts";
    if (classes.empty()) return "no classes";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= classes.size()) {
            return "the label of text " + std::to_string(i) + " (" + std::to_string(labels[i]) +
                   ") is not one of the " + std::to_string(classes.size()) + " classes";
        }
    }
    return {};
}

Trainer::Trainer(const std::vector<std::string>& texts, const std::vector<int>& labels,
                 std::vector<std::string> classes, Hyperparameters hp)
    : hp_(hp) {
    if (std::string why = check_training_data(texts, labels, classes, hp_); !why.empty()) {
        fail(std::move(why));
        return;
    }
    texts_ = texts.size();
    std::size_t bytes = 0;
    for (const auto& text : texts) bytes += text.size();
    text_bytes_.reserve(bytes);
    text_starts_.reserve(texts_ + 1);
    for (const auto& text : texts) {
        text_starts_.push_back(text_bytes_.size());
        text_bytes_ += text;
    }
    text_starts_.push_back(text_bytes_.size());
    classes_ = std::move(classes);
    labels_ = labels;
    builder_.emplace(hp_);
    builder_->reserve(texts);
    window_ = std::max<std::size_t>(1, (examples_total() + kCurvePoints - 1) / kCurvePoints);
}

void Trainer::fail(std::string why) {
    error_ = std::move(why);
    phase_ = Phase::Done;
    builder_.reset();
    text_bytes_ = std::string();
    text_starts_ = {};
    encoded_ = EncodedTexts{};
    model_ = Model();
}

std::size_t Trainer::step(std::size_t work) {
    switch (phase_) {
        case Phase::Reading: return read(work);
        case Phase::Encoding: return encode(work);
        case Phase::Initialising: return initialise(work);
        case Phase::Training: return train(work);
        case Phase::Done: return 0;
    }
    return 0;
}

std::size_t Trainer::read(std::size_t work) {
    std::size_t done_now = 0;
    for (; done_now < work && next_ < texts_; ++done_now, ++next_) {
        builder_->add(std::string_view(text_bytes_).substr(text_starts_[next_], text_starts_[next_ + 1] - text_starts_[next_]));
    }
    if (next_ == texts_) {
        text_bytes_ = std::string();
        text_starts_ = {};
        Dictionary dictionary = builder_->finish(std::move(classes_));
        if (static_cast<std::uint64_t>(dictionary.input_rows()) * static_cast<std::uint64_t>(hp_.dim) > kMaxInputFloats) {
            fail("the input table (" + std::to_string(dictionary.input_rows()) + " rows of " + std::to_string(hp_.dim) +
                 ") would pass 1 GB: lower bucket or dim");
            return done_now;
        }
        model_ = Model::with_zero_weights(std::move(dictionary), hp_);
        builder_->reserve_encoded(encoded_);
        phase_ = Phase::Encoding;
        next_ = 0;
    }
    return done_now;
}

std::size_t Trainer::encode(std::size_t work) {
    std::size_t done_now = 0;
    for (; done_now < work && next_ < texts_; ++done_now, ++next_) builder_->encode(next_, encoded_);
    if (next_ == texts_) {
        builder_.reset();
        for (const std::uint32_t tokens : encoded_.tokens) tokens_per_epoch_ += tokens;
        phase_ = Phase::Initialising;
        next_ = 0;
    }
    return done_now;
}

std::size_t Trainer::initialise(std::size_t work) {
    const auto rows = static_cast<std::size_t>(model_.dictionary().input_rows());
    const std::size_t rows_per_unit = std::max<std::size_t>(1, kWeightsPerUnit / static_cast<std::size_t>(hp_.dim));
    std::size_t done_now = 0;
    for (; done_now < work && next_ < rows; ++done_now) {
        const std::size_t end = std::min(rows, next_ + rows_per_unit);
        model_.initialise_rows(static_cast<std::int32_t>(next_), static_cast<std::int32_t>(end));
        next_ = end;
    }
    if (next_ == rows) {
        phase_ = Phase::Training;
        start_epoch();
    }
    return done_now;
}

double Trainer::preparation() const {
    // Each preparing phase as a third: they take about as long as each other.
    const auto fraction = [](std::size_t part, std::size_t whole) {
        return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
    };
    switch (phase_) {
        case Phase::Reading: return fraction(next_, texts_) / 3;
        case Phase::Encoding: return (1 + fraction(next_, texts_)) / 3;
        case Phase::Initialising:
            return (2 + fraction(next_, static_cast<std::size_t>(model_.dictionary().input_rows()))) / 3;
        case Phase::Training:
        case Phase::Done: return error_.empty() ? 1.0 : 0.0;
    }
    return 0;
}

void Trainer::start_epoch() {
    // Each epoch's order from its own stream, so that epoch k's order depends on the seed and k only.
    order_.resize(texts_);
    std::iota(order_.begin(), order_.end(), 0u);
    Rng rng(data::mix64(hp_.seed ^ 0x6F72646572ull) + static_cast<std::uint64_t>(epoch_));
    for (std::size_t i = order_.size(); i > 1; --i) {
        std::swap(order_[i - 1], order_[static_cast<std::size_t>(rng.below(i))]);
    }
}

double Trainer::progress() const {
    const double total = static_cast<double>(tokens_per_epoch_) * hp_.epochs;
    return total > 0 ? static_cast<double>(tokens_done_) / total : 0.0;
}

double Trainer::learning_rate() const { return hp_.lr * (1.0 - progress()); }

std::size_t Trainer::train(std::size_t work) {
    const double total_tokens = static_cast<double>(tokens_per_epoch_) * hp_.epochs;
    std::size_t trained = 0;
    while (trained < work && position_ < texts_) {
        const std::uint32_t i = order_[position_];
        const auto rows = encoded_.of(i);
        // fastText's schedule, lr (1 - tokens done / all tokens), updated every example rather than every
        // 100 tokens.
        const auto lr = static_cast<float>(hp_.lr * (1.0 - static_cast<double>(tokens_done_) / total_tokens));
        // fastText skips an example with no rows (every word unknown, "</s>" included).
        if (!rows.empty()) {
            const double loss = model_.update(rows, labels_[i], lr, scratch_);
            window_loss_ += loss;
            ++window_examples_;
            epoch_loss_ += loss;
            ++epoch_examples_;
        }
        tokens_done_ += encoded_.tokens[i];
        ++position_;
        ++trained;
        ++examples_done_;
        if (position_ % window_ == 0) close_window();
    }
    if (position_ == texts_) {
        close_window();
        if (epoch_examples_ > 0) last_epoch_loss_ = epoch_loss_ / static_cast<double>(epoch_examples_);
        epoch_loss_ = 0;
        epoch_examples_ = 0;
        position_ = 0;
        ++epoch_;
        if (epoch_ < hp_.epochs) {
            start_epoch();
        } else {
            phase_ = Phase::Done;
            encoded_ = EncodedTexts{};
            order_ = {};
        }
    }
    return trained;
}

void Trainer::close_window() {
    if (window_examples_ > 0) {
        curve_.push_back(LossPoint{progress(), epoch_, window_loss_ / static_cast<double>(window_examples_),
                                   window_examples_});
    }
    window_loss_ = 0;
    window_examples_ = 0;
}

double Trainer::average_loss() const {
    return epoch_examples_ > 0 ? epoch_loss_ / static_cast<double>(epoch_examples_) : last_epoch_loss_;
}

Model Trainer::take_model() {
    phase_ = Phase::Done;
    builder_.reset();
    encoded_ = EncodedTexts{};
    return std::move(model_);
}

}  // namespace tb::train
