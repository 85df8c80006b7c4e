#include "core/eval/normalize.h"

#include <algorithm>
#include <array>
#include <deque>
#include <nlohmann/json.hpp>

#include "core/text/json_text.h"

namespace tb::eval {

namespace {

constexpr int kMaxCleanRounds = 8;
constexpr std::size_t kMinPrefixAnswer = 3;
constexpr std::size_t kPrefixWindow = 48;  // "Label:" prefixes are short; a colon further in is content
constexpr std::size_t kMaxPrefixWords = 3;

// ---- bytes --------------------------------------------------------------------------------------------

unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

bool is_ascii_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(unsigned char c) { return is_ascii_letter(c) || (c >= '0' && c <= '9'); }
// std::tolower depends on the locale and is undefined for negative chars; only ASCII is folded anyway.
char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Length of the whitespace at s[i]: ASCII, no-break space (U+00A0) or byte-order mark (U+FEFF); 0 if none.
std::size_t space_at(std::string_view s, std::size_t i) {
    if (is_ascii_space(byte_at(s, i))) return 1;
    if (s.substr(i, 2) == "\xC2\xA0") return 2;
    if (s.substr(i, 3) == "\xEF\xBB\xBF") return 3;
    return 0;
}

std::string_view trim(std::string_view s) {
    while (!s.empty()) {
        const std::size_t n = space_at(s, 0);
        if (n == 0) break;
        s.remove_prefix(n);
    }
    while (!s.empty()) {
        if (is_ascii_space(byte_at(s, s.size() - 1))) {
            s.remove_suffix(1);
        } else if (ends_with(s, "\xC2\xA0")) {
            s.remove_suffix(2);
        } else if (ends_with(s, "\xEF\xBB\xBF")) {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    return s;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Bytes in the UTF-8 sequence a byte starts: 1 for ASCII, 0 for a byte no sequence starts with.
std::size_t sequence_length(unsigned char c) {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

// Whether the character starting at s[i] counts as part of a word. Non-ASCII characters do, except the
// punctuation models write against words without spaces: no-break space, « », U+2000–U+206F (dashes,
// curly quotes, ellipsis) and U+3000–U+303F (CJK punctuation). Bytes that are no character (broken
// UTF-8) are not letters either.
bool letter_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return false;
    const unsigned char c = byte_at(s, i);
    if (c < 0x80) return is_ascii_alnum(c);
    const std::size_t length = sequence_length(c);
    if (length == 0 || i + length > s.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
        if (!is_continuation(byte_at(s, i + k))) return false;
    }
    const unsigned char c1 = byte_at(s, i + 1);
    const unsigned char c2 = length > 2 ? byte_at(s, i + 2) : 0;
    if (c == 0xC2 && (c1 == 0xA0 || c1 == 0xAB || c1 == 0xBB)) return false;
    if (c == 0xE2 && (c1 == 0x80 || (c1 == 0x81 && c2 < 0xB0))) return false;
    if (c == 0xE3 && c1 == 0x80) return false;
    return true;
}

// Whether the character ending just before s[end] is part of a word.
bool letter_before(std::string_view s, std::size_t end) {
    if (end == 0) return false;
    std::size_t start = end - 1;
    while (start > 0 && end - start < 4 && is_continuation(byte_at(s, start))) --start;
    if (sequence_length(byte_at(s, start)) != end - start) return false;  // a stray or cut-off byte
    return letter_at(s, start);
}

// ---- cleaning -----------------------------------------------------------------------------------------

// Tokens stripped from the front and from the back, each end on its own.
constexpr std::array<std::string_view, 12> kLeading = {"\"", "'", "`", "*", "_", "#", "- ", "> ", "\xE2\x80\xA2 ",
                                                       "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB"};
constexpr std::array<std::string_view, 17> kTrailing = {"\"", "'", "`", "*", "_", ".", "!", "?", ";", ",", ":",
                                                        "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB",
                                                        "\xE2\x80\x9C", "\xE2\x80\x98", "\xE2\x80\xA6"};

std::string_view strip_wrapping(std::string_view s) {
    for (bool changed = true; changed;) {
        changed = false;
        s = trim(s);
        for (std::string_view token : kLeading) {
            if (starts_with(s, token)) {
                s.remove_prefix(token.size());
                changed = true;
            }
        }
        for (std::string_view token : kTrailing) {
            if (ends_with(s, token)) {
                s.remove_suffix(token.size());
                changed = true;
            }
        }
        // A bracket is only wrapping when it closes at the very end; alone it may belong to the label.
        if (s.size() >= 2 && ((s.front() == '(' && s.back() == ')') || (s.front() == '[' && s.back() == ']'))) {
            s = s.substr(1, s.size() - 2);
            changed = true;
        }
    }
    return s;
}

// ``` with an optional language tag on its line, and a closing ```.
std::string_view strip_code_fence(std::string_view s) {
    if (!starts_with(s, "```")) return s;
    std::string_view rest = s.substr(3);
    const std::size_t newline = rest.find('\n');
    if (newline != std::string_view::npos) {
        std::string_view tag = trim(rest.substr(0, newline));
        for (std::string_view known : {"", "json", "text", "txt", "plaintext", "markdown", "md"}) {
            if (tag == known) {
                rest.remove_prefix(newline + 1);
                break;
            }
        }
    }
    rest = trim(rest);
    if (ends_with(rest, "```")) rest.remove_suffix(3);
    return rest;
}

// The label a JSON object carries: {"label": "Mortgage"}, or another usual key, or its only string.
bool json_label(std::string_view s, std::string& out) {
    if (s.size() < 2 || s.front() != '{' || s.back() != '}') return false;
    const text::ParsedJson answer = text::parse_json(s);
    const nlohmann::json& parsed = answer.value;
    if (!parsed.is_object()) return false;
    for (std::string_view wanted : {"label", "answer", "category", "class", "product"}) {
        for (const auto& [key, value] : parsed.items()) {
            if (!value.is_string() || key.size() != wanted.size()) continue;
            if (std::equal(key.begin(), key.end(), wanted.begin(), [](char a, char b) { return fold(a) == b; })) {
                out = value.get<std::string>();
                return true;
            }
        }
    }
    const nlohmann::json* only = nullptr;
    for (const auto& member : parsed) {
        if (!member.is_string()) continue;
        if (only) return false;
        only = &member;
    }
    if (!only) return false;
    out = only->get<std::string>();
    return true;
}

bool is_prefix_word(std::string_view word) {
    static constexpr std::array<std::string_view, 13> kWords = {
        "label",  "answer", "category", "class",    "classification", "product", "prediction",
        "output", "result", "response", "type",     "topic",          "intent"};
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

// "Label:", "Final answer:", "**Predicted label**:" and the like, with what follows them.
std::string_view strip_label_prefix(std::string_view s) {
    const std::size_t colon = s.substr(0, kPrefixWindow).find(':');
    if (colon == std::string_view::npos) return s;
    std::string last;
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < colon; ++i) {
        const unsigned char c = byte_at(s, i);
        if (is_ascii_letter(c)) {
            if (!in_word) {
                ++words;
                last.clear();
            }
            in_word = true;
            last += fold(static_cast<char>(c));
        } else if (c == ' ' || c == '*' || c == '_' || c == '-') {
            in_word = false;
        } else {
            return s;  // digits, other punctuation: "Note 3:" or "Re: …" is content, not a prefix
        }
    }
    if (words == 0 || words > kMaxPrefixWords || !is_prefix_word(last)) return s;
    return s.substr(colon + 1);
}

// The answer as it is taken apart: first trimmed, then after each cleaning step that changed it, last
// fully cleaned. Exact and case-blind matching try every reading, so a step that strips too much (a
// "Type:" that belongs to the label) never hides a label an earlier reading is. Readings point into
// `answer` or into `storage`, which holds the text JSON objects gave (a deque, so it never moves).
std::vector<std::string_view> readings(std::string_view answer, std::deque<std::string>& storage) {
    std::vector<std::string_view> out{trim(answer)};
    const auto step = [&](std::string_view next) {
        next = trim(next);
        if (next == out.back()) return false;
        out.push_back(next);
        return true;
    };
    for (int round = 0; round < kMaxCleanRounds; ++round) {
        bool changed = step(strip_code_fence(out.back()));
        std::string extracted;
        if (json_label(out.back(), extracted)) {
            storage.push_back(std::move(extracted));
            changed = step(storage.back()) || changed;
        }
        changed = step(strip_wrapping(out.back())) || changed;
        changed = step(strip_label_prefix(out.back())) || changed;
        if (!changed) break;
    }
    return out;
}

// ---- comparing ----------------------------------------------------------------------------------------

// Text compared ignoring case and whitespace: ASCII folded, each run of whitespace one space, no space at
// either end. `line_break` marks the spaces that stood for a run holding a line break.
struct Folded {
    std::string text;
    std::vector<bool> line_break;
};

Folded folded(std::string_view s) {
    Folded out;
    out.text.reserve(s.size());
    bool pending = false, pending_break = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t space = space_at(s, i);
        if (space > 0) {
            pending = true;
            pending_break = pending_break || s[i] == '\n' || s[i] == '\r';
            i += space;
            continue;
        }
        if (pending && !out.text.empty()) {
            out.text += ' ';
            out.line_break.push_back(pending_break);
        }
        pending = pending_break = false;
        out.text += fold(s[i]);
        out.line_break.push_back(false);
        ++i;
    }
    return out;
}

// Where `needle` occurs in `hay` not glued to a letter on either side. A side of the needle that is not
// itself a letter needs no boundary: "(A)" is in "x(A)".
bool occurs_as_word(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return false;
    const bool letter_first = letter_at(needle, 0);
    const bool letter_last = letter_before(needle, needle.size());
    for (std::size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
        if (letter_first && letter_before(hay, at)) continue;
        if (letter_last && letter_at(hay, at + needle.size())) continue;
        return true;
    }
    return false;
}

// Punctuation that ends an answer's label and starts its explanation: "Mortgage - because …".
std::size_t separator_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    switch (s[i]) {
    case '.':
    case ',':
    case ':':
    case ';':
    case '!':
    case '?':
    case '(':
    case '-':
        return 1;
    default:
        break;
    }
    if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") return 3;  // – —
    return 0;
}

std::size_t threshold(std::size_t label_length) { return std::max<std::size_t>(2, label_length / 5); }

// Levenshtein distance of two byte strings, at most `cap` + 1 (a larger distance is not needed).
std::size_t distance(std::string_view a, std::string_view b, std::size_t cap) {
    const std::size_t longer = std::max(a.size(), b.size()), shorter = std::min(a.size(), b.size());
    if (longer - shorter > cap) return cap + 1;
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > cap) return cap + 1;  // every path already costs more
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], cap + 1);
}

