#pragma once

#include <span>
#include <string>

#include "core/data/split.h"
#include "core/prompt/template.h"

namespace tb::prompt {

struct JsonlOptions {
    // Azure OpenAI's fine-tuning guide asks for UTF-8 files with a byte-order mark; OpenAI takes either.
    bool byte_order_mark = false;
};

// One example as one line of the chat fine-tuning format, without its newline:
// {"messages":[{"role":"system","content":"…"},…]}. Keys in that order, no spaces, text as UTF-8
// (not \u escapes); invalid UTF-8 becomes U+FFFD rather than failing the whole file.
std::string chat_line(std::span<const ChatMessage> messages);

// Every row as an example (system, user, assistant = the row's label), one line each, each ending in
// "\n".
std::string build_jsonl(const Prompt& prompt, std::span<const data::SplitRow> rows, const JsonlOptions& options = {});

struct FineTuningFiles {
    std::string training, validation;
};

// The training file from the split's train rows and the validation file from its validation rows (the
// test rows are never sent: they score the models afterwards).
FineTuningFiles build_fine_tuning_files(const Prompt& prompt, const data::Split& split,
                                        const JsonlOptions& options = {});

}  // namespace tb::prompt
