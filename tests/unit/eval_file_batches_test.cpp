#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv/reader.h"
#include "core/csv/table_sink.h"
#include "core/eval/file_batches.h"
#include "core/workflow/label_batches.h"
#include "core/workflow/intents.h"
#include "core/workflow/state.h"

using namespace tb;
using nlohmann::json;

namespace {

const std::vector<std::string> kClasses = {"Mortgage", "Credit card", "Student loan"};

// A chat request whose one message is the row's text and its second field: what the pass hands it is what it asks.
api::HttpRequest chat_request(const eval::RowQuestion& question) {
    api::HttpRequest request;
    request.method = "POST";
    request.url = "https://api.example.test/v1/chat/completions";
    request.headers.push_back({"Authorization", "Bearer sk-secret"});
    const std::string other = question.fields.size() > 1 ? std::string(question.fields[1]) : std::string();
    request.body = json{{"model", "gpt-test"},
                        {"messages", {{{"role", "user"}, {"content", std::string(question.text) + " | " + other}}}}}
                       .dump();
    return request;
}

// Feeds `csv` through a FileLabeller with `labeller`, in pieces of 7 bytes; returns what it wrote.
std::string run_pass(const std::string& csv, eval::RowLabeller& labeller, bool only_unlabelled = false) {
    eval::FileLabelSettings settings;
    settings.text_column = "text";
    settings.label_column = "label";
    settings.only_unlabelled = only_unlabelled;
    eval::FileLabeller writer(labeller, settings);
    std::string out;
    for (std::size_t at = 0; at < csv.size(); at += 7) {
        writer.feed(std::string_view(csv).substr(at, 7));
        out += writer.output();
        writer.output().clear();
    }
    writer.finish();
    REQUIRE(writer.error().empty());
    return out + writer.output();
}

// Rows 1…7 of a file; row 3 has no text (never asked), row 5 no label.
const std::string kFile =
    "text,label\n"
    "my mortgage payment,Mortgage\n"
    "card fees again,Credit card\n"
    ",Mortgage\n"
    "loan servicer lost my forms,Student loan\n"
    "\"escrow, twice\",\n"
    "interest on my card,Credit card\n"
    "forbearance ended,Student loan\n";

std::vector<json> lines_of(const std::string& jsonl) {
    std::vector<json> out;
    std::size_t start = 0;
    while (start < jsonl.size()) {
        const std::size_t end = jsonl.find('\n', start);
        REQUIRE(end != std::string::npos);  // every line ends in a newline
        out.push_back(json::parse(jsonl.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

std::string chat_body(const std::string& content) {
    return json{{"id", "chatcmpl-1"},
                {"object", "chat.completion"},
                {"choices", {{{"index", 0}, {"finish_reason", "stop"}, {"message", {{"role", "assistant"}, {"content", content}}}}}},
                {"usage", {{"prompt_tokens", 20}, {"completion_tokens", 2}}}}
        .dump();
}

api::BatchAnswer answer(std::uint64_t row, int status, const std::string& body) {
    api::BatchAnswer out;
    out.custom_id = "row-" + std::to_string(row);
    out.response.status = status;
    out.response.body = body;
    return out;
}

}  // namespace

TEST_CASE("The first pass asks every row the labeller would answer, in input files cut at the limit") {
    eval::BatchQuestions questions(kClasses, chat_request, "/v1/chat/completions", {3, 1 << 20});
    const std::string written = run_pass(kFile, questions);
    CHECK(questions.asked() == 6);  // row 3 has no text
    CHECK(questions.refused_count() == 0);
    // The pass answers nothing: every row is written with blank added columns.
    CHECK(written.find("my mortgage payment,Mortgage,,,\r\n") != std::string::npos);

    REQUIRE(questions.has_full());
    const eval::FileBatch first = questions.take_full();
    CHECK_FALSE(questions.has_full());
    const eval::FileBatch second = questions.finish();
    CHECK(first.rows == 3);
    CHECK(first.first_row == 1);
    CHECK(first.last_row == 4);
    CHECK(first.input.custom_ids == std::vector<std::string>{"row-1", "row-2", "row-4"});
    CHECK(second.rows == 3);
    CHECK(second.first_row == 5);
    CHECK(second.last_row == 7);
    CHECK(second.input.model == "gpt-test");
    CHECK(questions.finish().rows == 0);  // nothing is handed out twice

    const std::vector<json> lines = lines_of(first.input.jsonl);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["custom_id"] == "row-1");
    CHECK(lines[0]["method"] == "POST");
    CHECK(lines[0]["url"] == "/v1/chat/completions");
    CHECK(lines[0]["body"]["model"] == "gpt-test");
    CHECK(lines[0]["body"]["messages"][0]["content"] == "my mortgage payment | Mortgage");
    CHECK(lines[2]["body"]["messages"][0]["content"] == "loan servicer lost my forms | Student loan");
    const std::vector<json> last = lines_of(second.input.jsonl);
    CHECK(last[0]["body"]["messages"][0]["content"] == "escrow, twice | ");
    // The request's headers (the key) never reach the file.
    CHECK(first.input.jsonl.find("sk-secret") == std::string::npos);
}

TEST_CASE("Only rows without a label are asked when so chosen") {
    eval::BatchQuestions questions(kClasses, chat_request, "", {});
    run_pass(kFile, questions, /*only_unlabelled=*/true);
    const eval::FileBatch batch = questions.finish();
    CHECK(batch.input.custom_ids == std::vector<std::string>{"row-5"});
    // Together's lines carry only custom_id and body.
    const std::vector<json> lines = lines_of(batch.input.jsonl);
    CHECK_FALSE(lines[0].contains("url"));
    CHECK_FALSE(lines[0].contains("method"));
}

TEST_CASE("A file is cut before a line that would pass its bytes, a line too long alone is refused") {
    // Each line here is 157 to 159 bytes, so a file of at most 300 holds one; a row of 400 bytes of text is
    // over the limit alone.
    const std::string long_text(400, 'x');
    const std::string file = "text,label\nshort one,Mortgage\n" + long_text + ",Mortgage\nshort two,Mortgage\nshort three,Mortgage\n";
    eval::BatchQuestions questions(kClasses, chat_request, "/v1/chat/completions", {50000, 300});
    run_pass(file, questions);
    CHECK(questions.refused_count() == 1);
    REQUIRE(questions.refused().size() == 1);
    CHECK(questions.refused()[0].custom_id == "row-2");
    CHECK(questions.refused()[0].why.find("300 bytes") != std::string::npos);
    std::vector<eval::FileBatch> files;
    while (questions.has_full()) files.push_back(questions.take_full());
    files.push_back(questions.finish());
    std::uint64_t rows = 0;
    for (const eval::FileBatch& batch : files) {
        CHECK(batch.input.jsonl.size() <= 300);
        rows += batch.rows;
    }
    CHECK(files.size() == 3);  // rows 1, 3 and 4, one a file
    CHECK(rows == 3);
}

TEST_CASE("A batch's answers are read as live answers would be, by row, and only its own rows") {
    eval::RowAnswers answers(kClasses, "gpt-test");
    const eval::FileBatch batch{{}, 10, 20, 6};  // rows 10, 12, 14, 16, 18, 20 asked
    api::BatchAnswer expired;
    expired.custom_id = "row-18";
    expired.failure = api::ApiError{0, "", "batch_expired", "expired", "", ""};
    const std::vector<api::BatchAnswer> lines = {
        answer(10, 200, chat_body("Mortgage")),
        answer(12, 200, chat_body("credit card")),  // case differs: still the class
        answer(14, 200, chat_body("I cannot tell.")),  // no class
        answer(16, 400, R"({"error":{"message":"bad","type":"invalid_request_error","code":null}})"),
        expired,
        answer(9, 200, chat_body("Mortgage")),   // not this batch's row
        answer(30, 200, chat_body("Mortgage")),  // nor this
    };
    const eval::TakenAnswers taken = eval::take_answers(answers, batch, lines, /*structured=*/false);
    CHECK(taken.answered == 2);
    CHECK(taken.invalid == 1);
    CHECK(taken.refused == 1);
    CHECK(taken.not_run == 2);  // row 18 expired, row 20 has no line
    CHECK(answers.at(10) == 0);
    CHECK(answers.at(12) == 1);
    CHECK(answers.at(14) == -1);
    CHECK(answers.at(9) == -1);
    CHECK(answers.at(30) == -1);
    CHECK(answers.at(1000000) == -1);
    CHECK(answers.answered() == 2);
}

TEST_CASE("The second pass writes the batches' answers by row, the others blank") {
    eval::RowAnswers answers(kClasses, "ft:gpt-test:acme");
    answers.set(1, 0);
    answers.set(4, 2);
    answers.set(7, 1);
    answers.set(7, 1);   // the same row twice counts once
    answers.set(6, 9);   // no such class: ignored
    CHECK(answers.answered() == 3);
    const std::string written = run_pass(kFile, answers);
    csv::Reader reader;
    csv::TableSink sink;
    reader.feed(written, sink);
    reader.finish(sink);
    REQUIRE(sink.rows().size() == 7);
    CHECK(reader.header().names() ==
          std::vector<std::string>{"text", "label", "predicted_label", "predicted_probability", "model"});
    const auto& rows = sink.rows();
    CHECK(rows[0].fields == std::vector<std::string>{"my mortgage payment", "Mortgage", "Mortgage", "", "ft:gpt-test:acme"});
    CHECK(rows[1].fields == std::vector<std::string>{"card fees again", "Credit card", "", "", ""});
    CHECK(rows[3].fields == std::vector<std::string>{"loan servicer lost my forms", "Student loan", "Student loan", "",
                                                    "ft:gpt-test:acme"});
    CHECK(rows[4].fields[0] == "escrow, twice");
    CHECK(rows[6].fields[2] == "Credit card");
}

TEST_CASE("The file's batches are saved without their ids and read back, and a damaged save is refused") {
    workflow::LabelBatchJob job;
    job.candidate = "zero_shot|openai|gpt-test";
    job.name = "gpt-test · zero-shot (openai)";
    job.profile = "openai";
    job.model = "gpt-test";
    job.structured = true;
    job.classes = kClasses;
    job.file = "complaints.csv";
    job.bytes = 123456789;
    job.only_unlabelled = true;
    job.all_sent = true;
    job.asked = 70000;
    job.unsendable = 2;
    workflow::LabelBatchPart part;
    part.record.client_id = "tb-abc";
    part.record.batch_id = "batch_1";
    part.record.input_file_id = "file-1";
    part.record.status = "in_progress";
    part.record.custom_ids = {"row-1"};
    part.first_row = 1;
    part.last_row = 60000;
    part.rows = 50000;
    part.taken = true;  // not saved
    job.parts.push_back(part);
    part.record.client_id = "tb-def";
    part.first_row = 60001;
    part.last_row = 90000;
    part.rows = 20000;
    job.parts.push_back(part);

    std::string problem;
    const auto back = workflow::label_batch_job_from_json(json::parse(workflow::to_json(job).dump()), problem);
    REQUIRE(back);
    CHECK(problem.empty());
    CHECK(back->candidate == job.candidate);
    CHECK(back->classes == kClasses);
    CHECK(back->bytes == 123456789);
    CHECK(back->only_unlabelled);
    CHECK(back->structured);
    CHECK(back->asked == 70000);
    CHECK(back->unsendable == 2);
    REQUIRE(back->parts.size() == 2);
    CHECK(back->parts[1].record.client_id == "tb-def");
    CHECK(back->parts[1].first_row == 60001);
    CHECK(back->parts[1].rows == 20000);
    CHECK(back->parts[0].record.batch_id == "batch_1");
    CHECK(back->parts[0].record.custom_ids.empty());
    CHECK_FALSE(back->parts[0].taken);  // a reload reads the answers again
    CHECK_FALSE(workflow::label_batches_done(*back));

    json broken = workflow::to_json(job);
    broken["parts"][1]["rows"] = 40000;  // more rows than its range holds
    CHECK_FALSE(workflow::label_batch_job_from_json(broken, problem));
    CHECK(problem.find("range") != std::string::npos);
    broken = workflow::to_json(job);
    broken["parts"][0]["record"].erase("clientId");
    CHECK_FALSE(workflow::label_batch_job_from_json(broken, problem));
    CHECK(problem.find("clientId") != std::string::npos);
    broken = workflow::to_json(job);
    broken.erase("classes");
    CHECK_FALSE(workflow::label_batch_job_from_json(broken, problem));
    CHECK_FALSE(workflow::label_batch_job_from_json(json("text"), problem));
    CHECK_FALSE(workflow::label_batch_job_from_json(json{{"parts", 3}}, problem));
}

TEST_CASE("The file's batches are done once every part is taken, and count what they answered") {
    workflow::LabelBatchJob job;
    job.unsendable = 1;
    job.asked = 15;
    workflow::LabelBatchPart a, b;
    a.rows = 10;
    b.rows = 5;
    job.parts = {a, b};
    CHECK_FALSE(workflow::label_batches_done(job));  // still reading the file
    job.all_sent = true;
    CHECK_FALSE(workflow::label_batches_done(job));
    job.parts[0].taken = true;
    job.parts[0].answered = 8;
    CHECK_FALSE(workflow::label_batches_done(job));
    CHECK(workflow::label_batches_unanswered(job) == 1 + 2);  // b's rows are not counted until it is taken
    job.parts[1].taken = true;
    job.parts[1].answered = 5;
    CHECK(workflow::label_batches_done(job));
    CHECK(workflow::label_batches_answered(job) == 13);
    CHECK(workflow::label_batches_unanswered(job) == 3);

    // The two rows a asked and did not answer are asked again: one is answered now.
    workflow::LabelBatchPart again;
    again.rows = 2;
    job.parts.push_back(again);
    job.all_sent = false;
    CHECK_FALSE(workflow::label_batches_done(job));
    job.all_sent = true;
    CHECK(workflow::label_batches_unanswered(job) == 3);  // not taken yet: still unanswered
    job.parts[2].taken = true;
    job.parts[2].answered = 1;
    CHECK(workflow::label_batches_done(job));
    CHECK(workflow::label_batches_answered(job) == 14);
    CHECK(workflow::label_batches_unanswered(job) == 2);  // one of a's, and the row none could take
}

TEST_CASE("Asking again leaves out the rows already answered") {
    eval::RowAnswers answered(kClasses, "gpt-test");
    answered.set(1, 0);
    answered.set(6, 1);
    eval::BatchQuestions questions(kClasses, chat_request, "/v1/chat/completions", {},
                                   [&](std::uint64_t row) { return answered.at(row) >= 0; });
    run_pass(kFile, questions);
    CHECK(questions.asked() == 4);
    CHECK(questions.finish().input.custom_ids == std::vector<std::string>{"row-2", "row-4", "row-5", "row-7"});
}

TEST_CASE("The cost of sending the file is scaled from the test rows, at the batch price") {
    workflow::State state;
    // Not asked yet: the estimate is at the live price, a batch costs half.
    eval::SpendEstimate estimate;
    estimate.rows = 100;
    estimate.dollars = 0.01;
    state.eval.estimates["estimated"] = estimate;
    CHECK(workflow::label_batch_cost_hint(state, "estimated", 3000).rfind("About $0.15 at the batch price", 0) == 0);
    // Asked: what the answers cost, those asked live at twice the batch price.
    eval::CandidateReport live;
    live.id = "asked-live";
    live.tally.answered = 100;
    live.tally.prompt_tokens = 1000;
    live.cost = 0.02;
    eval::CandidateReport batch = live;
    batch.id = "asked-as-batch";
    batch.tally.batch_prompt_tokens = 1000;
    state.eval.reports = {live, batch};
    CHECK(workflow::label_batch_cost_hint(state, "asked-live", 3000).rfind("About $0.30 at the batch price", 0) == 0);
    CHECK(workflow::label_batch_cost_hint(state, "asked-as-batch", 3000).rfind("About $0.60 at the batch price", 0) == 0);
    CHECK(workflow::label_batch_cost_hint(state, "unknown", 3000).empty());
}

TEST_CASE("Rows per batch stay within the provider's limit") {
    workflow::State state;
    CHECK(state.label_file.rows_per_batch == 50000);
    CHECK(workflow::apply(state, workflow::SetLabelRowsPerBatch{1000}));
    CHECK(state.label_file.rows_per_batch == 1000);
    workflow::apply(state, workflow::SetLabelRowsPerBatch{0});
    CHECK(state.label_file.rows_per_batch == 1);
    workflow::apply(state, workflow::SetLabelRowsPerBatch{60000});
    CHECK(state.label_file.rows_per_batch == 50000);
}

TEST_CASE("A batch of the file is listed by the provider's progress, then by its own counts") {
    workflow::LabelBatchPart part;
    part.record.client_id = "tb-1";
    part.record.batch_id = "batch_9";
    part.record.input_file_id = "file-1";
    part.record.status = "in_progress";
    part.rows = 3009;
    CHECK(workflow::label_batch_part_summary(part) == "Batch batch_9: in progress, 0 of 3,009 done");
    part.record.status = "cancelled";
    part.record.counts.failed = 1505;  // the provider's count of the lines it never ran
    part.taken = true;
    part.answered = 1504;
    part.not_run = 1505;
    CHECK(workflow::label_batch_part_summary(part) == "Batch batch_9: cancelled, 1,504 of 3,009 rows answered, 1,505 not run");
}