constexpr int kNone = -1;
constexpr int kAmbiguous = -2;

// Keeps the one label a rule names: a second, different one makes the rule name none.
void offer(int& chosen, int label) {
    if (chosen == kNone) {
        chosen = label;
    } else if (chosen != label) {
        chosen = kAmbiguous;
    }
}

struct Labels {
    std::vector<std::string> keys;  // folded; empty for an empty label or a repeat of an earlier one
    std::size_t longest = 0;
};

Labels fold_labels(const std::vector<std::string>& labels) {
    Labels out;
    out.keys.reserve(labels.size());
    for (const std::string& label : labels) {
        std::string key = folded(label).text;
        if (std::find(out.keys.begin(), out.keys.end(), key) != out.keys.end()) key.clear();
        out.longest = std::max(out.longest, key.size());
        out.keys.push_back(std::move(key));
    }
    return out;
}

int ignoring_case(std::string_view answer, const Labels& labels) {
    for (std::size_t i = 0; i < labels.keys.size(); ++i) {
        if (!labels.keys[i].empty() && labels.keys[i] == answer) return static_cast<int>(i);
    }
    return kNone;
}

int prefix(const Folded& answer, const Labels& labels) {
    const std::string_view a = answer.text;
    int begun = kNone;  // labels the answer begins
    if (a.size() >= kMinPrefixAnswer) {
        for (std::size_t i = 0; i < labels.keys.size(); ++i) {
            if (!labels.keys[i].empty() && starts_with(labels.keys[i], a)) offer(begun, static_cast<int>(i));
        }
    }
    int leading = kNone;  // the longest label the answer begins with, ended by a separator
    std::size_t leading_length = 0;
    for (std::size_t i = 0; i < labels.keys.size(); ++i) {
        const std::string_view key = labels.keys[i];
        if (key.empty() || key.size() >= a.size() || !starts_with(a, key)) continue;
        // The label must end where a line break or punctuation starts the explanation.
        std::size_t rest = key.size();
        bool ended = false;
        if (a[rest] == ' ') {
            ended = answer.line_break[rest];
            ++rest;
        }
        if (!ended && separator_at(a, rest) == 0) continue;
        while (rest < a.size()) {
            if (a[rest] == ' ') {
                ++rest;
            } else if (const std::size_t n = separator_at(a, rest)) {
                rest += n;
            } else {
                break;
            }
        }
        // A list of labels is not an answer: "Mortgage, Student loan".
        const std::string_view after = a.substr(rest);
        bool list = false;
        for (std::size_t j = 0; j < labels.keys.size() && !list; ++j) {
            const std::string_view other = labels.keys[j];
            list = j != i && !other.empty() && starts_with(after, other) && !letter_at(after, other.size());
        }
        if (list) continue;
        if (key.size() > leading_length) {
            leading = static_cast<int>(i);
            leading_length = key.size();
        }
    }
    int chosen = kNone;
    if (begun >= 0) offer(chosen, begun);
    if (leading >= 0) offer(chosen, leading);
    return chosen;
}

