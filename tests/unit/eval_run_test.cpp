#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/eval/repeats.h"
#include "core/eval/report.h"
#include "core/eval/run.h"

using namespace tb;
using namespace tb::eval;

namespace {

const std::vector<std::string> kClasses = {"Mortgage", "Debt collection", "Student loan"};

data::SplitRow make_row(std::uint64_t number, const std::string& label) {
    return data::SplitRow{number, number * 7919, label, {"text of row " + std::to_string(number), label}};
}

// Three rows of each class.
std::vector<data::SplitRow> rows(std::uint64_t first) {
    std::vector<data::SplitRow> out;
    for (std::uint64_t i = 0; i < 9; ++i) out.push_back(make_row(first + i, kClasses[i % 3]));
    return out;
}

api::ChatAnswer said(const std::string& content) {
    api::ChatAnswer answer;
    answer.content = answer.raw = content;
    answer.prompt_tokens = 100;
    answer.completion_tokens = 3;
    return answer;
}

Candidate chat_candidate() {
    Candidate c;
    c.profile = "openai";
    c.model = "gpt-4o-mini-2024-07-18";
    c.prompt = {"Pick one.", "{text}"};
    return c;
}

}  // namespace

TEST_CASE("a candidate's id changes with anything that changes what is asked", "[eval]") {
    const Candidate base = chat_candidate();
    Candidate other_prompt = base;
    other_prompt.prompt.user = "Complaint: {text}";
    Candidate few = base;
    few.method = Method::FewShot;
    few.shots = 2;
    Candidate schema = base;
    schema.structured = true;
    const std::set<std::string> ids = {candidate_id(base), candidate_id(other_prompt), candidate_id(few), candidate_id(schema)};
    CHECK(ids.size() == 4);
    CHECK(candidate_id(base) == candidate_id(chat_candidate()));
    CHECK(candidate_name(few) == "gpt-4o-mini-2024-07-18 · 2-shot (openai)");
    Candidate majority;
    majority.method = Method::Majority;
    CHECK(candidate_id(majority) == "majority");
}

TEST_CASE("few-shot examples: k per class from the training rows, the same for a seed, mixed", "[eval]") {
    const auto train = rows(100);
    const auto shots = pick_shots(train, kClasses, 2, 5);
    REQUIRE(shots.size() == 6);
    for (const std::string& label : kClasses) {
        CHECK(std::count_if(shots.begin(), shots.end(), [&](const auto& r) { return r.label == label; }) == 2);
    }
    const auto again = pick_shots(train, kClasses, 2, 5);
    for (std::size_t i = 0; i < shots.size(); ++i) CHECK(shots[i].row == again[i].row);
    // Another seed picks other rows or another order somewhere.
    bool differs = false;
    for (std::uint64_t seed = 6; seed < 12 && !differs; ++seed) {
        const auto other = pick_shots(train, kClasses, 2, seed);
        for (std::size_t i = 0; i < shots.size(); ++i) differs |= other[i].row != shots[i].row;
    }
    CHECK(differs);
    // More asked than a class has: all of it.
    CHECK(pick_shots(train, kClasses, 10, 5).size() == 9);
}

TEST_CASE("the majority label is the most frequent training label, ties to the first class", "[eval]") {
    auto train = rows(0);
    CHECK(majority_label(train, kClasses) == "Mortgage");
    train.push_back(make_row(50, "Student loan"));
    CHECK(majority_label(train, kClasses) == "Student loan");
    CHECK(majority_label({}, {}).empty());
}

TEST_CASE("rows to ask skip what is answered, failed or in flight, and keep split order", "[eval]") {
    const auto test = rows(10);
    Evaluation e = make_evaluation(chat_candidate());
    record_answer(e, 10, said("Mortgage"), kClasses, 0.5);
    e.failed[11] = "HTTP 400";
    e.in_flight[12] = 1.0;
    const auto next = rows_to_ask(e, test, 3);
    REQUIRE(next.size() == 3);
    CHECK(next[0]->row == 13);
    CHECK(next[2]->row == 15);
    CHECK_FALSE(finished(e, test));
    for (const auto& row : test) {
        if (!e.answers.count(row.row) && !e.failed.count(row.row)) record_answer(e, row.row, said(row.label), kClasses, 1);
    }
    CHECK(finished(e, test));
    CHECK(rows_to_ask(e, test, 10).empty());
}

