#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/plot/tick_format.h"
#include "core/plot/ticks.h"

using namespace tb::plot;

namespace {

// Whether `step` is 1, 2 or 5 times a power of ten.
bool one_two_five(double step) {
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    return std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9;
}

std::vector<std::string> labels(const std::vector<Tick>& ticks) {
    std::vector<std::string> out;
    for (const Tick& tick : ticks) {
        if (!tick.label.empty()) out.push_back(tick.label);
    }
    return out;
}

}  // namespace

TEST_CASE("plot ticks: linear ticks are 1-2-5 multiples covering many ranges with 4 to 10 ticks") {
    const std::vector<std::pair<double, double>> ranges = {
        {0, 1},      {0, 10},     {0, 7},        {-3, 3},       {0.31, 0.47},  {1e-6, 3e-6},
        {0, 1000},   {0, 18000},  {123, 127},    {-1e5, 2e5},   {0.999, 1.001}, {1e9, 1e9 + 5e6},
        {-0.2, 0.1}, {2.5, 2.75}, {0, 12345.6},  {97, 1003},    {-1, -0.5},    {0, 3.3}};
    for (const auto& [lo, hi] : ranges) {
        CAPTURE(lo, hi);
        const double step = nice_step(lo, hi, 10);
        REQUIRE(step > 0);
        CHECK(one_two_five(step));
        const std::vector<Tick> ticks = linear_ticks(lo, hi, 10);
        CHECK(ticks.size() >= 4);
        CHECK(ticks.size() <= 10);
        for (std::size_t i = 0; i < ticks.size(); ++i) {
            const double k = ticks[i].value / step;
            CHECK(std::abs(k - std::round(k)) < 1e-6);  // a multiple of the step
            CHECK(ticks[i].value >= lo - step * 1e-6);  // inside the range
            CHECK(ticks[i].value <= hi + step * 1e-6);
            CHECK_FALSE(ticks[i].label.empty());
            if (i > 0) CHECK(std::abs(ticks[i].value - ticks[i - 1].value - step) < step * 1e-6);
        }
        // Covering: no gap of a whole step left at either end.
        CHECK(ticks.front().value - lo < step);
        CHECK(hi - ticks.back().value < step);
    }
}

TEST_CASE("plot ticks: labels carry just the decimals the step needs") {
    CHECK(labels(linear_ticks(0, 1, 10)) == std::vector<std::string>{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"});
    CHECK(labels(linear_ticks(-1, 1, 5)) == std::vector<std::string>{"-1.0", "-0.5", "0.0", "0.5", "1.0"});
    CHECK(labels(linear_ticks(0, 20000, 5)) == std::vector<std::string>{"0", "5k", "10k", "15k", "20k"});
    CHECK(labels(linear_ticks(0, 2e-6, 5)) == std::vector<std::string>{"0", "5.0e-7", "1.0e-6", "1.5e-6", "2.0e-6"});
    CHECK(labels(linear_ticks(10000, 10003, 4)) == std::vector<std::string>{"10000", "10001", "10002", "10003"});
    CHECK(format_value(0.123456789) == "0.123457");
    CHECK(format_value(1200) == "1200");
    CHECK(format_value(-0.0) == "0");
    CHECK(format_value(NAN) == "NaN");
}

TEST_CASE("plot ticks: degenerate ranges give one tick or none, never a division by zero") {
    CHECK(linear_ticks(5, 5, 10).size() == 1);
    CHECK(linear_ticks(0, 0, 10).size() == 1);
    CHECK(linear_ticks(1, 0, 10).empty());
    CHECK(linear_ticks(NAN, 1, 10).empty());
    CHECK(linear_ticks(0, INFINITY, 10).empty());
    CHECK(nice_step(0, 0, 10) == 0);
    CHECK(log_ticks(0, 0, 10).size() == 1);
}

TEST_CASE("plot ticks: log ticks over a small range label 1, 2 and 5 per decade") {
    const std::vector<Tick> ticks = log_ticks(0.05, 3, 10);
    CHECK(labels(ticks) == std::vector<std::string>{"0.05", "0.1", "0.2", "0.5", "1", "2"});
    for (const Tick& tick : ticks) {
        const double mantissa = tick.value / std::pow(10.0, std::floor(std::log10(tick.value) + 1e-12));
        CHECK(tick.major == (std::abs(mantissa - 1) < 1e-9));
    }
    // And unlabelled gridlines at the other multiples: 0.05 … 0.09, 0.1 … 0.9, 1 … 3.
    CHECK(ticks.size() == 5 + 9 + 3);
}

TEST_CASE("plot ticks: log ticks over many decades label decades, thinned when too many") {
    CHECK(labels(log_ticks(1e-3, 1e3, 10)) == std::vector<std::string>{"0.001", "0.01", "0.1", "1", "10", "100", "1000"});
    const std::vector<Tick> wide = log_ticks(1e-12, 1e12, 10);
    CHECK(labels(wide).size() <= 10);
    CHECK(labels(wide).size() >= 5);
    for (const Tick& tick : wide) {
        const double decade = std::log10(tick.value);
        CHECK(std::abs(decade - std::round(decade)) < 1e-9);
    }
    CHECK(labels(log_ticks(1e3, 1e6, 4)) == std::vector<std::string>{"1000", "10k", "100k", "1M"});
    CHECK(labels(log_ticks(1e-7, 1e-5, 10)) == std::vector<std::string>{"1e-7", "2e-7", "5e-7", "1e-6", "2e-6", "5e-6", "1e-5"});
}

TEST_CASE("plot ticks: a log range inside one decade falls back to linear ticks") {
    const std::vector<Tick> ticks = log_ticks(0.31, 0.47, 10);
    CHECK(ticks.size() >= 4);
    CHECK(labels(ticks).front() == "0.32");
    CHECK(log_ticks(-1, 10, 10).size() >= 4);  // not a log range: linear
}

TEST_CASE("plot ticks: axis ticks never overlap their labels") {
    const auto width = [](std::string_view label) { return 7.0 * static_cast<double>(label.size()); };
    for (double length : {40.0, 80.0, 150.0, 300.0, 1000.0}) {
        for (bool log : {false, true}) {
            CAPTURE(length, log);
            const std::vector<Tick> ticks = axis_ticks(log ? 0.01 : 0, 12000, log, length, width, 10);
            double previous_end = -1e9;
            for (const Tick& tick : ticks) {
                if (tick.label.empty()) continue;
                const double a = log ? std::log10(tick.value) : tick.value;
                const double lo = log ? -2 : 0;
                const double hi = std::log10(12000.0);
                const double position = (a - lo) / ((log ? hi : 12000) - lo) * length;
                const double half = width(tick.label) / 2;
                CHECK(position - half >= previous_end + 10 - 1e-9);
                previous_end = position + half;
            }
        }
    }
    // Roomy axes get the most labels (up to 10).
    CHECK(labels(axis_ticks(0, 1, false, 2000, width, 10)).size() >= 6);
}
