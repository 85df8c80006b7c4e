// The saved TF-IDF + logistic regression model, little-endian throughout:
//
//   "TBLR"            magic
//   u32 version       1, or 2 when the features hold character n-grams (the lowest that holds them, so a
//                     model of words alone still opens in a page of before version 2); any other is
//                     refused, never guessed at
//   u64 size          of the whole blob, so a cut-off blob says so rather than failing a checksum
//   f64 strength      C
//   u32 classes       + each class name (string)
//   features          Tfidf::write: u32 max_ngram, [version 2: u32 char_min, u32 char_max, u64 word columns],
//                     u32 terms + each term (string), f32 idf × terms
//   f32 weights       terms × classes, feature-major
//   f32 bias          classes
//   u64 checksum      data::hash_text of every byte before it
//
// Strings are u32 length + UTF-8 bytes.
#include "core/linear/linear_model.h"

#include <algorithm>
#include <cmath>

#include "core/data/hashing.h"
#include "core/linear/softmax_regression.h"
#include "core/text/utf8.h"
#include "core/train/bytes.h"

namespace tb::linear {

namespace {

constexpr char kMagic[4] = {'T', 'B', 'L', 'R'};
constexpr std::uint32_t kNewestVersion = 2;

}  // namespace

LinearModel::LinearModel(Tfidf features, std::vector<std::string> classes, std::vector<float> weights,
                         std::vector<float> bias, double strength)
    : features_(std::move(features)), classes_(std::move(classes)), weights_(std::move(weights)), bias_(std::move(bias)),
      strength_(strength) {}

std::vector<double> LinearModel::predict(std::string_view text) const {
    std::vector<double> out(classes_.size(), 0.0);
    Scratch scratch;
    predict(text, scratch, out);
    return out;
}

void LinearModel::predict(std::string_view text, Scratch& scratch, std::span<double> out) const {
    if (classes_.empty()) return;
    features_.transform(text, scratch.columns, scratch.values, scratch.features);
    probabilities<float>(scratch.columns, scratch.values, weights_, bias_, out);
}

int LinearModel::predict_label(std::string_view text) const {
    if (classes_.empty()) return -1;
    const std::vector<double> p = predict(text);
    return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

std::vector<std::uint8_t> LinearModel::save() const {
    train::ByteWriter out;
    out.reserve((weights_.size() + bias_.size()) * 4 + features_.width() * 16 + 64);
    for (const char c : kMagic) out.bytes().push_back(static_cast<std::uint8_t>(c));
    out.u32(features_.version());
    out.u64(0);  // the size, filled in below
    out.f64(strength_);
    out.u32(static_cast<std::uint32_t>(classes_.size()));
    for (const std::string& name : classes_) out.string(name);
    features_.write(out);
    out.floats(weights_);
    out.floats(bias_);
    std::vector<std::uint8_t>& bytes = out.bytes();
    const std::uint64_t size = bytes.size() + 8;
    for (std::size_t b = 0; b < 8; ++b) bytes[8 + b] = static_cast<std::uint8_t>(size >> (8 * b));
    out.u64(data::hash_bytes(bytes));
    return std::move(bytes);
}

bool is_linear_model_blob(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 4 && std::equal(kMagic, kMagic + 4, bytes.begin(), [](char a, std::uint8_t b) {
               return static_cast<std::uint8_t>(a) == b;
           });
}

std::optional<LinearModel> LinearModel::load(std::span<const std::uint8_t> bytes, std::string* error) {
    const auto fail = [&](std::string why) -> std::optional<LinearModel> {
        if (error != nullptr) *error = std::move(why);
        return std::nullopt;
    };
    if (!is_linear_model_blob(bytes)) return fail("it does not start as a Tuneboard linear model does");
    train::ByteReader in(bytes.subspan(4));
    std::uint32_t version = 0;
    std::uint64_t size = 0;
    if (!in.u32(version) || !in.u64(size)) return fail("it ends inside its header");
    if (version < 1 || version > kNewestVersion) {
        return fail("it is version " + std::to_string(version) + " of the format; this Tuneboard reads versions 1 to " +
                    std::to_string(kNewestVersion));
    }
    if (size != bytes.size()) {
        return fail("it should be " + std::to_string(size) + " bytes long but is " + std::to_string(bytes.size()) +
                    " (cut off, or more than one file)");
    }
    if (bytes.size() < 32) return fail("it is too short to be a model");
    std::uint64_t stored = 0;
    train::ByteReader tail(bytes.subspan(bytes.size() - 8));
    if (!tail.u64(stored) || stored != data::hash_bytes(bytes.first(bytes.size() - 8))) {
        return fail("its checksum does not match: the file is damaged");
    }
    double strength = 0;
    std::uint32_t class_count = 0;
    if (!in.f64(strength) || !in.u32(class_count)) return fail("it ends inside its header");
    if (!(strength > 0) || !std::isfinite(strength)) return fail("its strength C is not a positive number");
    if (class_count < 2 || class_count > in.remaining() / 4) return fail("it claims " + std::to_string(class_count) + " classes");
    std::vector<std::string> classes(class_count);
    for (std::string& name : classes) {
        if (!in.string(name)) return fail("it ends inside its class names");
        if (tb::text::valid_utf8_prefix(name) != name.size()) return fail("a class name that is not UTF-8 text");
    }
    Tfidf features;
    std::string why;
    if (!features.read(in, version, why)) return fail(why);
    const std::size_t weight_count = features.width() * class_count;
    if (weight_count / class_count != features.width() || in.remaining() < 8 ||
        weight_count + class_count > (in.remaining() - 8) / 4) {
        return fail("it ends inside its weights");
    }
    std::vector<float> weights(weight_count), bias(class_count);
    if (!in.floats(weights) || !in.floats(bias)) return fail("it ends inside its weights");
    if (in.remaining() != 8) return fail("it has " + std::to_string(in.remaining() - 8) + " bytes after its weights");
    for (const float w : weights) {
        if (!std::isfinite(w)) return fail("a weight is not a number");
    }
    for (const float b : bias) {
        if (!std::isfinite(b)) return fail("a bias is not a number");
    }
    return LinearModel(std::move(features), std::move(classes), std::move(weights), std::move(bias), strength);
}

}  // namespace tb::linear
