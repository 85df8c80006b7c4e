#pragma once

#include <bit>  // std::endian
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tb::train {

// std::bit_cast, which Emscripten 3.1.6's library lacks.
template <typename To, typename From>
To bits_as(From from) {
    static_assert(sizeof(To) == sizeof(From));
    To to;
    std::memcpy(&to, &from, sizeof(To));
    return to;
}

// Little-endian writing and bounds-checked reading for the model blob, whatever the host's byte order,
// so a model saved by the browser loads natively and the other way round.
class ByteWriter {
public:
    void u32(std::uint32_t value) { put(value, 4); }
    void u64(std::uint64_t value) { put(value, 8); }
    void f64(double value) { u64(bits_as<std::uint64_t>(value)); }
    void string(std::string_view text) {
        u32(static_cast<std::uint32_t>(text.size()));
        bytes_.insert(bytes_.end(), text.begin(), text.end());
    }
    void floats(std::span<const float> values) {
        const std::size_t at = bytes_.size();
        bytes_.resize(at + values.size() * 4);
        if constexpr (std::endian::native == std::endian::little) {
            if (!values.empty()) std::memcpy(bytes_.data() + at, values.data(), values.size() * 4);
        } else {
            for (std::size_t i = 0; i < values.size(); ++i) {
                const auto bits = bits_as<std::uint32_t>(values[i]);
                for (std::size_t b = 0; b < 4; ++b) bytes_[at + i * 4 + b] = static_cast<std::uint8_t>(bits >> (8 * b));
            }
        }
    }
    void reserve(std::size_t bytes) { bytes_.reserve(bytes); }
    std::vector<std::uint8_t>& bytes() { return bytes_; }

private:
    void put(std::uint64_t value, int size) {
        for (int b = 0; b < size; ++b) bytes_.push_back(static_cast<std::uint8_t>(value >> (8 * b)));
    }
    std::vector<std::uint8_t> bytes_;
};

// Each read returns false, and reads nothing, when too few bytes are left.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    bool u32(std::uint32_t& value) {
        std::uint64_t wide = 0;
        if (!get(wide, 4)) return false;
        value = static_cast<std::uint32_t>(wide);
        return true;
    }
    bool u64(std::uint64_t& value) { return get(value, 8); }
    bool f64(double& value) {
        std::uint64_t bits = 0;
        if (!get(bits, 8)) return false;
        value = bits_as<double>(bits);
        return true;
    }
    bool string(std::string& text) {
        std::uint32_t size = 0;
        const std::size_t start = position_;
        if (!u32(size) || size > remaining()) {
            position_ = start;
            return false;
        }
        text.assign(reinterpret_cast<const char*>(bytes_.data() + position_), size);
        position_ += size;
        return true;
    }
    bool floats(std::span<float> values) {
        if (values.size() > remaining() / 4) return false;
        const std::uint8_t* from = bytes_.data() + position_;
        if constexpr (std::endian::native == std::endian::little) {
            if (!values.empty()) std::memcpy(values.data(), from, values.size() * 4);
        } else {
            for (std::size_t i = 0; i < values.size(); ++i) {
                std::uint32_t bits = 0;
                for (std::size_t b = 0; b < 4; ++b) bits |= std::uint32_t{from[i * 4 + b]} << (8 * b);
                values[i] = bits_as<float>(bits);
            }
        }
        position_ += values.size() * 4;
        return true;
    }

    std::size_t position() const { return position_; }
    std::size_t remaining() const { return bytes_.size() - position_; }

private:
    bool get(std::uint64_t& value, int size) {
        if (remaining() < static_cast<std::size_t>(size)) return false;
        value = 0;
        for (int b = 0; b < size; ++b) value |= std::uint64_t{bytes_[position_ + static_cast<std::size_t>(b)]} << (8 * b);
        position_ += static_cast<std::size_t>(size);
        return true;
    }
    std::span<const std::uint8_t> bytes_;
    std::size_t position_ = 0;
};

}  // namespace tb::train
