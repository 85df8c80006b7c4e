#include "core/text/wrap.h"

namespace tb::text {

namespace {

void wrap_paragraph(std::string_view paragraph, float width, const std::function<float(std::string_view)>& measure,
                    std::vector<std::string_view>& lines) {
    std::size_t start = 0;  // where the line being built begins
    std::size_t end = 0;    // the end of its last whole word
    while (start < paragraph.size() && paragraph[start] == ' ') ++start;
    end = start;
    std::size_t cursor = start;
    while (cursor < paragraph.size()) {
        std::size_t word_end = paragraph.find(' ', cursor);
        if (word_end == std::string_view::npos) word_end = paragraph.size();
        const std::string_view candidate = paragraph.substr(start, word_end - start);
        if (end > start && measure(candidate) > width) {
            lines.push_back(paragraph.substr(start, end - start));
            start = cursor;
        }
        end = word_end;
        cursor = word_end;
        while (cursor < paragraph.size() && paragraph[cursor] == ' ') ++cursor;
    }
    lines.push_back(paragraph.substr(start, end - start));
}

}  // namespace

std::vector<std::string_view> wrap_words(std::string_view text, float width,
                                         const std::function<float(std::string_view)>& measure) {
    std::vector<std::string_view> lines;
    std::size_t from = 0;
    while (true) {
        const std::size_t newline = text.find('\n', from);
        const std::string_view paragraph = text.substr(from, newline == std::string_view::npos ? std::string_view::npos : newline - from);
        wrap_paragraph(paragraph, width, measure, lines);
        if (newline == std::string_view::npos) break;
        from = newline + 1;
    }
    return lines;
}

}  // namespace tb::text
