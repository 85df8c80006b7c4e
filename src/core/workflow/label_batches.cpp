#include "core/workflow/label_batches.h"

#include <variant>

#include "core/text/format.h"
#include "core/text/json_fields.h"
#include "core/workflow/chat_asking.h"
#include "core/workflow/eval_batches.h"
#include "core/workflow/state.h"

namespace tb::workflow {

using nlohmann::json;

json to_json(const LabelBatchJob& job) {
    json parts = json::array();
    for (const LabelBatchPart& part : job.parts) {
        parts.push_back({{"record", api::to_json(part.record)},
                         {"firstRow", part.first_row},
                         {"lastRow", part.last_row},
                         {"rows", part.rows}});
    }
    return {{"candidate", job.candidate}, {"name", job.name},       {"profile", job.profile},
            {"model", job.model},         {"structured", job.structured}, {"classes", job.classes},
            {"file", job.file},           {"bytes", job.bytes},     {"onlyUnlabelled", job.only_unlabelled},
            {"allSent", job.all_sent},    {"asked", job.asked},     {"unsendable", job.unsendable},
            {"parts", parts}};
}

std::optional<LabelBatchJob> label_batch_job_from_json(const json& in, std::string& problem) {
    if (!in.is_object()) {
        problem = "the labelling batches are not a JSON object";
        return std::nullopt;
    }
    LabelBatchJob job;
    text::read_field(in, "candidate", job.candidate);
    text::read_field(in, "name", job.name);
    text::read_field(in, "profile", job.profile);
    text::read_field(in, "model", job.model);
    text::read_field(in, "structured", job.structured);
    text::read_field(in, "classes", job.classes);
    text::read_field(in, "file", job.file);
    text::read_field(in, "bytes", job.bytes);
    text::read_field(in, "onlyUnlabelled", job.only_unlabelled);
    text::read_field(in, "allSent", job.all_sent);
    text::read_field(in, "asked", job.asked);
    text::read_field(in, "unsendable", job.unsendable);
    if (job.profile.empty() || job.model.empty() || job.classes.empty() || job.file.empty()) {
        problem = "the labelling batches name no provider, model, classes or file";
        return std::nullopt;
    }
    // The answers are kept two bytes a row as an index into the classes.
    if (job.classes.size() > 32767) {
        problem = "the labelling batches have more classes than an answer can name";
        return std::nullopt;
    }
    if (!in.contains("parts") || !in["parts"].is_array()) {
        problem = "the labelling batches have no list of parts";
        return std::nullopt;
    }
    for (const json& saved : in["parts"]) {
        LabelBatchPart part;
        std::string why;
        const auto record = saved.is_object() && saved.contains("record")
                                ? api::batch_record_from_json(saved["record"], why)
                                : std::nullopt;
        if (!record) {
            problem = "a labelling batch: " + (why.empty() ? std::string("it has no record") : why);
            return std::nullopt;
        }
        part.record = *record;
        part.record.custom_ids.clear();
        text::read_field(saved, "firstRow", part.first_row);
        text::read_field(saved, "lastRow", part.last_row);
        text::read_field(saved, "rows", part.rows);
        if (part.rows == 0 || part.last_row < part.first_row || part.rows > part.last_row - part.first_row + 1) {
            problem = "a labelling batch's rows are not a range of the file";
            return std::nullopt;
        }
        job.parts.push_back(std::move(part));
    }
    return job;
}

bool label_batches_done(const LabelBatchJob& job) {
    if (!job.all_sent) return false;
    for (const LabelBatchPart& part : job.parts) {
        if (!part.taken) return false;
    }
    return true;
}

std::uint64_t label_batches_answered(const LabelBatchJob& job) {
    std::uint64_t answered = 0;
    for (const LabelBatchPart& part : job.parts) answered += part.answered;
    return answered;
}

std::uint64_t label_batches_unanswered(const LabelBatchJob& job) {
    std::uint64_t taken_rows = job.unsendable, answered = 0;
    for (const LabelBatchPart& part : job.parts) {
        if (part.taken) {
            taken_rows += part.rows;
            answered += part.answered;
        }
    }
    // A row asked again is in two taken parts: counted once, as the job's own count of rows to answer.
    const std::uint64_t to_answer = std::min(taken_rows, job.asked + job.unsendable);
    return to_answer > answered ? to_answer - answered : 0;
}

std::string label_batches_summary(const LabelBatchJob& job) {
    std::uint64_t taken = 0, done = 0, total = 0;
    for (const LabelBatchPart& part : job.parts) {
        taken += part.taken ? 1 : 0;
        total += part.rows;
        done += part.taken ? part.rows : static_cast<std::uint64_t>(std::max<std::int64_t>(0, part.record.counts.completed + part.record.counts.failed));
    }
    const std::size_t count = job.parts.size();
    std::string out = text::with_commas(job.asked) + " rows in " + std::to_string(count) + (count == 1 ? " batch" : " batches");
    if (!job.all_sent) out += " so far (still reading the file)";
    if (job.all_sent && taken == count) return out + ".";
    return out + ": " + std::to_string(taken) + " of " + std::to_string(count) + " ended, " +
           text::with_commas(std::min(done, total)) + " of " + text::with_commas(total) + " rows run so far.";
}

std::string label_batch_part_summary(const LabelBatchPart& part) {
    if (!part.taken) {
        api::BatchRecord record = part.record;
        if (record.counts.total == 0) record.counts.total = static_cast<std::int64_t>(part.rows);  // before validation
        return batch_summary(record);
    }
    const std::string status = part.record.status.empty() ? std::string("ended") : part.record.status;
    std::string line = "Batch " + (part.record.batch_id.empty() ? part.record.client_id : part.record.batch_id) + ": " +
                       status + ", " + text::with_commas(part.answered) + " of " + text::with_commas(part.rows) +
                       " rows answered";
    if (part.not_run > 0) line += ", " + text::with_commas(part.not_run) + " not run";
    if (part.refused > 0) line += ", " + text::with_commas(part.refused) + " refused";
    if (part.invalid > 0) line += ", " + text::with_commas(part.invalid) + " named no class";
    return line;
}

std::uint64_t label_rows_to_ask(const State& state) {
    if (!state.data.dataset) return 0;
    const data::DatasetSummary& summary = state.data.dataset->summary;
    return state.label_file.only_unlabelled ? summary.missing_label : summary.rows_with_text;
}

std::string label_batch_cost_hint(const State& state, const std::string& candidate, std::uint64_t rows) {
    const auto scaled = [&](double dollars, std::uint64_t per) {
        return eval::cost_text(dollars / static_cast<double>(per) * static_cast<double>(rows));
    };
    const eval::SpendEstimate* estimate = state.eval.estimate(candidate);
    if (estimate != nullptr && estimate->rows > 0 && estimate->dollars) {
        // The batch price is half the live one (OpenAI, Azure, Together): the estimate is at the live price.
        return "About " + scaled(*estimate->dollars / 2, estimate->rows) + " at the batch price, scaled from the " +
               text::with_commas(estimate->rows) + " test rows' estimate (" + eval::cost_text(*estimate->dollars) +
               " live); the file's texts may be longer or shorter.";
    }
    const eval::CandidateReport* report = state.eval.report(candidate);
    if (report != nullptr && report->tally.answered > 0 && report->cost && report->tally.prompt_tokens > 0) {
        // Answers asked live cost twice what a batch's do: their share of the tokens says how much of the
        // cost was at which price.
        const double batch_share = static_cast<double>(report->tally.batch_prompt_tokens) /
                                   static_cast<double>(report->tally.prompt_tokens);
        const double as_batch = *report->cost / (1 - batch_share / 2) / 2;
        return "About " + scaled(as_batch, report->tally.answered) + " at the batch price, scaled from what its " +
               text::with_commas(report->tally.answered) + " test rows cost (" + eval::cost_text(*report->cost) +
               "); the file's texts may be longer or shorter.";
    }
    return {};
}

std::string label_batches_unwritable_because(const State& state) {
    if (!state.label_file.batch) return "No batches have labelled the file.";
    const LabelBatchJob& job = *state.label_file.batch;
    const Dataset* dataset = state.data.dataset ? &*state.data.dataset : nullptr;
    const std::string which = job.file + " (" + text::format_bytes(job.bytes) + ", the file the batches asked about)";
    if (dataset == nullptr || !dataset->loader || dataset->file.handle == 0) {
        return "Open " + which + " again to write their answers with it: after a reload the page keeps only the split's rows.";
    }
    if (dataset->file.name != job.file || dataset->file.bytes != job.bytes) {
        return "The open file is " + dataset->file.name + ", not " + which + ": open that one to write their answers with it.";
    }
    return {};
}

std::string label_batch_unavailable_because(const State& state, const std::string& candidate) {
    const eval::Evaluation* evaluation = state.eval.find(candidate);
    if (evaluation == nullptr) return "That candidate is no longer in Compare.";
    if (!can_batch(state.providers, evaluation->candidate)) {
        return eval::candidate_name(evaluation->candidate) + " cannot label the file: only a chat model of a provider with "
                                                             "a Batch API can (OpenAI, Azure OpenAI, Together, Nebius).";
    }
    if (const std::string why = open_file_unavailable_because(state); !why.empty()) return why;
    const auto asking = chat_asking(*state.data.dataset, evaluation->candidate);
    if (const auto* error = std::get_if<prompt::TemplateError>(&asking)) {
        return "Its prompt no longer fits the data: " + error->message;
    }
    return {};
}

}  // namespace tb::workflow
