#include "core/api/batch_input.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/text/json_fields.h"
#include "core/text/json_text.h"

namespace tb::api {

using nlohmann::json;

BatchLine batch_line(const BatchItem& item, const std::string& line_url, const BatchInputLimits& limits) {
    if (item.custom_id.empty()) return {{}, {}, "The request has no custom_id to match its answer by."};
    const auto body = text::parse_json(item.request.body);
    if (!body.ok() || !body.value.is_object()) return {{}, {}, "The request's body is not a JSON object."};
    json line = {{"custom_id", item.custom_id}};
    if (!line_url.empty()) {
        line["method"] = "POST";
        line["url"] = line_url;
    }
    line["body"] = body.value;
    std::string text = text::dump_json(line) + "\n";
    if (text.size() > limits.max_bytes) {
        return {{}, {}, "The request alone is over the batch input file's " + std::to_string(limits.max_bytes) + " bytes."};
    }
    return {std::move(text), text::field_or<std::string>(body.value, "model", ""), {}};
}

BatchInputs write_batch_inputs(const std::vector<BatchItem>& items, const std::string& line_url,
                               const BatchInputLimits& limits) {
    BatchInputs out;
    std::set<std::string> seen;
    // The file still being filled for each model, by index into out.files.
    std::map<std::string, std::size_t> open_file;
    for (const BatchItem& item : items) {
        if (!item.custom_id.empty() && !seen.insert(item.custom_id).second) {
            out.refused.push_back({item.custom_id, "Another request has the same custom_id; the provider needs them unique."});
            continue;
        }
        BatchLine line = batch_line(item, line_url, limits);
        if (line.text.empty()) {
            out.refused.push_back({item.custom_id, std::move(line.why)});
            continue;
        }
        const std::string& text = line.text;
        const std::string& model = line.model;
        auto open = open_file.find(model);
        if (open != open_file.end()) {
            const BatchInputFile& file = out.files[open->second];
            if (file.custom_ids.size() + 1 > limits.max_requests || file.jsonl.size() + text.size() > limits.max_bytes) {
                open_file.erase(open);
                open = open_file.end();
            }
        }
        if (open == open_file.end()) {
            open = open_file.emplace(model, out.files.size()).first;
            out.files.push_back({model, {}, {}});
        }
        BatchInputFile& file = out.files[open->second];
        file.jsonl += text;
        file.custom_ids.push_back(item.custom_id);
    }
    return out;
}

}  // namespace tb::api
