#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "core/data/all_rows.h"
#include "core/data/hashing.h"
#include "core/data/loader.h"

using namespace tb::data;

namespace {

// A CSV of complaints: product A on two rows in four, B on one in four, C on one in four; every seventh
// text repeats an earlier one and every eleventh is empty. `eligible` gets the rows of A and B that are
// neither (1-based data row numbers): what the split's classes can learn from; `text_of` each row's text.
std::string make_csv(int rows, std::set<std::uint64_t>& eligible, std::map<std::uint64_t, std::string>& text_of) {
    std::string csv = "Product,Consumer complaint narrative\n";
    std::set<std::string> texts;
    for (int i = 1; i <= rows; ++i) {
        const char* product = i % 4 == 1 ? "B" : i % 4 == 3 ? "C" : "A";
        std::string text = "complaint about my account number " + std::to_string(i);
        const bool duplicate = i % 7 == 0, empty = i % 11 == 0;
        if (duplicate) text = "complaint about my account number " + std::to_string(i - 4);
        if (empty) text.clear();
        text_of[static_cast<std::uint64_t>(i)] = text;
        csv += std::string(product) + ",\"" + text + "\"\n";
        // A repeat of an empty text is the first of its words.
        const bool first = texts.insert(text).second;
        if (first && !empty && product[0] != 'C') eligible.insert(static_cast<std::uint64_t>(i));
    }
    return csv;
}

LoadSettings settings() {
    LoadSettings load;
    load.text_column = "Consumer complaint narrative";
    load.label_column = "Product";
    load.families = LabelFamilies{};
    return load;
}

Split split_of(const Loader& loader) {
    SplitSettings split;
    split.train = 10;
    split.validation = 10;
    split.test = 10;
    split.top_k = 2;
    return draw_split(loader.ingest(), split);
}

// Reads `csv` again, as the page does for "every labelled row", into a gatherer.
AllRowsGatherer gather(const std::string& csv, const Split& split, const AllRowsPlan& plan) {
    AllRowsGatherer gatherer(split, plan);
    Loader again(settings());
    again.on_eligible([&](std::uint64_t row, std::uint64_t key, const std::string& label, std::string_view text) {
        gatherer.add(row, key, label, text);
    });
    // In uneven chunks, as the browser hands them over.
    for (std::size_t at = 0; at < csv.size(); at += 97) again.feed(std::string_view(csv).substr(at, 97));
    again.finish();
    return gatherer;
}

std::set<std::uint64_t> row_numbers(const std::vector<SplitRow>& rows) {
    std::set<std::uint64_t> out;
    for (const SplitRow& row : rows) out.insert(row.row);
    return out;
}

// A file of `rows` rows, read once as the page reads it, and the split drawn from it.
struct Opened {
    std::set<std::uint64_t> eligible;
    std::map<std::uint64_t, std::string> text_of;
    std::string csv;
    Loader loader{settings()};
    Split split;

    explicit Opened(int rows) : csv(make_csv(rows, eligible, text_of)) {
        loader.feed(csv);
        loader.finish();
        split = split_of(loader);
    }
    std::set<std::uint64_t> held_out() const {
        std::set<std::uint64_t> out = row_numbers(split.validation);
        for (const std::uint64_t row : row_numbers(split.test)) out.insert(row);
        return out;
    }
};

}  // namespace

TEST_CASE("every labelled row outside validation and test: counted first, then exactly those rows are read") {
    const Opened file(400);
    const Split& split = file.split;
    REQUIRE(split.classes == std::vector<std::string>{"A", "B"});
    std::set<std::uint64_t> expected = file.eligible;
    for (const std::uint64_t row : file.held_out()) REQUIRE(expected.erase(row) == 1);

    const AllRowsPlan plan = plan_all_rows(file.loader.ingest(), split, 100000);
    CHECK(plan.rows == expected.size());
    CHECK_FALSE(plan.sampled());

    AllRowsGatherer gatherer = gather(file.csv, split, plan);
    CHECK(gatherer.check().empty());
    const std::set<std::uint64_t> taken(gatherer.rows().begin(), gatherer.rows().end());
    CHECK(taken == expected);
    CHECK(gatherer.rows().size() == taken.size());  // each once
    // No validation or test row reaches training, and the split's training rows are all there.
    for (const std::uint64_t row : file.held_out()) CHECK(taken.count(row) == 0);
    for (const std::uint64_t row : row_numbers(split.train)) CHECK(taken.count(row) == 1);
    // Labels and texts are the rows' own.
    for (std::size_t i = 0; i < gatherer.rows().size(); ++i) {
        const std::uint64_t row = gatherer.rows()[i];
        CHECK(gatherer.labels()[i] == (row % 4 == 1 ? 1 : 0));
        CHECK(gatherer.texts()[i] == file.text_of.at(row));
    }
}

TEST_CASE("past the limit, a seeded sample of about that many rows, keeping the split's training rows") {
    const Opened file(2000);
    const Split& split = file.split;
    const AllRowsPlan plan = plan_all_rows(file.loader.ingest(), split, 300);
    REQUIRE(plan.sampled());
    CHECK(plan.rows == file.eligible.size() - split.validation.size() - split.test.size());

    AllRowsGatherer gatherer = gather(file.csv, split, plan);
    CHECK(gatherer.check().empty());
    CHECK(gatherer.seen() == plan.rows);
    // The rows whose key under the load's seed falls below the plan's bound, and no others.
    std::set<std::uint64_t> expected;
    const std::set<std::uint64_t> held_out = file.held_out();
    for (const std::uint64_t row : file.eligible) {
        if (held_out.count(row) == 0 && row_key(settings().seed, row) < plan.keys_below) expected.insert(row);
    }
    const std::set<std::uint64_t> taken(gatherer.rows().begin(), gatherer.rows().end());
    CHECK(taken == expected);
    // About 300 of the 1,2xx: a binomial draw, sd about 15.
    CHECK(taken.size() > 240);
    CHECK(taken.size() < 360);
    for (const std::uint64_t row : row_numbers(split.train)) CHECK(taken.count(row) == 1);
}

TEST_CASE("a file that changed since the split was drawn is refused") {
    const Opened file(400);
    const AllRowsPlan plan = plan_all_rows(file.loader.ingest(), file.split, 100000);
    const Opened shorter(390);
    const std::string why = gather(shorter.csv, file.split, plan).check();
    CHECK(why.find("not the one the split was drawn from") != std::string::npos);
    CHECK(gather(file.csv, file.split, plan).check().empty());
}
