#pragma once

#include <cstddef>
#include <cstring>

namespace tb::map {

// The map's inner loops on contiguous floats, in four-float vectors (the GCC/Clang vector extension:
// SSE natively, SIMD128 in WebAssembly). Written out because gcc -O2 vectorises the plain loops of
// train/kernels.h but keeps their partial sums in memory, storing them on every pass: these run about
// three times faster. Each sum has eight partial sums fixed by the source, so no float operation is
// reordered by the compiler and every build rounds the same.
typedef float Floats4 __attribute__((vector_size(16)));

inline Floats4 load4(const float* p) {
    Floats4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store4(float* p, Floats4 v) { std::memcpy(p, &v, sizeof v); }

// The eight partial sums, lane j of `low` and of `high` summing elements 8t + j and 8t + 4 + j, in a fixed
// order, plus what the tail of fewer than eight added.
inline float sum_lanes(Floats4 low, Floats4 high, float tail) {
    return (((low[0] + high[0]) + (low[1] + high[1])) + ((low[2] + high[2]) + (low[3] + high[3]))) + tail;
}

inline float dot(const float* x, const float* y, std::size_t n) {
    Floats4 low = {}, high = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        low += load4(x + i) * load4(y + i);
        high += load4(x + i + 4) * load4(y + i + 4);
    }
    float tail = 0;
    for (; i < n; ++i) tail += x[i] * y[i];
    return sum_lanes(low, high, tail);
}

inline float squared_distance(const float* x, const float* y, std::size_t n) {
    Floats4 low = {}, high = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const Floats4 a = load4(x + i) - load4(y + i), b = load4(x + i + 4) - load4(y + i + 4);
        low += a * a;
        high += b * b;
    }
    float tail = 0;
    for (; i < n; ++i) tail += (x[i] - y[i]) * (x[i] - y[i]);
    return sum_lanes(low, high, tail);
}

// out[r] = x[r] · v for four rows x, in one pass over v (each element of v read once for all four). The
// accumulators are named, not an array, which gcc -O2 would keep in memory.
inline void dot_four_rows(const float* const* x, const float* v, std::size_t n, float* out) {
    const float *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    Floats4 low0 = {}, high0 = {}, low1 = {}, high1 = {}, low2 = {}, high2 = {}, low3 = {}, high3 = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const Floats4 v_low = load4(v + i), v_high = load4(v + i + 4);
        low0 += load4(x0 + i) * v_low;
        high0 += load4(x0 + i + 4) * v_high;
        low1 += load4(x1 + i) * v_low;
        high1 += load4(x1 + i + 4) * v_high;
        low2 += load4(x2 + i) * v_low;
        high2 += load4(x2 + i + 4) * v_high;
        low3 += load4(x3 + i) * v_low;
        high3 += load4(x3 + i + 4) * v_high;
    }
    const auto tail = [&](const float* row) {
        float sum = 0;
        for (std::size_t t = i; t < n; ++t) sum += row[t] * v[t];
        return sum;
    };
    out[0] = sum_lanes(low0, high0, tail(x0));
    out[1] = sum_lanes(low1, high1, tail(x1));
    out[2] = sum_lanes(low2, high2, tail(x2));
    out[3] = sum_lanes(low3, high3, tail(x3));
}

// y += Σ a[r] x[r] over four rows x, in one pass over y.
inline void add_four_rows_scaled(float* y, const float* const* x, const float* a, std::size_t n) {
    const Floats4 a0 = {a[0], a[0], a[0], a[0]}, a1 = {a[1], a[1], a[1], a[1]}, a2 = {a[2], a[2], a[2], a[2]},
                  a3 = {a[3], a[3], a[3], a[3]};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        store4(y + i, load4(y + i) + ((a0 * load4(x[0] + i) + a1 * load4(x[1] + i)) + (a2 * load4(x[2] + i) + a3 * load4(x[3] + i))));
    }
    for (; i < n; ++i) y[i] += (a[0] * x[0][i] + a[1] * x[1][i]) + (a[2] * x[2][i] + a[3] * x[3][i]);
}

}  // namespace tb::map
