#include "core/prompt/template.h"

#include <algorithm>
#include <optional>

#include "core/csv/header.h"

namespace tb::prompt {

namespace {

struct Position {
    std::size_t line = 1, column = 1;
};

Position position_of(std::string_view text, std::size_t offset) {
    Position position;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++position.column;
        }
    }
    return position;
}

std::string available_placeholders(const Columns& columns) {
    std::string list;
    if (columns.text >= 0) list = "{text}";
    for (std::size_t i = 0; i < columns.names.size(); ++i) {
        if (static_cast<int>(i) == columns.label) continue;
        if (!list.empty()) list += ", ";
        list += '{';
        list += columns.names[i];
        list += '}';
    }
    return list.empty() ? "none" : list;
}

TemplateError error_at(std::string_view text, std::size_t offset, std::string placeholder, std::string what) {
    TemplateError error;
    const Position position = position_of(text, offset);
    error.placeholder = std::move(placeholder);
    error.offset = offset;
    error.line = position.line;
    error.column = position.column;
    error.message = std::move(what) + " (line " + std::to_string(position.line) + ", column " +
                    std::to_string(position.column) + ").";
    return error;
}

// Exact header name first, then ignoring case and surrounding spaces, as column detection does.
std::optional<std::size_t> find_name(const Columns& columns, std::string_view name) {
    for (std::size_t i = 0; i < columns.names.size(); ++i)
        if (columns.names[i] == name) return i;
    const std::string_view wanted = csv::trim_ascii(name);
    for (std::size_t i = 0; i < columns.names.size(); ++i)
        if (csv::equals_ignoring_ascii_case(csv::trim_ascii(columns.names[i]), wanted)) return i;
    return std::nullopt;
}

}  // namespace

std::variant<UserTemplate, TemplateError> compile_user_template(std::string_view text, const Columns& columns) {
    UserTemplate compiled;
    compiled.source_ = std::string(text);
    if (csv::trim_ascii(text).empty()) {
        return error_at(text, 0, "", "The user message template is empty: write {text} to send the text as it is");
    }
    std::string literal;
    auto flush = [&] {
        if (literal.empty()) return;
        compiled.pieces_.push_back({std::move(literal), -1});
        literal.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
            literal += '{';
            i += 2;
        } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
            literal += '}';
            i += 2;
        } else if (c == '}') {
            return error_at(text, i, "", "A lone } in the user message template: write }} for a literal brace");
        } else if (c == '{') {
            const std::size_t close = text.find_first_of("{}", i + 1);
            if (close == std::string_view::npos || text[close] == '{') {
                std::size_t end = std::min({text.find('\n', i), text.size(), i + 40});
                // Never cut a character in two: the placeholder is shown to people.
                while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
                return error_at(text, i, std::string(text.substr(i, end - i)),
                                "A { in the user message template is not closed: write {{ for a literal brace");
            }
            const std::string_view name = text.substr(i + 1, close - i - 1);
            std::string placeholder(text.substr(i, close - i + 1));
            std::optional<std::size_t> column;
            if (csv::trim_ascii(name).empty()) {
                return error_at(text, i, placeholder,
                                "The placeholder {} names no column. Available: " + available_placeholders(columns));
            }
            if (csv::trim_ascii(name) == "text") {
                if (columns.text < 0) {
                    return error_at(text, i, placeholder, "{text} needs a text column, and none is chosen");
                }
                column = static_cast<std::size_t>(columns.text);
                compiled.uses_text_ = true;
            } else {
                column = find_name(columns, name);
                if (!column) {
                    return error_at(text, i, placeholder,
                                    "Unknown placeholder " + placeholder + ": no column has that name. Available: " +
                                        available_placeholders(columns));
                }
                if (static_cast<int>(*column) == columns.label) {
                    return error_at(text, i, placeholder,
                                    placeholder + " is the label column: in the prompt it would give the answer away");
                }
                if (static_cast<int>(*column) == columns.text) compiled.uses_text_ = true;
            }
            flush();
            compiled.pieces_.push_back({"", static_cast<std::ptrdiff_t>(*column)});
            bool seen = false;
            for (std::size_t used : compiled.columns_used_) seen = seen || used == *column;
            if (!seen) compiled.columns_used_.push_back(*column);
            i = close + 1;
        } else {
            // Runs of plain text are copied whole.
            const std::size_t next = std::min(text.find_first_of("{}", i), text.size());
            literal.append(text.substr(i, next - i));
            i = next;
        }
    }
    flush();
    return compiled;
}

void UserTemplate::render_to(std::span<const std::string> fields, std::string& out) const {
    for (const Piece& piece : pieces_) {
        if (piece.column < 0) {
            out += piece.literal;
        } else if (static_cast<std::size_t>(piece.column) < fields.size()) {
            out += fields[static_cast<std::size_t>(piece.column)];
        }
    }
}

std::string UserTemplate::render(std::span<const std::string> fields) const {
    std::size_t size = 0;
    for (const Piece& piece : pieces_) {
        if (piece.column < 0) {
            size += piece.literal.size();
        } else if (static_cast<std::size_t>(piece.column) < fields.size()) {
            size += fields[static_cast<std::size_t>(piece.column)].size();
        }
    }
    std::string out;
    out.reserve(size);
    render_to(fields, out);
    return out;
}

std::string default_system_prompt(const std::vector<std::string>& classes, std::string_view text_noun,
                                  std::string_view class_noun) {
    std::string prompt = "Classify the ";
    prompt += text_noun;
    prompt += " into exactly one of these ";
    prompt += class_noun;
    prompt += ':';
    for (const std::string& name : classes) {
        prompt += "\n- ";
        prompt += name;
    }
    prompt += "\nAnswer with one name from the list, written exactly as above, and nothing else.";
    return prompt;
}

std::vector<ChatMessage> Prompt::ask(std::span<const std::string> fields) const {
    return {{"system", system_}, {"user", user_.render(fields)}};
}

std::vector<ChatMessage> Prompt::example(std::span<const std::string> fields, const std::string& label) const {
    return {{"system", system_}, {"user", user_.render(fields)}, {"assistant", label}};
}

std::vector<ChatMessage> Prompt::ask_with_shots(std::span<const data::SplitRow> shots,
                                                std::span<const std::string> fields) const {
    std::vector<ChatMessage> messages;
    messages.reserve(2 + 2 * shots.size());
    messages.push_back({"system", system_});
    for (const data::SplitRow& shot : shots) {
        messages.push_back({"user", user_.render(shot.fields)});
        messages.push_back({"assistant", shot.label});
    }
    messages.push_back({"user", user_.render(fields)});
    return messages;
}

std::variant<Prompt, TemplateError> make_prompt(const PromptSettings& settings, const Columns& columns,
                                                const std::vector<std::string>& classes) {
    auto user = compile_user_template(settings.user, columns);
    if (auto* error = std::get_if<TemplateError>(&user)) return std::move(*error);
    std::string system = settings.system.empty() ? default_system_prompt(classes) : settings.system;
    return Prompt(std::move(system), std::move(std::get<UserTemplate>(user)));
}

}  // namespace tb::prompt