TEST_CASE("an answer is stored normalised, one naming no label is invalid and wrong", "[eval]") {
    const auto test = rows(0);
    Evaluation e = make_evaluation(chat_candidate());
    record_answer(e, 0, said("mortgage."), kClasses, 1.0);       // row 0 is Mortgage: right
    record_answer(e, 1, said("I cannot tell."), kClasses, 2.0);  // Debt collection: invalid
    record_answer(e, 2, said("Mortgage"), kClasses, 3.0);        // Student loan: wrong
    CHECK(e.answers.at(0).label == "Mortgage");
    CHECK(e.answers.at(1).label.empty());
    CHECK(e.answers.at(1).match == Match::Invalid);
    const Tally t = tally(e, test);
    CHECK(t.rows == 9);
    CHECK(t.answered == 3);
    CHECK(t.correct == 1);
    CHECK(t.invalid == 1);
    CHECK(t.prompt_tokens == 300);
    CHECK(t.seconds == Approx(6.0));
    // A refusal names no label even when its text happens to.
    api::ChatAnswer refusal = said("Mortgage");
    refusal.refused = true;
    record_answer(e, 3, refusal, kClasses, 1.0);
    CHECK(e.answers.at(3).label.empty());
}

TEST_CASE("a long answer is kept cut between characters, so the next save cannot fail", "[eval]") {
    // 199 bytes, then a curly quote (3 bytes) across byte 200.
    const std::string words = std::string(199, 'x') + "\xE2\x80\x9CMortgage\xE2\x80\x9D";
    Evaluation e = make_evaluation(chat_candidate());
    record_answer(e, 0, said(words), kClasses, 1.0);
    const std::string& raw = e.answers.at(0).raw;
    CHECK(raw == std::string(199, 'x'));
    CHECK_NOTHROW(nlohmann::json(raw).dump());
    // A quote that ends exactly at byte 200 is kept whole.
    record_answer(e, 1, said(std::string(197, 'x') + "\xE2\x80\x9C" + "more"), kClasses, 1.0);
    CHECK(e.answers.at(1).raw == std::string(197, 'x') + "\xE2\x80\x9C");
}

TEST_CASE("a provider error stops the run, skips the row, or is tried again later", "[eval]") {
    api::ApiError error;
    error.status = 401;
    CHECK(error_scope(error) == ErrorScope::Run);
    error.status = 404;
    CHECK(error_scope(error) == ErrorScope::Run);
    error.status = 429;
    CHECK(error_scope(error) == ErrorScope::Later);
    error.code = "insufficient_quota";
    CHECK(error_scope(error) == ErrorScope::Run);
    error.code.clear();
    error.status = 400;
    CHECK(error_scope(error) == ErrorScope::Row);
    error.status = 503;
    CHECK(error_scope(error) == ErrorScope::Later);
    error.status = 0;  // network
    CHECK(error_scope(error) == ErrorScope::Later);
}

TEST_CASE("time left follows the pace since the run started", "[eval]") {
    Evaluation e = make_evaluation(chat_candidate());
    CHECK(seconds_left(e, 10, 5.0) < 0);  // not started
    e.resumed_at = 100;
    e.answered_since_resume = 2;
    CHECK(seconds_left(e, 10, 101) < 0);  // too little known
    e.answered_since_resume = 20;         // 20 rows in 10 s: 2 a second
    CHECK(seconds_left(e, 30, 110) == Approx(15.0));
}

