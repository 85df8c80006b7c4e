#include "core/workflow/chat_asking.h"

namespace tb::workflow {

std::variant<ChatAsking, prompt::TemplateError> chat_asking(const Dataset& dataset, const eval::Candidate& candidate) {
    const data::Split& split = dataset.split;
    const data::DatasetSummary& summary = dataset.summary;
    const prompt::Columns columns{summary.header, summary.text_column, summary.label_column};
    auto made = prompt::make_prompt(candidate.prompt, columns, split.classes);
    if (auto* error = std::get_if<prompt::TemplateError>(&made)) return std::move(*error);
    std::vector<data::SplitRow> shots;
    if (candidate.method == eval::Method::FewShot) {
        shots = eval::pick_shots(split.train, split.classes, candidate.shots, candidate.shot_seed);
    }
    ChatAsking asking{std::move(std::get<prompt::Prompt>(made)), std::move(shots)};
    return asking;
}

api::HttpRequest row_request(const ChatAsking& asking, const eval::Candidate& candidate, const data::SplitRow& row,
                             const std::vector<std::string>& classes, const api::Endpoint& endpoint) {
    return api::openai::chat(endpoint, eval::chat_call(candidate, asking.prompt, asking.shots, row, classes));
}

}  // namespace tb::workflow
