#pragma once
// Labelled texts in fastText's file format, for the native benchmarks: one example per line, the first
// token its label (`__label__X`), the rest of the line its text.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

struct Labelled {
    std::vector<std::string> texts;
    std::vector<int> labels;
};

constexpr std::string_view kLabelPrefix = "__label__";

// One example per line: the first token is its label, the rest of the line its text (fastText reads
// the same tokens from the whole line, the label being the one that starts with __label__).
inline Labelled read_examples(const char* path, std::vector<std::string>& classes, bool add_classes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path);
        std::exit(1);
    }
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::map<std::string, int, std::less<>> index;
    for (std::size_t c = 0; c < classes.size(); ++c) index.emplace(classes[c], static_cast<int>(c));
    Labelled out;
    std::size_t start = 0;
    while (start < all.size()) {
        std::size_t end = all.find('\n', start);
        if (end == std::string::npos) end = all.size();
        const std::string_view line(all.data() + start, end - start);
        start = end + 1;
        if (line.substr(0, kLabelPrefix.size()) != kLabelPrefix) continue;
        const std::size_t space = std::min(line.find(' '), line.size());
        const std::string label(line.substr(kLabelPrefix.size(), space - kLabelPrefix.size()));
        auto found = index.find(label);
        if (found == index.end() && add_classes) {
            found = index.emplace(label, static_cast<int>(classes.size())).first;
            classes.push_back(label);
        }
        out.labels.push_back(found == index.end() ? -1 : found->second);
        out.texts.emplace_back(line.substr(std::min(space + 1, line.size())));
    }
    return out;
}

}  // namespace bench
