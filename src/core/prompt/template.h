#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/api/chat.h"
#include "core/data/split.h"

namespace tb::prompt {

using api::ChatMessage;

// The columns a user template may name: the file's header, the text column ({text}) and the label
// column, which no template may use (it would hand the model the answer).
struct Columns {
    std::vector<std::string> names;
    int text = -1;
    int label = -1;
};

// What is wrong with a template, and where: `offset` is the byte offset of the placeholder (or brace)
// in the template, `line` and `column` (in characters) are 1-based for people.
struct TemplateError {
    std::string placeholder;  // as written, braces included ("{Isue}"); empty for a stray brace
    std::size_t offset = 0, line = 1, column = 1;
    std::string message;      // one sentence naming all of the above and the placeholders available
};

// A user-message template checked once against the columns: "{text}" is the text column, "{Issue}" any
// column by its header name (exact, else ignoring case and surrounding spaces), "{{" and "}}" are
// literal braces. Rendering is then only appends.
class UserTemplate {
public:
    // The template as the person wrote it.
    const std::string& source() const { return source_; }
    // Columns it reads, in order of first use.
    const std::vector<std::size_t>& columns_used() const { return columns_used_; }
    bool uses_text() const { return uses_text_; }

    // A row's fields by column; a column the row lacks renders empty.
    std::string render(std::span<const std::string> fields) const;
    void render_to(std::span<const std::string> fields, std::string& out) const;

private:
    friend std::variant<UserTemplate, TemplateError> compile_user_template(std::string_view, const Columns&);
    struct Piece {
        std::string literal;
        std::ptrdiff_t column = -1;  // -1: the piece is `literal`
    };
    std::string source_;
    std::vector<Piece> pieces_;
    std::vector<std::size_t> columns_used_;
    bool uses_text_ = false;
};

std::variant<UserTemplate, TemplateError> compile_user_template(std::string_view text, const Columns& columns);

// The system prompt Tuneboard proposes: the classes one per line (CFPB product names contain commas, so
// a comma-separated list would be ambiguous) and the instruction to answer with exactly one of them.
// The nouns fit other data sets: ("support ticket", "categories").
std::string default_system_prompt(const std::vector<std::string>& classes,
                                  std::string_view text_noun = "consumer complaint",
                                  std::string_view class_noun = "financial products");

struct PromptSettings {
    std::string system;        // empty: default_system_prompt(classes)
    std::string user = "{text}";
};

// A system prompt and a checked user template: the messages of one row for a live preview, for asking a
// model (zero- or few-shot) and for a fine-tuning example (the label as the assistant's answer).
class Prompt {
public:
    Prompt(std::string system, UserTemplate user) : system_(std::move(system)), user_(std::move(user)) {}

    const std::string& system() const { return system_; }
    const UserTemplate& user() const { return user_; }

    std::string user_message(std::span<const std::string> fields) const { return user_.render(fields); }
    // system, user: what a model is asked.
    std::vector<ChatMessage> ask(std::span<const std::string> fields) const;
    // system, user, assistant = label: one fine-tuning example.
    std::vector<ChatMessage> example(std::span<const std::string> fields, const std::string& label) const;
    // system, then each shot as a user/assistant pair, then the row: few-shot prompting.
    std::vector<ChatMessage> ask_with_shots(std::span<const data::SplitRow> shots,
                                            std::span<const std::string> fields) const;

private:
    std::string system_;
    UserTemplate user_;
};

std::variant<Prompt, TemplateError> make_prompt(const PromptSettings& settings, const Columns& columns,
                                                const std::vector<std::string>& classes);

}  // namespace tb::prompt
