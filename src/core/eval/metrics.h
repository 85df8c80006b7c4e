#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tb::eval {

struct Interval {
    double low = 0, high = 0;
};

// The 95 % Wilson score interval for `successes` of `trials` (z = 1.96 by default). Wilson rather than
// the normal approximation because test sets are small and accuracies near 1, where p ± z·se leaves
// [0, 1] and collapses to a point at 0/n and n/n. {0, 1} for no trials: nothing is known yet.
// `successes` above `trials` counts as `trials`.
Interval wilson_interval(std::size_t successes, std::size_t trials, double z = 1.959963984540054);

// The exact (binomial) McNemar test of two classifiers on the same rows. Only the rows they disagree on
// carry information: under "equally good" each of them is A's or B's with probability 1/2.
struct McNemar {
    std::size_t both_right = 0, a_only = 0, b_only = 0, both_wrong = 0;
    double p_value = 1;
};
// Paired by index; rows past the shorter vector's end are ignored.
McNemar exact_mcnemar(const std::vector<bool>& a_correct, const std::vector<bool>& b_correct);
// Two-sided: min(1, 2·P(X ≤ min(a_only, b_only))) for X ~ Binomial(a_only + b_only, 1/2); 1 when there is
// no disagreement. Computed in log space, so it stays finite and accurate for millions of pairs.
double mcnemar_exact_p(std::size_t a_only, std::size_t b_only);

// counts[true class][answered class]. An answer has classes.size() + 1 columns: the last counts invalid
// answers (ones that named no class).
struct Confusion {
    std::vector<std::string> classes;
    std::vector<std::vector<std::size_t>> counts;
    std::size_t total() const;
    std::size_t correct() const;
    std::size_t invalid() const;
};
// truth[i] is a class index, predicted[i] a class index or -1 for an invalid answer. A row whose truth is
// not a class index is left out (it has no row to go in); a predicted index out of range counts as invalid.
// Rows past the shorter vector's end are ignored.
Confusion confusion(const std::vector<std::string>& classes, const std::vector<int>& truth,
                    const std::vector<int>& predicted);

struct ClassScores {
    std::string label;
    std::size_t support = 0;    // rows whose true label this is
    std::size_t predicted = 0;  // answers naming this label (invalid answers name none)
    std::size_t true_positive = 0;
    double precision = 0, recall = 0, f1 = 0;  // 0 where undefined (0/0), as scikit-learn's zero_division=0
};
// One per class, in the confusion's order. An invalid answer is a miss for its row's class (lower recall)
// and a false positive for no class.
std::vector<ClassScores> per_class_scores(const Confusion& confusion);

// Mean F1 over the classes that occur in the truth or in the answers. A class neither true nor answered
// for any row is left out, as scikit-learn does with labels taken from the data; a class answered but
// never true stays in with F1 0. Invalid answers are not a class of their own here (scikit-learn would
// average an "invalid" label in if it were passed as one). 0 when no class occurs.
double macro_f1(const std::vector<ClassScores>& scores);

// Sample standard deviation (divides by n - 1): the values are a few runs, not the whole population.
// sd is 0 for fewer than two values.
struct MeanSd {
    double mean = 0, sd = 0;
    std::size_t n = 0;
};
MeanSd mean_sd(const std::vector<double>& values);

// One sentence a non-statistician reads right:
//   "With 100 rows, A (0.88) vs B (0.80) is not a significant difference at the 5 % level (exact McNemar
//    p = 0.12; 14 rows only A got right, 6 only B)."
//   "With 300 rows, A (0.91) is significantly better than B (0.84) at the 5 % level (exact McNemar
//    p < 0.001; 25 rows only A got right, 4 only B)."
// Accuracies with 2 decimals, p with 2 significant digits (3 where 2 would round a significant p up to
// "0.05"), "p < 0.001" below 0.001. Significant means p < 0.05. Which is better follows the rows only one
// got right, which on shared rows is the same as the higher accuracy.
std::string mcnemar_sentence(const std::string& a, double a_accuracy, const std::string& b, double b_accuracy,
                             std::size_t rows, const McNemar& test);

// "0.11", "0.0031", "1", "< 0.001" (the p of mcnemar_sentence, without "p = ").
std::string format_p_value(double p);

}  // namespace tb::eval
