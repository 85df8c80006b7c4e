#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/ingest.h"
#include "core/data/split.h"

namespace tb::data {

// "Train on every labelled row": the eligible rows of the split's classes outside its validation and test
// rows, read again from the file (the page keeps only the split's rows). Past `limit` rows, about `limit`
// of them, taken by their seeded sampling key: memory stays bounded whatever the file's size. The split's
// own training rows have the smallest keys of their class (draw_split deals them first), so a sample
// keeps them.
struct AllRowsPlan {
    std::uint64_t rows = 0;   // eligible rows of the split's classes outside validation and test
    std::uint64_t limit = 0;
    std::uint64_t keys_below = UINT64_MAX;  // a row is taken when its key is below this
    bool sampled() const { return rows > limit; }
};
AllRowsPlan plan_all_rows(const Ingest& ingest, const Split& split, std::uint64_t limit);

// Takes those rows from the eligible rows of a second read of the file (Loader::on_eligible).
class AllRowsGatherer {
public:
    AllRowsGatherer(const Split& split, AllRowsPlan plan);

    void add(std::uint64_t row, std::uint64_t key, const std::string& label, std::string_view text);
    // After the read: why the rows cannot be used (the file is not the one the split was drawn from), or empty.
    std::string check() const;

    const AllRowsPlan& plan() const { return plan_; }
    std::uint64_t seen() const { return seen_; }  // rows of the plan met so far, taken or not
    const std::vector<std::uint64_t>& rows() const { return rows_; }  // taken, in file order
    const std::vector<int>& labels() const { return labels_; }        // index into the split's classes
    std::vector<std::string>& texts() { return texts_; }

private:
    std::vector<std::string> classes_;
    std::vector<std::uint64_t> held_out_;  // validation and test row numbers, sorted
    AllRowsPlan plan_;
    std::uint64_t seen_ = 0, held_out_seen_ = 0;
    std::vector<std::uint64_t> rows_;
    std::vector<int> labels_;
    std::vector<std::string> texts_;
};

}  // namespace tb::data
