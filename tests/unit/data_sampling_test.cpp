#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/data/hash_set.h"
#include "core/data/hashing.h"
#include "core/data/ingest.h"
#include "core/data/split.h"

using namespace tb::data;

namespace {

// Rows of (text, label); text i of class c is "c-i words..." so every text is distinct.
struct Table {
    std::vector<std::array<std::string, 2>> rows;
    void add(std::string text, std::string label) { rows.push_back({std::move(text), std::move(label)}); }
};

Table make_table(const std::map<std::string, int>& sizes) {
    Table table;
    int longest = 0;
    for (const auto& entry : sizes) longest = std::max(longest, entry.second);
    // Interleave the classes, as a real file would.
    for (int i = 0; i < longest; ++i) {
        for (const auto& [label, count] : sizes) {
            if (i < count) table.add(label + " complaint number " + std::to_string(i), label);
        }
    }
    return table;
}

Ingest ingest_table(const Table& table, IngestSettings settings) {
    settings.text_column = 0;
    settings.label_column = 1;
    Ingest ingest(std::move(settings));
    std::uint64_t row = 0;
    for (const auto& r : table.rows) {
        const std::array<std::string_view, 2> fields = {r[0], r[1]};
        ingest.add(++row, fields);
    }
    return ingest;
}

std::set<std::uint64_t> rows_of(const std::vector<SplitRow>& rows) {
    std::set<std::uint64_t> out;
    for (const auto& row : rows) out.insert(row.row);
    return out;
}

}  // namespace

TEST_CASE("the hash set remembers every member through growth") {
    HashSet set;
    for (std::uint64_t i = 0; i < 5000; ++i) CHECK(set.insert(mix64(i)));
    for (std::uint64_t i = 0; i < 5000; ++i) CHECK_FALSE(set.insert(mix64(i)));
    CHECK(set.insert(0));
    CHECK_FALSE(set.insert(0));
    CHECK(set.size() == 5001);
}

TEST_CASE("the hash set stays within its budget of slots, and says when it is full") {
    HashSet set(64);  // 64 slots of 8 bytes: 32 members at most half full
    for (std::uint64_t i = 0; i < 32; ++i) REQUIRE(set.insert(mix64(i)));
    CHECK_FALSE(set.full());
    CHECK(set.memory_bytes() == 64 * 8);
    CHECK(set.insert(mix64(32)));  // new, as far as it knows, but not kept
    CHECK(set.full());
    CHECK(set.size() == 32);
    CHECK(set.memory_bytes() == 64 * 8);
    for (std::uint64_t i = 0; i < 32; ++i) CHECK_FALSE(set.insert(mix64(i)));  // still answers for those
    CHECK(set.insert(mix64(32)));
    CHECK(HashSet(100).insert(1));  // a budget that is no power of two is rounded down: 64 slots
}

TEST_CASE("duplicates past the budget are checked against the texts remembered, and that is said") {
    IngestSettings settings;
    settings.duplicate_slots = 16;  // 8 distinct texts
    Table table;
    for (int i = 0; i < 12; ++i) table.add("text number " + std::to_string(i), "A");  // rows 1-12
    table.add("text number 3", "A");   // row 13: a duplicate of a remembered text, found
    table.add("text number 10", "A");  // row 14: a duplicate of a text past the budget, missed
    const Ingest ingest = ingest_table(table, settings);
    CHECK_FALSE(ingest.duplicates_exact());
    CHECK(ingest.duplicates_remembered() == 8);
    CHECK(ingest.duplicates_exact_to_row() == 8);
    CHECK(ingest.duplicates() == 1);
    CHECK(ingest.classes_by_count()[0]->eligible == 13);

    const Ingest roomy = ingest_table(table, IngestSettings{});
    CHECK(roomy.duplicates_exact());
    CHECK(roomy.duplicates() == 2);
    CHECK(roomy.duplicates_exact_to_row() == 12);
}

TEST_CASE("text hashing sees every byte, including the tail") {
    CHECK(hash_text("abcdefgh") != hash_text("abcdefgi"));
    CHECK(hash_text("abcdefghij") != hash_text("abcdefghik"));
    CHECK(hash_text("") != hash_text(std::string_view("\0", 1)));
    CHECK(hash_text("same") == hash_text("same"));
}

