#pragma once

#include <cstdint>

#include "core/data/hashing.h"

namespace tb::train {

// splitmix64: a portable generator for the initial weights and the epochs' orders. std:: engines are
// portable but std:: distributions are not, and the WebAssembly build must train the very same model as
// the native one, so every draw is made here from integer arithmetic.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        // data::mix64 adds splitmix64's increment before mixing, so this is splitmix64's sequence.
        const std::uint64_t out = data::mix64(state_);
        state_ += kIncrement;
        return out;
    }
    // Jumps over `draws` draws at once (splitmix64's state is a counter), so a stream can be drawn in
    // slices, or from its middle, with the same values.
    void skip(std::uint64_t draws) { state_ += draws * kIncrement; }
    // Uniform in [0, 1) on a grid of 2^-24: every value is exact in a float.
    float unit_float() { return static_cast<float>(next() >> 40) * 0x1p-24f; }
    // Uniform in [0, n) for n > 0; n is far below 2^32 here, so the modulo's bias (under n / 2^64) is nil.
    std::uint64_t below(std::uint64_t n) { return next() % n; }

private:
    static constexpr std::uint64_t kIncrement = 0x9E3779B97F4A7C15ull;
    std::uint64_t state_;
};

}  // namespace tb::train
