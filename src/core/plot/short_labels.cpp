#include "core/plot/short_labels.h"

#include <algorithm>


namespace tb::plot {

namespace {

const std::string kEllipsis = "\xe2\x80\xa6";

// Words split at spaces; the commas and other marks stay with their word.
std::vector<std::string> words_of(std::string_view name) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < name.size()) {
        const std::size_t end = std::min(name.find(' ', start), name.size());
        if (end > start) words.emplace_back(name.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

std::string leading(const std::vector<std::string>& words, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n && i < words.size(); ++i) out += (i ? " " : "") + words[i];
    // A label ends in its last letter, not in the comma after it.
    while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
    return out;
}

// How many leading words no other name shares.
std::size_t words_to_tell_apart(const std::vector<std::vector<std::string>>& all, std::size_t i) {
    const auto& mine = all[i];
    std::size_t needed = 1;
    for (std::size_t j = 0; j < all.size(); ++j) {
        if (j == i) continue;
        std::size_t shared = 0;
        while (shared < mine.size() && shared < all[j].size() && mine[shared] == all[j][shared]) ++shared;
        needed = std::max(needed, shared + 1);
    }
    return std::min(needed, std::max<std::size_t>(mine.size(), 1));
}

std::string shorten(const std::vector<std::vector<std::string>>& all, std::size_t i, const std::string& name,
                    const std::function<bool(std::string_view)>& fits) {
    if (fits(name)) return name;
    const auto& words = all[i];
    const std::size_t needed = words_to_tell_apart(all, i);
    for (std::size_t n = words.size(); n >= needed && n > 0; --n) {
        const std::string label = leading(words, n) + kEllipsis;
        if (n < words.size() && fits(label)) return label;
    }
    // Cut letter by letter (whole UTF-8 characters) until it fits.
    std::string cut = leading(words, needed);
    while (!cut.empty() && !fits(cut + kEllipsis)) {
        std::size_t end = cut.size() - 1;
        while (end > 0 && (static_cast<unsigned char>(cut[end]) & 0xC0) == 0x80) --end;  // a continuation byte
        cut.resize(end);
    }
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    return cut + kEllipsis;
}

}  // namespace

std::vector<std::string> short_labels(const std::vector<std::string>& names,
                                      const std::function<bool(std::string_view)>& fits) {
    std::vector<std::vector<std::string>> all;
    for (const std::string& name : names) all.push_back(words_of(name));
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < names.size(); ++i) labels.push_back(shorten(all, i, names[i], fits));
    bool clash = false;  // a few classes: comparing every pair costs less code than a set
    for (std::size_t i = 0; i < labels.size(); ++i) {
        clash = clash || labels[i] == kEllipsis;
        for (std::size_t j = i + 1; j < labels.size(); ++j) clash = clash || labels[i] == labels[j];
    }
    if (clash) {
        for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = std::to_string(i + 1);
    }
    return labels;
}

}  // namespace tb::plot
