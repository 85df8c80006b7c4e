#pragma once

namespace tb::train {

// The inner loops of training, on contiguous floats. Written so compilers vectorise them (SSE natively,
// SIMD128 in WebAssembly) without changing the order of any float operation: element-wise loops, and a
// dot product whose eight partial sums are fixed by the source, not by -ffast-math. So the native and
// WebAssembly builds round identically (neither target has a fused multiply-add to contract into).

// y += x
inline void add_to(float* __restrict y, const float* __restrict x, int n) {
    for (int k = 0; k < n; ++k) y[k] += x[k];
}

// y += a x
inline void add_scaled_to(float* __restrict y, const float* __restrict x, float a, int n) {
    for (int k = 0; k < n; ++k) y[k] += a * x[k];
}

// y *= a
inline void scale(float* y, float a, int n) {
    for (int k = 0; k < n; ++k) y[k] *= a;
}

inline float dot(const float* __restrict x, const float* __restrict y, int n) {
    float lanes[8] = {};
    int k = 0;
    for (; k + 8 <= n; k += 8) {
        for (int j = 0; j < 8; ++j) lanes[j] += x[k + j] * y[k + j];
    }
    float tail = 0;
    for (; k < n; ++k) tail += x[k] * y[k];
    return (((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]))) + tail;
}

}  // namespace tb::train