TEST_CASE("the majority baseline answers every test row at once", "[eval]") {
    const auto test = rows(0);
    Candidate c;
    c.method = Method::Majority;
    Evaluation e = make_evaluation(c);
    answer_with_majority(e, test, "Mortgage");
    const Tally t = tally(e, test);
    CHECK(t.answered == 9);
    CHECK(t.correct == 3);
}

TEST_CASE("the report counts only the current test rows and prices the tokens", "[eval]") {
    const auto test = rows(0);
    Evaluation e = make_evaluation(chat_candidate());
    for (const auto& row : test) record_answer(e, row.row, said(row.row < 6 ? row.label : "Mortgage"), kClasses, 0.25);
    record_answer(e, 999, said("Mortgage"), kClasses, 0.25);  // a row of an earlier split: not counted
    prompt::PriceTable prices;
    prompt::ModelEntry entry;
    entry.provider = "openai";
    entry.model = "gpt-4o-mini-2024-07-18";
    entry.input_per_million = 0.15;
    entry.output_per_million = 0.60;
    prices.models.push_back(entry);
    const CandidateReport r = report_candidate(e, kClasses, test, prices);
    // Rows 0-5 right; 6 (Mortgage) right by chance, 7 and 8 wrong: 7 of 9.
    CHECK(r.tally.answered == 9);
    CHECK(r.tally.correct == 7);
    CHECK(r.accuracy == Approx(7.0 / 9.0));
    CHECK(r.complete);
    CHECK(r.mean_seconds == Approx(0.25));
    CHECK(r.confusion.total() == 9);
    // 900 prompt tokens at $0.15/M and 27 completion tokens at $0.60/M.
    REQUIRE(r.cost);
    CHECK(*r.cost == Approx(900 * 0.15e-6 + 27 * 0.60e-6));
    prompt::PriceTable empty;
    CHECK_FALSE(report_candidate(e, kClasses, test, empty).cost);

    // Three of the rows answered again through a Batch API: those are billed at half the live price.
    for (std::uint64_t row = 0; row < 3; ++row) record_answer(e, row, said(test[row].label), kClasses, 0, true);
    const CandidateReport mixed = report_candidate(e, kClasses, test, prices);
    CHECK(mixed.tally.batch_prompt_tokens == 300);
    CHECK(mixed.tally.batch_completion_tokens == 9);
    REQUIRE(mixed.cost);
    CHECK(*mixed.cost == Approx(600 * 0.15e-6 + 18 * 0.60e-6 + 0.5 * (300 * 0.15e-6 + 9 * 0.60e-6)));
}

TEST_CASE("two candidates are compared on the rows both answered", "[eval]") {
    const auto test = rows(0);
    Evaluation a = make_evaluation(chat_candidate());
    Candidate other = chat_candidate();
    other.model = "gpt-4.1-mini-2025-04-14";
    Evaluation b = make_evaluation(other);
    for (const auto& row : test) {
        record_answer(a, row.row, said(row.label), kClasses, 1);                        // all right
        if (row.row < 8) record_answer(b, row.row, said(row.row < 2 ? "Mortgage" : row.label), kClasses, 1);
    }
    // Both answered rows 0-7; b got row 1 (Debt collection) wrong, row 0 right.
    const PairComparison pair = compare_pair(a, b, test);
    CHECK(pair.rows == 8);
    CHECK(pair.a_accuracy == Approx(1.0));
    CHECK(pair.b_accuracy == Approx(7.0 / 8.0));
    CHECK(pair.test.a_only == 1);
    CHECK(pair.test.b_only == 0);
    CHECK(pair.sentence.find("8 rows") != std::string::npos);

    const std::vector<const Evaluation*> both = {&a, &b};
    CHECK(explore_rows(both, test, RowFilter::All).size() == 9);
    CHECK(explore_rows(both, test, RowFilter::AnyWrong) == std::vector<std::size_t>{1});
    CHECK(explore_rows(both, test, RowFilter::Disagree, &a, &b) == std::vector<std::size_t>{1});
}

