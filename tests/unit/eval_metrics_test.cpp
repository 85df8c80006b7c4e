#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/eval/metrics.h"

using namespace tb::eval;

namespace {

// Paired outcomes with the given counts of each kind, in a mixed order.
void add_pairs(std::vector<bool>& a, std::vector<bool>& b, std::size_t both_right, std::size_t a_only,
               std::size_t b_only, std::size_t both_wrong) {
    for (std::size_t i = 0; i < both_wrong; ++i) a.push_back(false), b.push_back(false);
    for (std::size_t i = 0; i < a_only; ++i) a.push_back(true), b.push_back(false);
    for (std::size_t i = 0; i < both_right; ++i) a.push_back(true), b.push_back(true);
    for (std::size_t i = 0; i < b_only; ++i) a.push_back(false), b.push_back(true);
}

}  // namespace

TEST_CASE("the Wilson interval of 88 of 100", "[eval]") {
    // p = 0.88, n = 100, z² = 3.841459
    // denominator = 1 + z²/n = 1.03841459
    // centre = (p + z²/2n) / denominator = (0.88 + 0.01920730) / 1.03841459 = 0.865942
    // half = z · sqrt(p(1-p)/n + z²/4n²) / denominator
    //      = 1.959964 · sqrt(0.001056 + 0.00009604) / 1.03841459 = 1.959964 · 0.0339417 / 1.03841459 = 0.064063
    // → (0.801879, 0.930006)
    const Interval i = wilson_interval(88, 100);
    CHECK(i.low == Approx(0.801879).margin(1e-5));
    CHECK(i.high == Approx(0.930006).margin(1e-5));
}

TEST_CASE("the Wilson interval at none and all of 10 stays inside 0 to 1", "[eval]") {
    // 0/10: centre = (0 + 0.192073) / 1.384146 = 0.138766, half = 1.959964 · sqrt(0.03841459/100) / 1.384146
    //       = 1.959964 · 0.0196 / 1.384146 = 0.138766 → (0, 0.277533)
    const Interval none = wilson_interval(0, 10);
    CHECK(none.low == 0.0);
    CHECK(none.high == Approx(0.277533).margin(1e-5));
    // 10/10 mirrors it: (1 - 0.277533, 1)
    const Interval all = wilson_interval(10, 10);
    CHECK(all.low == Approx(0.722467).margin(1e-5));
    CHECK(all.high == 1.0);
    // 5/10: centre 0.5, half = 1.959964 · sqrt(0.025 + 0.00960365) / 1.384146 = 0.263407
    const Interval half = wilson_interval(5, 10);
    CHECK(half.low == Approx(0.236593).margin(1e-5));
    CHECK(half.high == Approx(0.763407).margin(1e-5));
}

TEST_CASE("the Wilson interval of no trials is everything", "[eval]") {
    const Interval i = wilson_interval(0, 0);
    CHECK(i.low == 0.0);
    CHECK(i.high == 1.0);
    // More successes than trials count as all of them.
    const Interval over = wilson_interval(12, 10);
    CHECK(over.low == Approx(0.722467).margin(1e-5));
    CHECK(over.high == 1.0);
}

TEST_CASE("the Wilson interval narrows with more rows and is wider than the normal one at the edge", "[eval]") {
    const Interval small = wilson_interval(9, 10), large = wilson_interval(900, 1000);
    CHECK(large.high - large.low < small.high - small.low);
    CHECK(small.low < 0.9);
    CHECK(small.high > 0.9);
    // 99 % (z = 2.5758) is wider than 95 %.
    const Interval wide = wilson_interval(9, 10, 2.5758293035489);
    CHECK(wide.low < small.low);
    CHECK(wide.high > small.high);
}

