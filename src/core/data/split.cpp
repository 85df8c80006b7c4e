#include "core/data/split.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "core/data/hashing.h"

namespace tb::data {

namespace {

// Spreads `total` over shares `weights` exactly: floors first, then one each to the largest
// remainders (ties to the earlier, i.e. larger, class).
std::vector<std::size_t> apportion(std::size_t total, const std::vector<double>& weights) {
    std::vector<std::size_t> out(weights.size(), 0);
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (weights.empty() || sum <= 0) return out;
    std::vector<std::pair<double, std::size_t>> remainders;
    std::size_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double exact = static_cast<double>(total) * weights[i] / sum;
        out[i] = static_cast<std::size_t>(exact);
        given += out[i];
        remainders.emplace_back(exact - static_cast<double>(out[i]), i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; given < total; ++i, ++given) ++out[remainders[i % remainders.size()].second];
    return out;
}

std::string format_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " row" : " rows"); }

}  // namespace

std::vector<std::string> chosen_classes(const Ingest& ingest, const SplitSettings& settings) {
    std::vector<std::string> chosen;
    for (const ClassTally* tally : ingest.classes_by_count()) {
        const bool picked = settings.classes.empty()
                                ? chosen.size() < settings.top_k
                                : std::find(settings.classes.begin(), settings.classes.end(), tally->label) !=
                                      settings.classes.end();
        if (picked) chosen.push_back(tally->label);
    }
    return chosen;
}

std::vector<std::array<std::size_t, 3>> split_quotas(const std::vector<std::uint64_t>& class_rows,
                                                     const SplitSettings& settings) {
    std::vector<double> weights;
    for (std::uint64_t rows : class_rows) {
        weights.push_back(settings.balance == Balance::Balanced ? 1.0 : static_cast<double>(rows));
    }
    std::vector<std::array<std::size_t, 3>> quotas(class_rows.size());
    const std::array<std::size_t, 3> sizes = {settings.train, settings.validation, settings.test};
    for (std::size_t s = 0; s < 3; ++s) {
        const auto shares = apportion(sizes[s], weights);
        for (std::size_t c = 0; c < shares.size(); ++c) quotas[c][s] = shares[c];
    }
    return quotas;
}

std::uint64_t rows_hash(const std::vector<SplitRow>& rows) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> sorted;
    sorted.reserve(rows.size());
    for (const SplitRow& row : rows) sorted.emplace_back(row.row, hash_text(row.label));
    std::sort(sorted.begin(), sorted.end());
    std::uint64_t h = mix64(sorted.size());
    for (const auto& [row, label] : sorted) h = mix64(mix64(h ^ row) ^ label);
    return h;
}

Split draw_split(const Ingest& ingest, const SplitSettings& settings) {
    Split split;
    split.classes = chosen_classes(ingest, settings);
    for (const std::string& wanted : settings.classes) {
        if (std::find(split.classes.begin(), split.classes.end(), wanted) == split.classes.end()) {
            split.warnings.push_back("No rows with text are labelled \"" + wanted + "\".");
        }
    }

    std::vector<const ClassTally*> tallies;
    std::vector<std::uint64_t> class_rows;
    for (const ClassTally* tally : ingest.classes_by_count()) {
        if (std::find(split.classes.begin(), split.classes.end(), tally->label) == split.classes.end()) continue;
        tallies.push_back(tally);
        class_rows.push_back(tally->eligible);
    }
    const auto quotas = split_quotas(class_rows, settings);
    const std::size_t capacity = ingest.settings().sample_capacity;
    std::array<std::vector<SplitRow>*, 3> outputs = {&split.train, &split.validation, &split.test};

    for (std::size_t c = 0; c < tallies.size(); ++c) {
        const ClassTally& tally = *tallies[c];
        std::array<std::size_t, 3> quota = quotas[c];
        const std::size_t needed = quota[0] + quota[1] + quota[2];
        if (needed > capacity && tally.eligible > capacity) split.needs_larger_sample = true;
        if (needed > tally.eligible) {
            // Too few rows: the class gives everything it has, in the same proportions.
            const auto available = static_cast<std::size_t>(tally.eligible);
            const auto shares = apportion(available, {static_cast<double>(quota[0]), static_cast<double>(quota[1]),
                                                      static_cast<double>(quota[2])});
            std::copy(shares.begin(), shares.end(), quota.begin());
            split.warnings.push_back("\"" + tally.label + "\" has only " + format_count(available) + " to draw from (" +
                                     std::to_string(needed) + " wanted): it gets all of them.");
        }
        std::vector<const SampledRow*> rows;
        for (const SampledRow& row : tally.sample) rows.push_back(&row);
        std::sort(rows.begin(), rows.end(), [](const SampledRow* a, const SampledRow* b) { return a->key < b->key; });
        std::size_t next = 0;
        for (std::size_t s = 0; s < 3; ++s) {
            for (std::size_t i = 0; i < quota[s] && next < rows.size(); ++i, ++next) {
                outputs[s]->push_back(SplitRow{rows[next]->row, rows[next]->key, tally.label, rows[next]->fields});
            }
        }
    }

    // Order each split by key, so classes are interleaved the same way every time.
    for (auto* output : outputs) {
        std::sort(output->begin(), output->end(), [](const SplitRow& a, const SplitRow& b) { return a.key < b.key; });
    }
    // (With too small a sample the file is read again, keeping more: no warning for a split about to go.)
    if (!split.classes.empty() && !split.needs_larger_sample && (split.train.size() < settings.train || split.validation.size() < settings.validation ||
                                   split.test.size() < settings.test)) {
        // First, as it is what the person must see: the sizes asked for are not the sizes drawn.
        const auto sizes = [](std::size_t a, std::size_t b, std::size_t c) {
            return std::to_string(a) + " / " + std::to_string(b) + " / " + std::to_string(c);
        };
        split.warnings.insert(split.warnings.begin(),
                              "The split has " + sizes(split.train.size(), split.validation.size(), split.test.size()) +
                                  " rows, not the " + sizes(settings.train, settings.validation, settings.test) +
                                  " asked: some classes have too few rows. Ask for fewer rows or fewer classes.");
    }
    return split;
}

Split reshuffle_split(const Split& split, std::uint64_t seed) {
    Split out;
    out.classes = split.classes;
    const std::array<const std::vector<SplitRow>*, 3> inputs = {&split.train, &split.validation, &split.test};
    const std::array<std::vector<SplitRow>*, 3> outputs = {&out.train, &out.validation, &out.test};
    for (const std::string& label : split.classes) {
        std::array<std::size_t, 3> quota{};
        std::vector<SplitRow> pool;
        for (std::size_t s = 0; s < 3; ++s) {
            for (const SplitRow& row : *inputs[s]) {
                if (row.label != label) continue;
                ++quota[s];
                pool.push_back(row);
                pool.back().key = row_key(seed, row.row);
            }
        }
        std::sort(pool.begin(), pool.end(), [](const SplitRow& a, const SplitRow& b) { return a.key < b.key; });
        std::size_t next = 0;
        for (std::size_t s = 0; s < 3; ++s) {
            for (std::size_t i = 0; i < quota[s]; ++i) outputs[s]->push_back(pool[next++]);
        }
    }
    for (auto* output : outputs) {
        std::sort(output->begin(), output->end(), [](const SplitRow& a, const SplitRow& b) { return a.key < b.key; });
    }
    return out;
}

}  // namespace tb::data
