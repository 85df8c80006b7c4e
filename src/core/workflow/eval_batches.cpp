#include "core/workflow/eval_batches.h"

#include <algorithm>

#include "core/api/chat.h"
#include "core/text/format.h"

namespace tb::workflow {

bool can_batch(const ProvidersState& providers, const eval::Candidate& candidate) {
    const api::Profile* profile = providers.find(candidate.profile);
    return eval::asks_chat(candidate.method) && profile != nullptr && profile->can_batch;
}

std::optional<api::BatchApi> batch_api_for(const ProvidersState& providers, const std::string& profile_id) {
    const api::Profile* profile = providers.find(profile_id);
    if (profile == nullptr || !profile->can_batch) return std::nullopt;
    return api::batch_api(profile->dialect, profile->id == "azure");
}

api::BatchFlowSettings batch_flow_settings(double check_seconds) {
    api::BatchFlowSettings settings;
    settings.poll_seconds = check_seconds;
    settings.max_poll_seconds = std::max(settings.poll_seconds, 60.0);
    return settings;
}

api::BatchInputs batch_inputs(const ChatAsking& asking, const eval::Evaluation& evaluation,
                              const std::vector<const data::SplitRow*>& rows, const std::vector<std::string>& classes,
                              const api::Endpoint& endpoint, const std::string& line_url) {
    std::vector<api::BatchItem> items;
    items.reserve(rows.size());
    for (const data::SplitRow* row : rows) {
        items.push_back({eval::batch_custom_id(row->row), row_request(asking, evaluation.candidate, *row, classes, endpoint)});
    }
    return api::write_batch_inputs(items, line_url);
}

api::BatchRecord* find_batch_record(eval::Evaluation& evaluation, const std::string& client_id) {
    const auto found = std::find_if(evaluation.batches.begin(), evaluation.batches.end(),
                                    [&](const api::BatchRecord& record) { return record.client_id == client_id; });
    return found == evaluation.batches.end() ? nullptr : &*found;
}

BatchTaken take_batch(eval::Evaluation& evaluation, const std::string& client_id,
                      const std::vector<api::BatchAnswer>& answers, const std::vector<std::string>& classes) {
    BatchTaken taken;
    const api::BatchRecord* record = find_batch_record(evaluation, client_id);
    if (record == nullptr) return taken;
    // Only the record's own rows: a line naming any other is not this batch's to give.
    std::vector<std::uint64_t> rows;
    for (const std::string& id : record->custom_ids) {
        if (const auto row = eval::batch_row(id)) rows.push_back(*row);
    }
    std::sort(rows.begin(), rows.end());
    for (const api::BatchAnswer& line : answers) {
        const auto row = eval::batch_row(line.custom_id);
        if (!row || !std::binary_search(rows.begin(), rows.end(), *row)) continue;
        if (line.failure) continue;  // never run (expired, cancelled): asked again
        const auto parsed = api::openai::parse_chat(line.response, evaluation.candidate.structured);
        if (const auto* answer = api::value_of(parsed)) {
            eval::record_answer(evaluation, *row, *answer, classes, 0, /*batch=*/true);
            ++taken.answered;
        } else if (eval::error_scope(std::get<api::ApiError>(parsed)) == eval::ErrorScope::Row) {
            evaluation.failed[*row] = api::describe(std::get<api::ApiError>(parsed));
            ++taken.refused;
        }
    }
    for (std::uint64_t row : rows) {
        if (!evaluation.answers.count(row) && !evaluation.failed.count(row)) ++taken.again;
    }
    std::erase_if(evaluation.batches, [&](const api::BatchRecord& r) { return r.client_id == client_id; });
    return taken;
}

std::string batch_summary(const api::BatchRecord& record) {
    std::string text = "Batch " + (record.batch_id.empty() ? record.client_id : record.batch_id) + ": ";
    if (record.input_file_id.empty()) return text + "uploading its " + text::with_commas(record.custom_ids.size()) + " questions";
    if (record.batch_id.empty()) return text + "being created";
    std::string status = record.status.empty() ? std::string("sent") : record.status;
    std::replace(status.begin(), status.end(), '_', ' ');
    std::transform(status.begin(), status.end(), status.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    text += status;
    const std::int64_t total = record.counts.total > 0 ? record.counts.total : static_cast<std::int64_t>(record.custom_ids.size());
    text += ", " + text::with_commas(static_cast<std::uint64_t>(record.counts.completed)) + " of " +
            text::with_commas(static_cast<std::uint64_t>(total)) + " done";
    if (record.counts.failed > 0) text += ", " + text::with_commas(static_cast<std::uint64_t>(record.counts.failed)) + " failed";
    return text;
}

}  // namespace tb::workflow
