#include "core/train/portable_math.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tb::train {

namespace {

// ln 2 split so that k * kLn2High is exact for the |k| < 2^11 used here (its last 21 bits are zero).
constexpr double kLn2High = 6.93147180369123816490e-01;
constexpr double kLn2Low = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

double power_of_two(int k) {  // 2^k for -1022 <= k <= 1023, built from its bits
    const std::uint64_t bits = static_cast<std::uint64_t>(k + 1023) << 52;
    double out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}

}  // namespace

double portable_exp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.7) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0.0;
    // x = k ln2 + r with |r| <= ln2 / 2; e^x = 2^k e^r. floor is exact, so k is the same everywhere.
    const double k = std::floor(x * kInvLn2 + 0.5);
    const double r = (x - k * kLn2High) - k * kLn2Low;
    // Taylor series to r^12 / 12!: the next term is below 2e-16 of the sum for |r| <= 0.347.
    double sum = 1.0 / 479001600.0;
    constexpr double kInverseFactorials[] = {1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
                                             1.0 / 5040.0,     1.0 / 720.0,     1.0 / 120.0,    1.0 / 24.0,
                                             1.0 / 6.0,        1.0 / 2.0,       1.0,            1.0};
    for (const double c : kInverseFactorials) sum = sum * r + c;
    const int exponent = static_cast<int>(k);
    // Below 2^-1022 the result is subnormal: scale in two exact steps, the last one rounding once.
    if (exponent < -1021) return sum * power_of_two(exponent + 600) * power_of_two(-600);
    return sum * power_of_two(exponent);
}

double portable_log(double x) {
    if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    // x = m 2^e with m in [sqrt(1/2), sqrt(2)), read from the bits (subnormals scaled up first).
    int e = 0;
    if (x < 0x1p-1022) {
        x *= 0x1p54;
        e = -54;
    }
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    e += static_cast<int>(bits >> 52) - 1023;
    bits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;
    double m;
    std::memcpy(&m, &bits, sizeof m);
    if (m > 1.4142135623730951) {
        m *= 0.5;
        ++e;
    }
    // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1), |s| <= 0.172.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double sum = 1.0 / 19.0;
    constexpr double kInverseOdds[] = {1.0 / 17.0, 1.0 / 15.0, 1.0 / 13.0, 1.0 / 11.0, 1.0 / 9.0,
                                       1.0 / 7.0,  1.0 / 5.0,  1.0 / 3.0,  1.0};
    for (const double c : kInverseOdds) sum = sum * s2 + c;
    const double k = e;
    return k * kLn2High + (2.0 * s * sum + k * kLn2Low);
}

}  // namespace tb::train
