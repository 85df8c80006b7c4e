// The saved model (IndexedDB in the browser, a file natively), little-endian throughout:
//
//   "TBFT"                  magic
//   u32 version             kVersion; any other is refused, never guessed at
//   u64 size                of the whole blob, so a cut-off blob says so rather than failing a checksum
//   hyperparameters         u32 dim, f64 lr, u32 epochs, u32 word_ngrams, u32 min_count, u32 bucket,
//                           u32 minn, u32 maxn, u64 seed
//   dictionary              Dictionary::write: u64 tokens, u32 labels + strings, u32 words + (string, u64 count)
//   f32 input weights       (words + bucket) × dim, row-major
//   f32 output weights      classes × dim
//   u64 checksum            data::hash_text of every byte before it
//
// Strings are u32 length + UTF-8 bytes. Untouched bucket rows are saved too (they are the seed's random
// values, which a text with an unseen n-gram reads), so the blob is about the size of the weights.
#include <cstring>
#include <limits>
#include <string>

#include "core/data/hashing.h"
#include "core/train/bytes.h"
#include "core/train/model.h"

namespace tb::train {

namespace {

constexpr char kMagic[4] = {'T', 'B', 'F', 'T'};
constexpr std::uint32_t kVersion = 1;

}  // namespace

std::vector<std::uint8_t> Model::save() const {
    ByteWriter out;
    out.reserve(memory_bytes() + 64);
    for (const char c : kMagic) out.bytes().push_back(static_cast<std::uint8_t>(c));
    out.u32(kVersion);
    out.u64(0);  // the size, filled in below
    out.u32(static_cast<std::uint32_t>(hp_.dim));
    out.f64(hp_.lr);
    out.u32(static_cast<std::uint32_t>(hp_.epochs));
    out.u32(static_cast<std::uint32_t>(hp_.word_ngrams));
    out.u32(static_cast<std::uint32_t>(hp_.min_count));
    out.u32(static_cast<std::uint32_t>(hp_.bucket));
    out.u32(static_cast<std::uint32_t>(hp_.minn));
    out.u32(static_cast<std::uint32_t>(hp_.maxn));
    out.u64(hp_.seed);
    dictionary_.write(out);
    out.floats(input_);
    out.floats(output_);
    std::vector<std::uint8_t>& bytes = out.bytes();
    const std::uint64_t size = bytes.size() + 8;
    for (std::size_t b = 0; b < 8; ++b) bytes[8 + b] = static_cast<std::uint8_t>(size >> (8 * b));
    out.u64(data::hash_bytes(bytes));
    return std::move(bytes);
}

std::optional<Model> Model::load(std::span<const std::uint8_t> bytes, std::string* error) {
    const auto fail = [&](std::string why) -> std::optional<Model> {
        if (error != nullptr) *error = "Not a usable model: " + std::move(why) + ".";
        return std::nullopt;
    };
    ByteReader in(bytes);
    std::uint32_t magic = 0, version = 0;
    std::uint64_t size = 0;
    if (!in.u32(magic) || std::memcmp(bytes.data(), kMagic, 4) != 0) return fail("it is not a Tuneboard model");
    if (!in.u32(version)) return fail("it is truncated (" + std::to_string(bytes.size()) + " bytes)");
    if (version != kVersion) {
        return fail("it has format version " + std::to_string(version) + ", and this version of Tuneboard reads " +
                    "version " + std::to_string(kVersion));
    }
    if (!in.u64(size)) return fail("it is truncated (" + std::to_string(bytes.size()) + " bytes)");
    if (bytes.size() < size) {
        return fail("it is truncated (" + std::to_string(bytes.size()) + " of " + std::to_string(size) + " bytes)");
    }
    if (bytes.size() != size || size < 32) return fail("its size does not match its header");
    // size == bytes.size() here, so it fits a size_t on every platform.
    const auto body = static_cast<std::size_t>(size - 8);
    ByteReader tail(bytes.subspan(body));
    std::uint64_t stored = 0;
    tail.u64(stored);
    if (stored != data::hash_bytes(bytes.first(body))) return fail("it is corrupted (its checksum does not match)");

    Hyperparameters hp;
    std::uint32_t dim = 0, epochs = 0, word_ngrams = 0, min_count = 0, bucket = 0, minn = 0, maxn = 0;
    if (!in.u32(dim) || !in.f64(hp.lr) || !in.u32(epochs) || !in.u32(word_ngrams) || !in.u32(min_count) ||
        !in.u32(bucket) || !in.u32(minn) || !in.u32(maxn) || !in.u64(hp.seed)) {
        return fail("it is truncated in its hyperparameters");
    }
    constexpr std::uint32_t kIntMax = std::numeric_limits<int>::max();
    if (dim > kIntMax || epochs > kIntMax || word_ngrams > kIntMax || min_count > kIntMax || bucket > kIntMax ||
        minn > kIntMax || maxn > kIntMax) {
        return fail("its hyperparameters are out of range");
    }
    hp.dim = static_cast<int>(dim);
    hp.epochs = static_cast<int>(epochs);
    hp.word_ngrams = static_cast<int>(word_ngrams);
    hp.min_count = static_cast<int>(min_count);
    hp.bucket = static_cast<int>(bucket);
    hp.minn = static_cast<int>(minn);
    hp.maxn = static_cast<int>(maxn);
    if (const std::string why = check(hp); !why.empty()) return fail("its hyperparameters are invalid (" + why + ")");

    std::string why;
    auto dictionary = Dictionary::read(in, hp, &why);
    if (!dictionary) return fail("its dictionary is unreadable (" + why + ")");
    const auto input_floats = static_cast<std::uint64_t>(dictionary->input_rows()) * dim;
    const auto output_floats = static_cast<std::uint64_t>(dictionary->labels().size()) * dim;
    if (in.remaining() != (input_floats + output_floats) * 4 + 8) return fail("its weights do not fit its dictionary");

    Model model;
    model.hp_ = hp;
    model.dictionary_ = std::move(*dictionary);
    model.input_.resize(static_cast<std::size_t>(input_floats));
    model.output_.resize(static_cast<std::size_t>(output_floats));
    in.floats(model.input_);
    in.floats(model.output_);
    return model;
}

}  // namespace tb::train