TEST_CASE("exact McNemar p values worked by hand", "[eval]") {
    // n = 7, k = 1: P(X ≤ 1) = (C(7,0) + C(7,1)) / 2^7 = (1 + 7) / 128; p = 2 · 8/128 = 0.125
    CHECK(mcnemar_exact_p(1, 6) == Approx(0.125).epsilon(1e-12));
    CHECK(mcnemar_exact_p(6, 1) == Approx(0.125).epsilon(1e-12));
    // n = 5, k = 0: 2 · 1/32 = 0.0625
    CHECK(mcnemar_exact_p(0, 5) == Approx(0.0625).epsilon(1e-12));
    // No disagreement: nothing to test.
    CHECK(mcnemar_exact_p(0, 0) == 1.0);
    // n = 1: 2 · 1/2 = 1; n = 7, k = 3: 2 · (1 + 7 + 21 + 35)/128 = 1
    CHECK(mcnemar_exact_p(0, 1) == 1.0);
    CHECK(mcnemar_exact_p(3, 4) == 1.0);
    CHECK(mcnemar_exact_p(4, 4) == 1.0);
    // n = 20, k = 6: 2 · (1 + 20 + 190 + 1140 + 4845 + 15504 + 38760) / 2^20 = 2 · 60460 / 1048576 = 0.115318
    CHECK(mcnemar_exact_p(14, 6) == Approx(120920.0 / 1048576.0).epsilon(1e-12));
    // n = 22, k = 2: 2 · (1 + 22 + 231) / 2^22 = 508 / 4194304 = 0.000121117
    CHECK(mcnemar_exact_p(20, 2) == Approx(508.0 / 4194304.0).epsilon(1e-12));
}

TEST_CASE("exact McNemar stays finite and accurate for ten thousand and a hundred thousand pairs", "[eval]") {
    // The exact sum, with Python's integers:
    //   from fractions import Fraction; from math import comb
    //   float(2 * Fraction(sum(comb(10200, i) for i in range(5001)), 2**10200))  → 0.04878796312682245
    const double p = mcnemar_exact_p(5000, 5200);
    CHECK(std::isfinite(p));
    CHECK(p == Approx(0.04878796312682245).epsilon(1e-8));
    //   the same for n = 100,500, k = 50,000 (terms by t_i = t_(i-1)·(n-i+1)//i, exact) → 0.11547629006868125
    const double big = mcnemar_exact_p(50000, 50500);
    CHECK(std::isfinite(big));
    CHECK(big == Approx(0.11547629006868125).epsilon(1e-7));
    // Far in the tail the answer underflows to 0, never NaN.
    const double tail = mcnemar_exact_p(0, 100000);
    CHECK(std::isfinite(tail));
    CHECK(tail >= 0.0);
    CHECK(tail < 1e-300);
    CHECK(mcnemar_exact_p(100000, 100000) == 1.0);
    // 2 · P(X ≤ 10) for n = 2,000,010: about 10^-602000, which is 0 in a double.
    CHECK(mcnemar_exact_p(10, 2000000) == 0.0);
}

TEST_CASE("exact McNemar agrees with a direct sum of binomial terms", "[eval]") {
    // Forward from C(n, 0) / 2^n = 2^-n, which a double holds down to n = 1,022: a different route from
    // the library's (lgamma at the tail's end, ratios going down).
    for (std::size_t n = 1; n <= 1000; n += (n < 60 ? 1 : 37)) {
        for (std::size_t k = 0; 2 * k < n; k += (n < 60 ? 1 : 7)) {
            double term = std::ldexp(1.0, -static_cast<int>(n)), tail = term;
            for (std::size_t i = 1; i <= k; ++i) {
                term *= static_cast<double>(n - i + 1) / static_cast<double>(i);
                tail += term;
            }
            const double expected = std::min(1.0, 2 * tail);
            INFO("n = " << n << ", k = " << k);
            CHECK(mcnemar_exact_p(k, n - k) == Approx(expected).epsilon(1e-9));
            CHECK(mcnemar_exact_p(n - k, k) == Approx(expected).epsilon(1e-9));
        }
    }
}

