#include "core/data/all_rows.h"

#include <algorithm>

namespace tb::data {

AllRowsPlan plan_all_rows(const Ingest& ingest, const Split& split, std::uint64_t limit) {
    AllRowsPlan plan;
    plan.limit = limit;
    for (const ClassTally* tally : ingest.classes_by_count()) {
        if (class_index(split.classes, tally->label) >= 0) plan.rows += tally->eligible;
    }
    const std::uint64_t held_out = split.validation.size() + split.test.size();
    plan.rows = plan.rows > held_out ? plan.rows - held_out : 0;
    if (plan.sampled() && limit > 0) {
        // limit / rows of the key range; keys are uniform 64-bit hashes of (seed, row).
        const long double share = static_cast<long double>(limit) / static_cast<long double>(plan.rows);
        plan.keys_below = static_cast<std::uint64_t>(share * 18446744073709551615.0L);
    } else if (plan.sampled()) {
        plan.keys_below = 0;
    }
    return plan;
}

AllRowsGatherer::AllRowsGatherer(const Split& split, AllRowsPlan plan) : classes_(split.classes), plan_(plan) {
    for (const auto* part : {&split.validation, &split.test}) {
        for (const SplitRow& row : *part) held_out_.push_back(row.row);
    }
    std::sort(held_out_.begin(), held_out_.end());
}

void AllRowsGatherer::add(std::uint64_t row, std::uint64_t key, const std::string& label, std::string_view text) {
    const int index = class_index(classes_, label);
    if (index < 0) return;
    if (std::binary_search(held_out_.begin(), held_out_.end(), row)) {
        ++held_out_seen_;  // never learnt from: a validation or test row
        return;
    }
    ++seen_;
    if (key >= plan_.keys_below) return;
    rows_.push_back(row);
    labels_.push_back(index);
    texts_.emplace_back(text);
}

std::string AllRowsGatherer::check() const {
    if (seen_ == plan_.rows && held_out_seen_ == held_out_.size()) return {};
    return "The file read now is not the one the split was drawn from (it has " + std::to_string(seen_ + held_out_seen_) +
           " eligible rows of the split's classes, the split counted " + std::to_string(plan_.rows + held_out_.size()) +
           "): open it again, so the split is drawn from what it holds now.";
}

}  // namespace tb::data
