#include "core/eval/candidate.h"

#include <algorithm>

#include "core/data/hashing.h"

namespace tb::eval {

std::string_view method_key(Method method) {
    switch (method) {
    case Method::ZeroShot: return "zero_shot";
    case Method::FewShot: return "few_shot";
    case Method::Majority: return "majority";
    case Method::Local: return "local";
    case Method::Embeddings: return "embeddings";
    }
    return "zero_shot";
}

bool method_from_key(std::string_view key, Method& method) {
    for (Method m : {Method::ZeroShot, Method::FewShot, Method::Majority, Method::Local, Method::Embeddings}) {
        if (method_key(m) == key) {
            method = m;
            return true;
        }
    }
    return false;
}

std::string candidate_id(const Candidate& candidate) {
    if (candidate.method == Method::Majority) return "majority";
    if (candidate.method == Method::Local) return "local/" + candidate.model + "/" + candidate.source;
    if (candidate.method == Method::Embeddings) {
        // The source is set only for the models of a repeat's other splits (repeats.h: local_split_id).
        std::string id = "embeddings/" + candidate.profile + "/" + candidate.model;
        if (candidate.dimensions > 0) id += "/dims-" + std::to_string(candidate.dimensions);
        if (candidate.all_rows) id += "/every-row";
        return candidate.source.empty() ? id : id + "/" + candidate.source;
    }
    std::string id = candidate.profile + "/" + candidate.model + "/";
    id += candidate.method == Method::FewShot
              ? std::to_string(candidate.shots) + "-shot/seed-" + std::to_string(candidate.shot_seed)
              : "zero-shot";
    if (candidate.structured) id += "/schema";
    // The prompt is part of what is asked; its hash keeps two prompts' answers apart.
    const std::uint64_t prompt = data::hash_text(candidate.prompt.system + '\x1f' + candidate.prompt.user);
    static const char* const kHex = "0123456789abcdef";
    id += "/prompt-";
    for (int shift = 28; shift >= 0; shift -= 4) id += kHex[(prompt >> shift) & 0xF];
    return id;
}

std::string candidate_name(const Candidate& candidate) {
    if (candidate.method == Method::Majority) return "Majority class";
    if (candidate.method == Method::Local) return "In-browser classifier · " + candidate.model;
    if (candidate.method == Method::Embeddings) {
        const std::string dims = candidate.dimensions > 0 ? " · " + std::to_string(candidate.dimensions) + " dims" : "";
        const std::string rows = candidate.all_rows ? " · every row" : "";
        return candidate.model + dims + " + logistic regression" + rows + " (" + candidate.profile + ")";
    }
    std::string name = candidate.model + " · ";
    name += candidate.method == Method::FewShot ? std::to_string(candidate.shots) + "-shot" : "zero-shot";
    return name + " (" + candidate.profile + ")";
}

std::vector<data::SplitRow> pick_shots(const std::vector<data::SplitRow>& train,
                                       const std::vector<std::string>& classes, int per_class,
                                       std::uint64_t seed) {
    struct Ranked {
        std::uint64_t rank;
        const data::SplitRow* row;
    };
    std::vector<std::vector<Ranked>> by_class(classes.size());
    for (const data::SplitRow& row : train) {
        const auto found = std::find(classes.begin(), classes.end(), row.label);
        if (found == classes.end()) continue;
        by_class[static_cast<std::size_t>(found - classes.begin())].push_back({data::row_key(seed, row.row), &row});
    }
    std::vector<Ranked> chosen;
    for (auto& ranked : by_class) {
        std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.rank < b.rank; });
        const std::size_t take = std::min(ranked.size(), static_cast<std::size_t>(std::max(per_class, 0)));
        chosen.insert(chosen.end(), ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(take));
    }
    // A second, independent order over all examples, so classes interleave.
    for (Ranked& r : chosen) r.rank = data::mix64(r.rank ^ 0x5107u);
    std::sort(chosen.begin(), chosen.end(), [](const Ranked& a, const Ranked& b) { return a.rank < b.rank; });
    std::vector<data::SplitRow> shots;
    shots.reserve(chosen.size());
    for (const Ranked& r : chosen) shots.push_back(*r.row);
    return shots;
}

std::string majority_label(const std::vector<data::SplitRow>& train, const std::vector<std::string>& classes) {
    std::vector<std::size_t> counts(classes.size(), 0);
    for (const data::SplitRow& row : train) {
        const auto found = std::find(classes.begin(), classes.end(), row.label);
        if (found != classes.end()) ++counts[static_cast<std::size_t>(found - classes.begin())];
    }
    if (classes.empty()) return {};
    const auto best = std::max_element(counts.begin(), counts.end());  // the first of equals
    return classes[static_cast<std::size_t>(best - counts.begin())];
}

}  // namespace tb::eval