int contained(std::string_view answer, const Labels& labels) {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < labels.keys.size(); ++i) {
        if (occurs_as_word(answer, labels.keys[i])) found.push_back(i);
    }
    if (found.empty()) return kNone;
    std::size_t longest = found.front();
    bool tie = false;
    for (std::size_t i : found) {
        if (labels.keys[i].size() > labels.keys[longest].size()) {
            longest = i;
            tie = false;
        } else if (i != longest && labels.keys[i].size() == labels.keys[longest].size()) {
            tie = true;
        }
    }
    if (tie) return kAmbiguous;
    for (std::size_t i : found) {
        if (i != longest && !occurs_as_word(labels.keys[longest], labels.keys[i])) return kAmbiguous;
    }
    return static_cast<int>(longest);
}

int closest(std::string_view answer, const Labels& labels) {
    if (answer.empty()) return kNone;
    // No label can win at a distance above the largest threshold, so nothing past it needs computing.
    const std::size_t cap = threshold(labels.longest);
    std::size_t best = cap + 1;
    int chosen = kNone;
    for (std::size_t i = 0; i < labels.keys.size(); ++i) {
        const std::string_view key = labels.keys[i];
        if (key.empty()) continue;
        const std::size_t d = distance(answer, key, cap);
        if (d < best) {
            best = d;
            chosen = static_cast<int>(i);
        } else if (d == best && d <= cap) {
            chosen = kAmbiguous;
        }
    }
    if (chosen < 0) return kNone;
    const std::size_t length = labels.keys[static_cast<std::size_t>(chosen)].size();
    // The second condition keeps short labels from matching other short words ("N/A" is 2 edits from "No").
    if (best > threshold(length) || 2 * best >= length) return kNone;
    return chosen;
}

}  // namespace