TEST_CASE("predictions CSV: one line per test row, each candidate's answer, correctness and words", "[eval]") {
    std::vector<data::SplitRow> test = {make_row(0, "Mortgage"), make_row(1, "Debt collection")};
    test[1].fields[0] = "said \"hello\", twice";
    Evaluation e = make_evaluation(chat_candidate());
    record_answer(e, 0, said("Mortgage"), kClasses, 1);
    record_answer(e, 1, said("no idea"), kClasses, 1);
    const std::string csv = predictions_csv({&e}, test, 0);
    const std::string name = candidate_name(e.candidate);
    CHECK(csv == "row,true_label,text," + name + ": answer," + name + ": correct," + name + ": raw\r\n"
                 "0,Mortgage,text of row 0,Mortgage,1,Mortgage\r\n"
                 "1,Debt collection,\"said \"\"hello\"\", twice\",invalid,0,no idea\r\n");
}

TEST_CASE("repeat splits reshuffle the same rows, keep each class's numbers, and score each split", "[eval]") {
    data::Split split;
    split.classes = kClasses;
    split.train = rows(0);
    split.validation = rows(100);
    split.test = rows(200);
    const auto splits = repeat_splits(split, 7, 3);
    REQUIRE(splits.size() == 3);
    CHECK(splits[0].test.size() == 9);
    std::set<std::uint64_t> pool;
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        for (const auto& row : *part) pool.insert(row.row);
    }
    for (const data::Split& s : splits) {
        std::set<std::uint64_t> seen;
        for (const auto* part : {&s.train, &s.validation, &s.test}) {
            for (const auto& row : *part) seen.insert(row.row);
        }
        CHECK(seen == pool);  // the same rows, each once
        for (const std::string& label : kClasses) {
            CHECK(std::count_if(s.test.begin(), s.test.end(), [&](const auto& r) { return r.label == label; }) == 3);
        }
    }
    // A reshuffle holds other rows out, and the same seed holds out the same ones.
    const auto test_rows = [](const data::Split& s) {
        std::set<std::uint64_t> out;
        for (const auto& row : s.test) out.insert(row.row);
        return out;
    };
    CHECK(test_rows(splits[1]) != test_rows(splits[0]));
    CHECK(test_rows(repeat_splits(split, 7, 3)[1]) == test_rows(splits[1]));
    const auto all = rows_of_all(splits);
    std::set<std::uint64_t> unique;
    for (const auto& row : all) unique.insert(row.row);
    CHECK(unique.size() == all.size());

    // A model right on every row of the pool scores 1 on each split; one right only on rows 200-208
    // (the first split's test rows) scores 1 there and less elsewhere.
    Evaluation perfect = make_evaluation(chat_candidate());
    Evaluation first_only = make_evaluation(chat_candidate());
    for (const auto& row : all) {
        record_answer(perfect, row.row, said(row.label), kClasses, 1);
        record_answer(first_only, row.row, said(row.row >= 200 ? row.label : "nothing"), kClasses, 1);
    }
    const RepeatScores p = repeat_scores(perfect, splits);
    CHECK(p.accuracies == std::vector<double>{1.0, 1.0, 1.0});
    CHECK(p.summary.sd == 0.0);
    const RepeatScores f = repeat_scores(first_only, splits);
    REQUIRE(f.accuracies.size() == 3);
    CHECK(f.accuracies[0] == 1.0);
    CHECK(f.summary.mean < 1.0);
    CHECK(f.summary.sd > 0.0);
    // Not yet answered everywhere: that split is left out.
    first_only.answers.erase(all.back().row);
    CHECK(repeat_scores(first_only, splits).accuracies.size() == 2);
    // Few-shot and fine-tuned candidates are not repeated.
    Candidate few = chat_candidate();
    few.method = Method::FewShot;
    CHECK_FALSE(repeat_scores(make_evaluation(few), splits).excluded_because.empty());
    Candidate tuned = chat_candidate();
    tuned.source = "job ftjob-1";
    CHECK_FALSE(repeatable(tuned));
}