TEST_CASE("exact McNemar counts paired outcomes", "[eval]") {
    std::vector<bool> a, b;
    add_pairs(a, b, 74, 14, 6, 6);
    const McNemar test = exact_mcnemar(a, b);
    CHECK(test.both_right == 74);
    CHECK(test.a_only == 14);
    CHECK(test.b_only == 6);
    CHECK(test.both_wrong == 6);
    CHECK(test.p_value == Approx(120920.0 / 1048576.0).epsilon(1e-12));
    // Swapping the two swaps the counts, not the p value.
    const McNemar swapped = exact_mcnemar(b, a);
    CHECK(swapped.a_only == 6);
    CHECK(swapped.b_only == 14);
    CHECK(swapped.p_value == Approx(test.p_value).epsilon(1e-12));
}

TEST_CASE("exact McNemar on empty and unequal vectors", "[eval]") {
    const McNemar none = exact_mcnemar({}, {});
    CHECK(none.both_right + none.a_only + none.b_only + none.both_wrong == 0);
    CHECK(none.p_value == 1.0);
    // The third row of `a` has no partner and is ignored.
    const McNemar short_b = exact_mcnemar({true, false, true}, {false, false});
    CHECK(short_b.a_only == 1);
    CHECK(short_b.both_wrong == 1);
    CHECK(short_b.both_right == 0);
    CHECK(short_b.p_value == 1.0);
}

TEST_CASE("the confusion matrix puts invalid answers in a last column", "[eval]") {
    const std::vector<std::string> classes = {"Mortgage", "Debt collection", "Student loan", "Vehicle loan or lease"};
    // (truth, answer): (0,0) (0,0) (0,1) (0,-1) (1,1) (1,2) (1,-1) (1,1), then rows that cannot be placed:
    // truth -1 and truth 9 are left out; an answer of 7 is no class, so invalid.
    const std::vector<int> truth = {0, 0, 0, 0, 1, 1, 1, 1, -1, 9, 2};
    const std::vector<int> predicted = {0, 0, 1, -1, 1, 2, -1, 1, 0, 0, 7};
    const Confusion c = confusion(classes, truth, predicted);
    REQUIRE(c.counts.size() == 4);
    for (const auto& row : c.counts) CHECK(row.size() == 5);
    CHECK(c.counts[0] == std::vector<std::size_t>{2, 1, 0, 0, 1});
    CHECK(c.counts[1] == std::vector<std::size_t>{0, 2, 1, 0, 1});
    CHECK(c.counts[2] == std::vector<std::size_t>{0, 0, 0, 0, 1});
    CHECK(c.counts[3] == std::vector<std::size_t>{0, 0, 0, 0, 0});
    CHECK(c.total() == 9);
    CHECK(c.correct() == 4);
    CHECK(c.invalid() == 3);
    CHECK(c.classes == classes);
}

TEST_CASE("the confusion matrix of nothing", "[eval]") {
    const Confusion empty = confusion({}, {}, {});
    CHECK(empty.counts.empty());
    CHECK(empty.total() == 0);
    CHECK(empty.correct() == 0);
    CHECK(empty.invalid() == 0);
    CHECK(per_class_scores(empty).empty());
    CHECK(macro_f1(per_class_scores(empty)) == 0.0);
    // Classes but no rows: every class is left out of the mean.
    const Confusion no_rows = confusion({"a", "b"}, {}, {});
    CHECK(no_rows.total() == 0);
    CHECK(macro_f1(per_class_scores(no_rows)) == 0.0);
}