NormalizedAnswer normalize_answer(std::string_view answer, const std::vector<std::string>& labels) {
    std::deque<std::string> storage;
    const std::vector<std::string_view> views = readings(answer, storage);

    for (std::string_view reading : views) {
        if (reading.empty()) continue;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (labels[i] == reading) return {static_cast<int>(i), Match::Exact};
        }
    }

    const Labels folded_labels = fold_labels(labels);
    for (std::string_view reading : views) {
        const std::string key = folded(reading).text;
        if (key.empty()) continue;
        if (const int i = ignoring_case(key, folded_labels); i >= 0) return {i, Match::IgnoringCase};
    }

    const Folded cleaned = folded(views.back());
    if (cleaned.text.empty()) return {};
    if (const int i = prefix(cleaned, folded_labels); i >= 0) return {i, Match::Prefix};
    if (const int i = contained(cleaned.text, folded_labels); i >= 0) return {i, Match::Contained};
    if (const int i = closest(cleaned.text, folded_labels); i >= 0) return {i, Match::Closest};
    return {};
}

std::string_view match_name(Match m) {
    switch (m) {
    case Match::Exact: return "exact";
    case Match::IgnoringCase: return "ignoring case";
    case Match::Prefix: return "prefix";
    case Match::Contained: return "contained";
    case Match::Closest: return "closest";
    case Match::Invalid: return "invalid";
    }
    return "invalid";
}

}  // namespace tb::eval