TEST_CASE("the duplicate hash sees every byte, its length and the order of its words") {
    const std::string text(100, 'x');
    std::set<std::uint64_t> seen;
    for (std::size_t size = 0; size <= text.size(); ++size) {
        CHECK(seen.insert(hash_text_wide(std::string_view(text).substr(0, size))).second);
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string changed = text;
        changed[i] = 'y';
        CHECK(seen.insert(hash_text_wide(changed)).second);
    }
    // Words that swap chains (0 and 8) or steps (0 and 32) give another hash.
    const std::string words = "aaaaaaaabbbbbbbbccccccccddddddddeeeeeeee";
    const std::string swapped_chains = "bbbbbbbbaaaaaaaaccccccccddddddddeeeeeeee";
    const std::string swapped_steps = "eeeeeeeebbbbbbbbccccccccddddddddaaaaaaaa";
    CHECK(hash_text_wide(words) != hash_text_wide(swapped_chains));
    CHECK(hash_text_wide(words) != hash_text_wide(swapped_steps));
    CHECK(hash_text_wide(words) == hash_text_wide(std::string(words)));
}

TEST_CASE("ingest counts classes among rows with text, after label families") {
    IngestSettings settings;
    settings.families = LabelFamilies({{"Card", {"Credit card", "Prepaid card"}}});
    settings.min_text_characters = 5;
    Table table;
    table.add("a long enough text", "Credit card");
    table.add("another long text", "Prepaid card");
    table.add("None", "Credit card");          // missing text
    table.add("   ", "Mortgage");               // missing text
    table.add("short", "Mortgage");             // exactly 5 characters: kept
    table.add("tiny", "Mortgage");              // too short, still counted as with text
    table.add("a long enough text", "Mortgage");  // duplicate text
    table.add("labelless text", "");
    const Ingest ingest = ingest_table(table, settings);

    CHECK(ingest.rows() == 8);
    CHECK(ingest.missing_text() == 2);
    CHECK(ingest.missing_label() == 1);
    CHECK(ingest.rows_with_text() == 5);
    CHECK(ingest.too_short() == 1);
    CHECK(ingest.duplicates() == 1);
    const auto classes = ingest.classes_by_count();
    REQUIRE(classes.size() == 2);
    CHECK(classes[0]->label == "Mortgage");
    CHECK(classes[0]->with_text == 3);
    CHECK(classes[0]->eligible == 1);
    CHECK(classes[1]->label == "Card");
    CHECK(classes[1]->with_text == 2);
    CHECK(classes[1]->eligible == 2);
}

TEST_CASE("a row without the text or label column is counted, not read past") {
    IngestSettings settings;
    settings.text_column = 3;
    settings.label_column = 0;
    Ingest ingest(settings);
    const std::array<std::string_view, 2> fields = {"Mortgage", "text"};
    ingest.add(1, fields);
    CHECK(ingest.short_fields() == 1);
    CHECK(ingest.classes_by_count().empty());
}

TEST_CASE("each class keeps exactly the eligible rows with the smallest keys") {
    IngestSettings settings;
    settings.seed = 7;
    settings.sample_capacity = 10;
    const Table table = make_table({{"A", 100}, {"B", 4}});
    const Ingest ingest = ingest_table(table, settings);
    for (const ClassTally* tally : ingest.classes_by_count()) {
        std::vector<std::uint64_t> expected;
        for (std::uint64_t row = 1; row <= table.rows.size(); ++row) {
            if (table.rows[row - 1][1] == tally->label) expected.push_back(row);
        }
        std::sort(expected.begin(), expected.end(),
                  [](auto a, auto b) { return row_key(7, a) < row_key(7, b); });
        expected.resize(std::min<std::size_t>(expected.size(), 10));
        std::set<std::uint64_t> got;
        for (const auto& row : tally->sample) got.insert(row.row);
        CHECK(got == std::set<std::uint64_t>(expected.begin(), expected.end()));
    }
}

TEST_CASE("too many distinct labels are counted together, not sampled") {
    IngestSettings settings;
    settings.max_classes = 3;
    Table table;
    for (int i = 0; i < 10; ++i) table.add("text " + std::to_string(i), "label " + std::to_string(i));
    const Ingest ingest = ingest_table(table, settings);
    CHECK(ingest.classes_by_count().size() == 3);
    CHECK(ingest.overflow_rows() == 7);
    CHECK(ingest.too_many_classes());
}

TEST_CASE("quotas add up exactly, balanced or proportional") {
    SplitSettings settings;
    auto quotas = split_quotas({500, 400, 300, 200, 150, 120}, settings);
    std::array<std::size_t, 3> totals{};
    for (const auto& q : quotas) {
        for (int s = 0; s < 3; ++s) totals[s] += q[s];
        CHECK((q[0] == 16 || q[0] == 17));
    }
    CHECK(totals == std::array<std::size_t, 3>{100, 100, 100});
    CHECK(quotas[0][0] == 17);  // remainders go to the larger classes first
    CHECK(quotas[5][0] == 16);

    settings.balance = Balance::Proportional;
    settings.train = 10;
    quotas = split_quotas({700, 200, 100}, settings);
    CHECK(quotas[0][0] == 7);
    CHECK(quotas[1][0] == 2);
    CHECK(quotas[2][0] == 1);
}

