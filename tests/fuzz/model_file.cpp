// A model file (.tbmodel, or the weights the browser kept) of either kind — the fastText-style model
// ("TBFT") or TF-IDF + logistic regression ("TBLR", chosen by the input's first 4 bytes): any bytes load
// or are refused with a reason, and a model that loads predicts one of its classes for any text and
// saves back to the same bytes.
//
// The input is sealed first (magic, version, size and checksum written over its own), so that mutations
// reach the hyperparameters, the dictionary and the weights instead of stopping at the checksum.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/hashing.h"
#include "core/linear/linear_model.h"
#include "core/text/utf8.h"
#include "core/train/model.h"
#include "fuzz_check.h"

using tb::train::Model;

namespace {

void put_u64(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint64_t value) {
    for (std::size_t b = 0; b < 8; ++b) bytes[at + b] = static_cast<std::uint8_t>(value >> (8 * b));
}

std::vector<std::uint8_t> sealed(const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> bytes(data, data + size);
    if (bytes.size() < 24) return bytes;
    const bool linear = tb::linear::is_linear_model_blob(bytes);
    // A linear model's version 2 (character n-grams) stays 2; anything else becomes 1.
    const std::uint8_t version = linear && bytes[4] == 2 ? 2 : 1;
    const std::uint8_t header[8] = {'T', 'B', static_cast<std::uint8_t>(linear ? 'L' : 'F'),
                                    static_cast<std::uint8_t>(linear ? 'R' : 'T'), version, 0, 0, 0};
    std::copy(std::begin(header), std::end(header), bytes.begin());
    put_u64(bytes, 8, bytes.size());
    const std::string_view body(reinterpret_cast<const char*>(bytes.data()), bytes.size() - 8);
    put_u64(bytes, bytes.size() - 8, tb::data::hash_text(body));
    return bytes;
}

}  // namespace

namespace {

std::string_view head(const std::uint8_t* data, std::size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), std::min<std::size_t>(size, 64));
}

void check_linear(const std::vector<std::uint8_t>& bytes, const std::uint8_t* data, std::size_t size) {
    std::string error;
    const auto model = tb::linear::LinearModel::load(bytes, &error);
    if (!model) {
        FUZZ_CHECK(!error.empty());
        FUZZ_CHECK(tb::text::valid_utf8_prefix(error) == error.size());
        return;
    }
    const auto classes = static_cast<int>(model->classes().size());
    FUZZ_CHECK(classes >= 2);
    for (const std::string_view text : {std::string_view(), std::string_view("the card was charged twice"), head(data, size)}) {
        const int label = model->predict_label(text);
        FUZZ_CHECK(label >= 0 && label < classes);
    }
    for (const std::string& label : model->classes()) FUZZ_CHECK(tb::text::valid_utf8_prefix(label) == label.size());
    FUZZ_CHECK(model->save() == bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<std::uint8_t> bytes = sealed(data, size);
    if (tb::linear::is_linear_model_blob(bytes)) {
        check_linear(bytes, data, size);
        return 0;
    }
    std::string error;
    const auto model = Model::load(bytes, &error);
    if (!model) {
        FUZZ_CHECK(!error.empty());
        FUZZ_CHECK(tb::text::valid_utf8_prefix(error) == error.size());  // it is shown as it is
        return 0;
    }
    const int classes = model->class_count();
    FUZZ_CHECK(classes > 0);
    for (const std::string_view text : {std::string_view(), std::string_view("the card was charged twice"),
                                        head(data, size)}) {
        const int label = model->predict_label(text);
        FUZZ_CHECK(label >= 0 && label < classes);
    }
    for (const std::string& label : model->classes()) FUZZ_CHECK(tb::text::valid_utf8_prefix(label) == label.size());
    FUZZ_CHECK(model->save() == bytes);
    return 0;
}
