#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/train/kernels.h"
#include "core/train/portable_math.h"

using namespace tb::train;

TEST_CASE("train: portable exp and log agree with the library's to a few units in the last place", "[train]") {
    for (double x = -708; x <= 709; x += 0.37) {
        CHECK(portable_exp(x) == Approx(std::exp(x)).epsilon(4e-16).margin(0));
    }
    for (double x = -745; x < -708; x += 0.37) {  // subnormal results: within a unit of the last place
        CHECK(std::abs(portable_exp(x) - std::exp(x)) <= 5e-324);
    }
    for (double x = -3; x <= 3; x += 0.001) {
        CHECK(portable_exp(x) == Approx(std::exp(x)).epsilon(4e-16).margin(0));
    }
    for (double x = 1e-300; x < 1e300; x *= 3.7) {
        CHECK(portable_log(x) == Approx(std::log(x)).epsilon(4e-16).margin(1e-300));
    }
    for (double x = 0.5; x <= 2; x += 0.0007) {
        CHECK(portable_log(x) == Approx(std::log(x)).epsilon(4e-16).margin(2e-16));
    }
    CHECK(portable_exp(0) == 1.0);
    CHECK(portable_log(1) == 0.0);
    CHECK(portable_exp(-800) == 0.0);
    CHECK(std::isinf(portable_exp(800)));
    CHECK(portable_exp(-744) > 0.0);  // subnormal, not flushed
    CHECK(portable_log(5e-324) == Approx(std::log(5e-324)));
    CHECK(std::isinf(portable_log(0)));
    CHECK(std::isnan(portable_log(-1)));
    CHECK(std::isnan(portable_exp(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("train: the dot product sums in its fixed order, tails included", "[train]") {
    float x[19], y[19];
    double expected = 0;
    for (int i = 0; i < 19; ++i) {
        x[i] = static_cast<float>(i + 1);
        y[i] = static_cast<float>(i % 3) - 1.0f;
        expected += static_cast<double>(x[i]) * y[i];
    }
    CHECK(dot(x, y, 19) == static_cast<float>(expected));
    CHECK(dot(x, y, 8) == -1.0f + 0 + 3 - 4 + 0 + 6 - 7 + 0);
    CHECK(dot(x, y, 0) == 0.0f);
    float z[5] = {1, 2, 3, 4, 5};
    add_scaled_to(z, x, 0.5f, 5);
    CHECK(z[4] == 7.5f);
    add_to(z, x, 2);
    CHECK(z[1] == 5.0f);
    scale(z, 2.0f, 5);
    CHECK(z[0] == 5.0f);
}