TEST_CASE("the default split is 100 / 100 / 100 rows balanced over the 6 largest classes") {
    const Table table = make_table({{"A", 400}, {"B", 300}, {"C", 250}, {"D", 200}, {"E", 120}, {"F", 90}, {"G", 30}});
    IngestSettings ingest_settings;
    ingest_settings.seed = 42;
    const Ingest ingest = ingest_table(table, ingest_settings);
    const Split split = draw_split(ingest, SplitSettings{});
    CHECK(split.classes == std::vector<std::string>{"A", "B", "C", "D", "E", "F"});
    CHECK(split.train.size() == 100);
    CHECK(split.validation.size() == 100);
    CHECK(split.test.size() == 100);
    CHECK(split.warnings.empty());
    CHECK_FALSE(split.needs_larger_sample);

    std::map<std::string, int> per_class;
    for (const auto& row : split.test) {
        ++per_class[row.label];
        CHECK(table.rows[row.row - 1][1] == row.label);  // rows are 1-based data row numbers
        CHECK(row.fields[0] == table.rows[row.row - 1][0]);
    }
    for (const auto& entry : per_class) CHECK((entry.second == 16 || entry.second == 17));

    // The three splits never share a row.
    const auto train = rows_of(split.train), validation = rows_of(split.validation), test = rows_of(split.test);
    std::vector<std::uint64_t> overlap;
    std::set_intersection(train.begin(), train.end(), test.begin(), test.end(), std::back_inserter(overlap));
    std::set_intersection(train.begin(), train.end(), validation.begin(), validation.end(), std::back_inserter(overlap));
    std::set_intersection(validation.begin(), validation.end(), test.begin(), test.end(), std::back_inserter(overlap));
    CHECK(overlap.empty());
}

TEST_CASE("same seed, same rows, another seed another split, and row order does not matter") {
    const Table table = make_table({{"A", 300}, {"B", 200}, {"C", 150}});
    IngestSettings settings;
    settings.seed = 1;
    const Split first = draw_split(ingest_table(table, settings), SplitSettings{});
    const Split again = draw_split(ingest_table(table, settings), SplitSettings{});
    CHECK(rows_of(first.train) == rows_of(again.train));
    CHECK(rows_of(first.test) == rows_of(again.test));

    // Rows fed in another order, with the same row numbers, sample the same rows.
    settings.text_column = 0;
    settings.label_column = 1;
    Ingest reversed(settings);
    for (std::uint64_t row = table.rows.size(); row >= 1; --row) {
        const std::array<std::string_view, 2> fields = {table.rows[row - 1][0], table.rows[row - 1][1]};
        reversed.add(row, fields);
    }
    CHECK(rows_of(draw_split(reversed, SplitSettings{}).test) == rows_of(first.test));

    settings.seed = 2;
    const Split other = draw_split(ingest_table(table, settings), SplitSettings{});
    CHECK(rows_of(other.test) != rows_of(first.test));
    CHECK(other.test.size() == first.test.size());
}

TEST_CASE("a class with too few rows gives all it has, with a warning") {
    const Table table = make_table({{"A", 300}, {"B", 20}});
    SplitSettings split_settings;
    split_settings.top_k = 2;
    const Split split = draw_split(ingest_table(table, IngestSettings{}), split_settings);
    std::size_t b_rows = 0;
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        for (const auto& row : *part) b_rows += row.label == "B";
    }
    CHECK(b_rows == 20);
    // First what the person must see: 20 rows of B over 50 / 50 / 50 wanted is 7 / 7 / 6.
    REQUIRE(split.warnings.size() == 2);
    CHECK(split.warnings[0] == "The split has 57 / 57 / 56 rows, not the 100 / 100 / 100 asked: some classes have too "
                               "few rows. Ask for fewer rows or fewer classes.");
    CHECK(split.warnings[1] == "\"B\" has only 20 rows to draw from (150 wanted): it gets all of them.");
    CHECK(split.train.size() == 50 + 7);
    CHECK(split.test.size() == 50 + 6);
}

TEST_CASE("classes picked by hand, and sizes beyond the sample, are reported") {
    const Table table = make_table({{"A", 700}, {"B", 600}, {"C", 500}});
    SplitSettings split_settings;
    split_settings.classes = {"C", "A", "Z"};
    split_settings.train = 500;  // 250 + 50 + 50 per class, past the 300 kept
    const Split split = draw_split(ingest_table(table, IngestSettings{}), split_settings);
    CHECK(split.classes == std::vector<std::string>{"A", "C"});
    CHECK(split.needs_larger_sample);
    REQUIRE_FALSE(split.warnings.empty());
    CHECK(split.warnings[0] == "No rows with text are labelled \"Z\".");
    CHECK(split.warnings.size() == 1);  // the split is smaller than asked only until the file is read again
}