TEST_CASE("per-class scores with an invalid answer, a class only answered and a class never seen", "[eval]") {
    const std::vector<std::string> classes = {"Mortgage", "Debt collection", "Student loan", "Vehicle loan or lease"};
    const std::vector<int> truth = {0, 0, 0, 0, 1, 1, 1, 1};
    const std::vector<int> predicted = {0, 0, 1, -1, 1, 2, -1, 1};
    const std::vector<ClassScores> s = per_class_scores(confusion(classes, truth, predicted));
    REQUIRE(s.size() == 4);

    // Mortgage: 4 true, answered twice, both right. The invalid answer is a miss, not anyone's answer.
    // P = 2/2, R = 2/4, F1 = 2·2 / (4 + 2) = 2/3
    CHECK(s[0].label == "Mortgage");
    CHECK(s[0].support == 4);
    CHECK(s[0].predicted == 2);
    CHECK(s[0].true_positive == 2);
    CHECK(s[0].precision == Approx(1.0));
    CHECK(s[0].recall == Approx(0.5));
    CHECK(s[0].f1 == Approx(2.0 / 3.0));

    // Debt collection: 4 true, answered 3 times (one a Mortgage row), 2 right.
    // P = 2/3, R = 2/4, F1 = 2·2 / (4 + 3) = 4/7
    CHECK(s[1].support == 4);
    CHECK(s[1].predicted == 3);
    CHECK(s[1].true_positive == 2);
    CHECK(s[1].precision == Approx(2.0 / 3.0));
    CHECK(s[1].recall == Approx(0.5));
    CHECK(s[1].f1 == Approx(4.0 / 7.0));

    // Student loan: never true, answered once: P = 0/1, R = 0/0 → 0, F1 = 0. It stays in the mean.
    CHECK(s[2].support == 0);
    CHECK(s[2].predicted == 1);
    CHECK(s[2].precision == 0.0);
    CHECK(s[2].recall == 0.0);
    CHECK(s[2].f1 == 0.0);

    // Vehicle loan: never true, never answered: everything 0, and left out of the mean.
    CHECK(s[3].support == 0);
    CHECK(s[3].predicted == 0);
    CHECK(s[3].f1 == 0.0);

    // (2/3 + 4/7 + 0) / 3 = (14/21 + 12/21) / 3 = 26/63
    CHECK(macro_f1(s) == Approx(26.0 / 63.0));
}

TEST_CASE("per-class scores of a perfect and of an all-invalid classifier", "[eval]") {
    const std::vector<std::string> classes = {"a", "b", "c"};
    const auto perfect = per_class_scores(confusion(classes, {0, 1, 2, 2}, {0, 1, 2, 2}));
    for (const ClassScores& s : perfect) {
        CHECK(s.precision == 1.0);
        CHECK(s.recall == 1.0);
        CHECK(s.f1 == 1.0);
    }
    CHECK(macro_f1(perfect) == 1.0);
    // Every answer invalid: recall 0 everywhere, precision 0/0 → 0, and the classes that occur average 0.
    const Confusion none_valid = confusion(classes, {0, 1, 1}, {-1, -1, -1});
    CHECK(none_valid.invalid() == 3);
    CHECK(none_valid.correct() == 0);
    const auto scores = per_class_scores(none_valid);
    CHECK(scores[0].support == 1);
    CHECK(scores[1].support == 2);
    for (const ClassScores& s : scores) {
        CHECK(s.predicted == 0);
        CHECK(s.f1 == 0.0);
    }
    CHECK(macro_f1(scores) == 0.0);
}

TEST_CASE("macro F1 averages the classes that occur", "[eval]") {
    std::vector<ClassScores> scores(3);
    scores[0].support = 5;
    scores[0].f1 = 0.9;
    scores[1].predicted = 2;  // answered, never true: in, with F1 0
    scores[2].f1 = 0.7;       // neither true nor answered: out, whatever its F1 field says
    // (0.9 + 0) / 2
    CHECK(macro_f1(scores) == Approx(0.45));
    CHECK(macro_f1({}) == 0.0);
}

