// A batch's files and what is saved of it, whatever their bytes: an output or error file is read into
// answers and problems without a throw, and everything kept from it saves with an ordinary dump() (text
// that is not UTF-8 must have been replaced on entry); a saved batch record is taken or refused, and one
// taken saves back to itself, as does a saved "Label the file" job; an output file's answers are taken
// into a file's rows only within the batch's range; batch objects and lists from a provider are read or
// become errors.
//
// Input: byte 0 picks what is read; the rest is the file, the record's JSON or the answer's body.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/api/batch_api.h"
#include "core/api/batch_flow.h"
#include "core/api/batch_output.h"
#include "core/eval/file_batches.h"
#include "core/workflow/label_batches.h"
#include "core/text/json_text.h"
#include "fuzz_check.h"

using namespace tb;
using nlohmann::json;

namespace {

void read_output(std::string_view content) {
    const api::BatchOutput output = api::read_batch_output(content);
    FUZZ_CHECK(output.problems.size() <= 10);
    FUZZ_CHECK(output.unreadable >= output.problems.size());
    std::set<std::string> ids;
    json kept = json::array();
    for (const api::BatchAnswer& answer : output.answers) {
        FUZZ_CHECK(!answer.custom_id.empty());
        FUZZ_CHECK(ids.insert(answer.custom_id).second);
        if (answer.failure) {
            FUZZ_CHECK(answer.response.status == 0);
            FUZZ_CHECK(!answer.failure->message.empty());
            kept.push_back({{"id", answer.custom_id}, {"code", answer.failure->code}, {"why", answer.failure->message}});
        } else {
            FUZZ_CHECK(answer.response.status >= 100 && answer.response.status <= 599);
            kept.push_back({{"id", answer.custom_id}, {"body", answer.response.body}, {"request", answer.response.header("x-request-id").value_or("")}});
        }
    }
    for (const std::string& problem : output.problems) kept.push_back(problem);
    (void)kept.dump();
}

void read_record(std::string_view text) {
    const auto parsed = text::parse_json(text);
    if (!parsed.ok()) return;
    std::string problem;
    const auto record = api::batch_record_from_json(parsed.value, problem);
    if (!record) {
        FUZZ_CHECK(!problem.empty());
        return;
    }
    const json saved = api::to_json(*record);
    std::string again_problem;
    const auto again = api::batch_record_from_json(json::parse(saved.dump()), again_problem);
    FUZZ_CHECK(again && api::to_json(*again) == saved);
}

void read_label_job(std::string_view text) {
    const auto parsed = text::parse_json(text);
    if (!parsed.ok()) return;
    std::string problem;
    const auto job = workflow::label_batch_job_from_json(parsed.value, problem);
    if (!job) {
        FUZZ_CHECK(!problem.empty());
        return;
    }
    for (const workflow::LabelBatchPart& part : job->parts) {
        FUZZ_CHECK(part.rows > 0 && part.first_row <= part.last_row && part.rows <= part.last_row - part.first_row + 1);
    }
    const json saved = workflow::to_json(*job);
    std::string again_problem;
    const auto again = workflow::label_batch_job_from_json(json::parse(saved.dump()), again_problem);
    FUZZ_CHECK(again && workflow::to_json(*again) == saved);
}

// The answers of a batch that asked rows 5…20 (12 of them) of a file.
void take_file_answers(std::string_view content) {
    const api::BatchOutput output = api::read_batch_output(content);
    eval::RowAnswers answers({"Mortgage", "Credit card", "Debt collection"}, "gpt-test");
    const eval::FileBatch batch{{}, 5, 20, 12};
    const eval::TakenAnswers taken = eval::take_answers(answers, batch, output.answers, content.size() % 2 == 0);
    FUZZ_CHECK(answers.answered() == taken.answered);
    FUZZ_CHECK(taken.answered + taken.invalid + taken.refused + taken.not_run >= batch.rows);
    for (std::uint64_t row = 0; row < 30; ++row) {
        const int label = answers.at(row);
        FUZZ_CHECK(label >= -1 && label < 3);
        if (row < batch.first_row || row > batch.last_row) FUZZ_CHECK(label == -1);
    }
}

void keep(const api::Result<api::Batch>& result) {
    if (const api::Batch* batch = api::value_of(result)) {
        (void)json{{"id", batch->id}, {"status", batch->status_text}, {"error", batch->error}, {"client", batch->client_id}}.dump();
    } else {
        FUZZ_CHECK(!std::get<api::ApiError>(result).message.empty());
    }
}

void keep(const api::Result<api::BatchPage>& result) {
    if (const api::BatchPage* page = api::value_of(result)) {
        for (const api::Batch& batch : page->batches) keep(api::Result<api::Batch>(batch));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    api::HttpResponse response;
    response.status = 200;
    response.body = std::string(rest);
    switch (data[0] % 8) {
        case 0:
        case 1: read_output(rest); break;
        case 2: read_record(rest); break;
        case 3: keep(api::openai::parse_batch(response)); break;
        case 4: keep(api::openai::parse_batches(response)); break;
        case 5: read_label_job(rest); break;
        case 6: take_file_answers(rest); break;
        default:
            keep(api::together::parse_created_batch(response));
            keep(api::together::parse_batches(response));
    }
    return 0;
}
