#include "core/data/ingest.h"

#include <algorithm>

#include "core/data/columns.h"
#include "core/data/hashing.h"

namespace tb::data {

namespace {
// Max-heap on key: the root is the row the next smaller key replaces.
bool key_less(const SampledRow& a, const SampledRow& b) { return a.key < b.key; }
}  // namespace

Ingest::Ingest(IngestSettings settings) : settings_(std::move(settings)), seen_texts_(settings_.duplicate_slots) {}

ClassTally* Ingest::tally_for(std::string_view label) {
    // Every row asks, and a file has a handful of labels: comparing with the first few seen (most
    // differ in size, so few get as far as their bytes) is cheaper than hashing the label for the map.
    for (const auto& [known, index] : first_labels_) {
        if (known == label) return &classes_[index];
    }
    const auto found = class_index_.find(label);
    if (found != class_index_.end()) return &classes_[found->second];
    // A new raw label: find or open its family's tally.
    const std::string_view family = settings_.families.family_of(label);
    std::size_t index = classes_.size();
    for (std::size_t i = 0; i < classes_.size(); ++i) {
        if (classes_[i].label == family) index = i;
    }
    if (index == classes_.size()) {
        if (classes_.size() >= settings_.max_classes) return nullptr;
        classes_.push_back(ClassTally{std::string(family), 0, 0, {}});
    }
    class_index_.emplace(std::string(label), index);
    if (first_labels_.size() < kFirstLabels) first_labels_.emplace_back(std::string(label), index);
    return &classes_[index];
}

void Ingest::add(std::uint64_t row, std::span<const std::string_view> fields, std::uint64_t offset) {
    ++rows_;
    const auto text_column = static_cast<std::size_t>(settings_.text_column);
    const auto label_column = static_cast<std::size_t>(settings_.label_column);
    if (settings_.text_column < 0 || settings_.label_column < 0 || text_column >= fields.size() ||
        label_column >= fields.size()) {
        ++short_fields_;
        return;
    }
    const std::string_view text = fields[text_column];
    if (is_missing_text(text)) {
        ++missing_text_;
        return;
    }
    const std::string_view label = fields[label_column];
    if (is_missing_text(label)) {
        ++missing_label_;
        return;
    }
    ++rows_with_text_;
    ClassTally* tally = tally_for(label);
    if (tally == nullptr) {
        ++overflow_rows_;
        return;
    }
    ++tally->with_text;
    if (!has_characters(text, settings_.min_text_characters)) {
        ++too_short_;
        return;
    }
    if (settings_.drop_duplicates) {
        if (!seen_texts_.insert(hash_text_wide(text))) {
            ++duplicates_;
            return;
        }
        if (!seen_texts_.full()) last_remembered_row_ = row;
    }
    ++tally->eligible;

    const std::uint64_t key = row_key(settings_.seed, row);
    if (on_eligible_) on_eligible_(row, key, tally->label, text);
    auto& sample = tally->sample;
    if (sample.size() >= settings_.sample_capacity) {
        if (sample.empty() || key >= sample.front().key) return;
        std::pop_heap(sample.begin(), sample.end(), key_less);
        // The row leaving makes room for this one: assigning into its strings reuses their buffers, so
        // a full sample, replaced thousands of times over a large file, allocates nothing.
        SampledRow& slot = sample.back();
        slot.row = row;
        slot.key = key;
        slot.offset = offset;
        slot.fields.resize(fields.size());
        for (std::size_t i = 0; i < fields.size(); ++i) slot.fields[i].assign(fields[i]);
        std::push_heap(sample.begin(), sample.end(), key_less);
        return;
    }
    sample.push_back(SampledRow{row, key, offset, std::vector<std::string>(fields.begin(), fields.end())});
    std::push_heap(sample.begin(), sample.end(), key_less);
}

std::vector<const ClassTally*> Ingest::classes_by_count() const {
    std::vector<const ClassTally*> sorted;
    for (const ClassTally& tally : classes_) sorted.push_back(&tally);
    std::sort(sorted.begin(), sorted.end(), [](const ClassTally* a, const ClassTally* b) {
        return a->with_text != b->with_text ? a->with_text > b->with_text : a->label < b->label;
    });
    return sorted;
}

}  // namespace tb::data