TEST_CASE("mean and sample standard deviation", "[eval]") {
    // mean (0.8 + 0.9 + 0.85) / 3 = 0.85; deviations -0.05, 0.05, 0 → (0.0025 + 0.0025) / (3 - 1) = 0.0025 → sd 0.05
    const MeanSd three = mean_sd({0.8, 0.9, 0.85});
    CHECK(three.n == 3);
    CHECK(three.mean == Approx(0.85));
    CHECK(three.sd == Approx(0.05));
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, 32 / 7 → sd 2.13809
    const MeanSd eight = mean_sd({2, 4, 4, 4, 5, 5, 7, 9});
    CHECK(eight.mean == Approx(5.0));
    CHECK(eight.sd == Approx(std::sqrt(32.0 / 7.0)));
    const MeanSd one = mean_sd({0.7});
    CHECK(one.n == 1);
    CHECK(one.mean == Approx(0.7));
    CHECK(one.sd == 0.0);
    const MeanSd none = mean_sd({});
    CHECK(none.n == 0);
    CHECK(none.mean == 0.0);
    CHECK(none.sd == 0.0);
    // Equal values: exactly 0, not a rounding residue.
    CHECK(mean_sd({0.83, 0.83, 0.83, 0.83}).sd == Approx(0.0).margin(1e-15));
    // Large offset, small spread: 1e9 + {1, 2, 3} has sd 1.
    CHECK(mean_sd({1e9 + 1, 1e9 + 2, 1e9 + 3}).sd == Approx(1.0));
}

TEST_CASE("p values are written with two significant digits", "[eval]") {
    CHECK(format_p_value(120920.0 / 1048576.0) == "0.12");  // 0.115318
    CHECK(format_p_value(0.0031) == "0.0031");
    CHECK(format_p_value(0.04878796) == "0.049");
    CHECK(format_p_value(0.001) == "0.001");
    CHECK(format_p_value(0.000999) == "< 0.001");
    CHECK(format_p_value(0.0) == "< 0.001");
    CHECK(format_p_value(1.0) == "1");
    CHECK(format_p_value(0.999) == "1");
    // A significant p never reads as 0.05.
    CHECK(format_p_value(0.0496) == "0.0496");
    CHECK(format_p_value(0.0504) == "0.05");
}

TEST_CASE("the McNemar sentence for a difference that is not significant", "[eval]") {
    std::vector<bool> a, b;
    add_pairs(a, b, 74, 14, 6, 6);  // A right on 88, B on 80 of 100
    const McNemar test = exact_mcnemar(a, b);
    CHECK(mcnemar_sentence("A", 0.88, "B", 0.80, 100, test) ==
          "With 100 rows, A (0.88) vs B (0.80) is not a significant difference at the 5 % level "
          "(exact McNemar p = 0.12; 14 rows only A got right, 6 only B).");
}

TEST_CASE("the McNemar sentence names the better one when it is significant", "[eval]") {
    std::vector<bool> a, b;
    add_pairs(a, b, 878, 2, 20, 100);  // A right on 880, B on 898 of 1,000; p = 0.000121
    const McNemar test = exact_mcnemar(a, b);
    CHECK(mcnemar_sentence("gpt-4o-mini", 0.88, "fine-tuned", 0.898, 1000, test) ==
          "With 1,000 rows, fine-tuned (0.90) is significantly better than gpt-4o-mini (0.88) at the 5 % level "
          "(exact McNemar p < 0.001; 2 rows only gpt-4o-mini got right, 20 only fine-tuned).");
    // The other way round, and p between 0.001 and 0.05: n = 5, k = 0 → 0.0625 is not; n = 6, k = 0 → 2/64.
    McNemar six;
    six.a_only = 6;
    six.p_value = mcnemar_exact_p(6, 0);
    CHECK(six.p_value == Approx(0.03125));
    CHECK(mcnemar_sentence("A", 0.6, "B", 0.0, 10, six) ==
          "With 10 rows, A (0.60) is significantly better than B (0.00) at the 5 % level "
          "(exact McNemar p = 0.031; 6 rows only A got right, 0 only B).");
}

TEST_CASE("the McNemar sentence with one row and with none", "[eval]") {
    McNemar one;
    one.a_only = 1;
    one.p_value = mcnemar_exact_p(1, 0);
    CHECK(mcnemar_sentence("A", 1.0, "B", 0.0, 1, one) ==
          "With 1 row, A (1.00) vs B (0.00) is not a significant difference at the 5 % level "
          "(exact McNemar p = 1; 1 row only A got right, 0 only B).");
    CHECK(mcnemar_sentence("A", 0, "B", 0, 0, McNemar{}) ==
          "No rows were answered by both A and B yet, so there is nothing to compare.");
}
