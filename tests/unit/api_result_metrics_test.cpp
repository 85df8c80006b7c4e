#include <catch2/catch.hpp>

#include "core/api/result_metrics.h"

using namespace tb::api;

namespace {

std::vector<StepMetrics> steps_of(std::string_view csv) {
    auto result = parse_result_metrics(csv);
    if (auto* error = std::get_if<ResultMetricsError>(&result)) FAIL(error->message);
    return std::get<std::vector<StepMetrics>>(result);
}

ResultMetricsError error_of(std::string_view csv) {
    auto result = parse_result_metrics(csv);
    REQUIRE(std::holds_alternative<ResultMetricsError>(result));
    return std::get<ResultMetricsError>(result);
}

}  // namespace

TEST_CASE("OpenAI's result file: empty validation cells stay absent") {
    const auto steps = steps_of(
        "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
        "1,1.52347,0.0,,\n"
        "2,0.57719,0.5,0.61,0.75\n"
        "3,3.63525,0.80952,,\n");
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].step == 1);
    CHECK(*steps[0].train_loss == Approx(1.52347));
    REQUIRE(steps[0].train_accuracy);
    CHECK(*steps[0].train_accuracy == 0.0);  // a real zero stays a zero
    CHECK_FALSE(steps[0].valid_loss);
    CHECK_FALSE(steps[0].valid_accuracy);
    CHECK(*steps[1].valid_loss == Approx(0.61));
    CHECK(*steps[1].valid_accuracy == Approx(0.75));
    CHECK_FALSE(steps[1].full_valid_loss);
    CHECK(steps[2].total_steps == 3);
    CHECK(steps[0].total_steps == 3);
}

TEST_CASE("Azure's result file with CRLF line ends and its full validation columns") {
    const auto steps = steps_of(
        "step,train_loss,train_mean_token_accuracy,valid_loss,validation_mean_token_accuracy,full_valid_loss,"
        "full_valid_mean_token_accuracy\r\n"
        "1,2.1,0.4,2.3,0.38,,\r\n"
        "2,1.1,0.7,1.2,0.66,1.25,0.64\r\n");
    REQUIRE(steps.size() == 2);
    CHECK(*steps[0].train_accuracy == Approx(0.4));
    CHECK(*steps[0].valid_accuracy == Approx(0.38));
    CHECK_FALSE(steps[0].full_valid_loss);
    CHECK(*steps[1].full_valid_loss == Approx(1.25));
    CHECK(*steps[1].full_valid_accuracy == Approx(0.64));
    CHECK(steps[1].total_steps == 2);
}

TEST_CASE("columns are found by name in any order, unknown ones ignored") {
    const auto steps = steps_of(
        "\xEF\xBB\xBF" "learning_rate, valid_loss ,step,\"train_loss\",train_accuracy,train_mean_token_accuracy\n"
        "0.0001,0.5,7,0.25,0.1,0.9\n"
        "\n");
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].step == 7);
    CHECK(*steps[0].valid_loss == 0.5);
    CHECK(*steps[0].train_loss == 0.25);
    CHECK(*steps[0].train_accuracy == 0.9);  // token accuracy wins over whole-answer accuracy
}

TEST_CASE("NaN cells are absent, a header alone gives no steps") {
    const auto steps = steps_of("step,train_loss,valid_loss\n4,0.3,NaN\n");
    REQUIRE(steps.size() == 1);
    CHECK_FALSE(steps[0].valid_loss);
    CHECK(steps_of("step,train_loss\n").empty());
}

TEST_CASE("a malformed result file names the line") {
    const ResultMetricsError bad_number = error_of("step,train_loss\n1,0.5\n2,abc\n");
    CHECK(bad_number.line == 3);
    CHECK(bad_number.message == "Line 3, column \"train_loss\": \"abc\" is not a number.");
    const ResultMetricsError short_row = error_of("step,train_loss,valid_loss\r\n1,0.5\r\n");
    CHECK(short_row.line == 2);
    CHECK(short_row.message == "Line 2 has 2 cells; the header has 3.");
    CHECK(error_of("step,train_loss\n1.5,0.2\n").message.find("not a whole number") != std::string::npos);
    CHECK(error_of("step,train_loss\n,0.2\n").message == "Line 2 has no step number.");
    CHECK(error_of("train_loss,valid_loss\n0.1,0.2\n").message.find("no \"step\" column") != std::string::npos);
    CHECK(error_of("step,train_loss\n1,\"0.2\n").line == 2);
    CHECK(error_of("").line == 0);
    CHECK(error_of("\r\n\r\n").message == "The result file is empty.");
}

TEST_CASE("a cell quoted in an error is valid text and short, whatever the file holds") {
    const std::string cell = "caf\xE9" + std::string(500, 'x');
    const ResultMetricsError error = error_of("step,train_loss\n1," + cell + "\n");
    CHECK(error.message == "Line 2, column \"train_loss\": \"caf\xEF\xBF\xBD" + std::string(51, 'x') +
                               "\xE2\x80\xA6\" is not a number.");
}
