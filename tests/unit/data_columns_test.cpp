#include <catch2/catch.hpp>

#include "core/data/columns.h"
#include "core/data/label_families.h"
#include "core/data/summary.h"

using namespace tb::data;

namespace {
const std::vector<std::string> kCfpb18 = {
    "Date received", "Product", "Sub-product", "Issue", "Sub-issue", "Consumer complaint narrative",
    "Company public response", "Company", "State", "ZIP code", "Tags", "Consumer consent provided?",
    "Submitted via", "Date sent to company", "Company response to consumer", "Timely response?",
    "Consumer disputed?", "Complaint ID"};
}

TEST_CASE("CFPB columns are found by name in both layouts") {
    const ColumnRoles roles18 = detect_columns(tb::csv::Header(kCfpb18));
    CHECK(roles18.cfpb);
    CHECK(roles18.text == 5);
    CHECK(roles18.label == 1);

    std::vector<std::string> layout16;
    for (const auto& name : kCfpb18) {
        if (name != "Consumer consent provided?" && name != "Consumer disputed?") layout16.push_back(name);
    }
    std::swap(layout16[0], layout16[5]);  // by name, never by position
    const ColumnRoles roles16 = detect_columns(tb::csv::Header(layout16));
    CHECK(roles16.cfpb);
    CHECK(layout16[static_cast<std::size_t>(roles16.text)] == "Consumer complaint narrative");
    CHECK(layout16[static_cast<std::size_t>(roles16.label)] == "Product");
}

TEST_CASE("other files leave the roles to the person, and names match loosely as a fallback") {
    const tb::csv::Header header({"id", " TEXT ", "category"});
    const ColumnRoles roles = detect_columns(header);
    CHECK_FALSE(roles.cfpb);
    CHECK(roles.text == -1);
    CHECK(roles.label == -1);
    CHECK(find_column(header, "text") == 1);
    CHECK(find_column(header, "Category") == 2);
    CHECK(find_column(header, "missing") == -1);
}

TEST_CASE("empty, whitespace-only and None texts are missing") {
    CHECK(is_missing_text(""));
    CHECK(is_missing_text("   \t\r\n "));
    CHECK(is_missing_text("\xC2\xA0 \xC2\xA0"));
    CHECK(is_missing_text("None"));
    CHECK(is_missing_text(" None\n"));
    CHECK_FALSE(is_missing_text("none of this is mine"));
    CHECK_FALSE(is_missing_text("Nonesuch"));
    CHECK_FALSE(is_missing_text(" x "));
}

TEST_CASE("characters are counted as code points") {
    CHECK(count_characters("abc") == 3);
    CHECK(count_characters("caf\xC3\xA9 \xE2\x80\x94") == 6);
}

TEST_CASE("the CFPB preset merges renamed products, and families round-trip through JSON") {
    const LabelFamilies families = cfpb_label_families();
    CHECK(families.family_of("Credit reporting") == "Credit reporting or other personal consumer reports");
    CHECK(families.family_of("Credit reporting, credit repair services, or other personal consumer reports") ==
          "Credit reporting or other personal consumer reports");
    CHECK(families.family_of("Bank account or service") == "Checking or savings account");
    CHECK(families.family_of("Mortgage") == "Mortgage");

    const LabelFamilies copy = label_families_from_json(to_json(families));
    CHECK(copy.families().size() == families.families().size());
    CHECK(copy.family_of("Credit card") == "Credit card or prepaid card");

    const auto edited = label_families_from_json(nlohmann::json::parse(
        R"([{"name":"Loans","members":["Mortgage","Student loan",3]},{"members":["x"]},"junk"])"));
    CHECK(edited.families().size() == 1);
    CHECK(edited.family_of("Student loan") == "Loans");
    CHECK(edited.family_of("Debt collection") == "Debt collection");
}

TEST_CASE("label families round-trip through the text the person edits") {
    const LabelFamilies preset = cfpb_label_families();
    const std::string text = label_families_to_text(preset);
    CHECK(text.find("Checking or savings account = Bank account or service\n") != std::string::npos);
    const LabelFamilies back = label_families_from_text(text);
    REQUIRE(back.families().size() == preset.families().size());
    for (const auto& family : preset.families()) {
        for (const auto& member : family.members) CHECK(back.family_of(member) == family.name);
    }

    const LabelFamilies edited = label_families_from_text(
        "Loans = Mortgage | Student loan |  \nno equals sign here\n = orphan\nCards=Credit card\r\n");
    REQUIRE(edited.families().size() == 2);
    CHECK(edited.family_of("Student loan") == "Loans");
    CHECK(edited.family_of("Loans") == "Loans");
    CHECK(edited.family_of("Credit card") == "Cards");
    CHECK(edited.family_of("orphan") == "orphan");
}

TEST_CASE("a minimum length is checked in characters, not bytes") {
    CHECK(has_characters("abc", 3));
    CHECK_FALSE(has_characters("abc", 4));
    CHECK(has_characters("", 0));
    const std::string dashes = "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94";  // three characters in nine bytes
    CHECK(has_characters(dashes, 3));
    CHECK_FALSE(has_characters(dashes, 4));
    CHECK(has_characters(std::string(400, 'x'), 100));
}

TEST_CASE("a header without the columns says which it lacks and lists its own") {
    DatasetSummary summary;
    summary.header = {"id", "body", "category"};
    LoadSettings load;
    CHECK(missing_columns(summary, load) ==
          "Its header has no column named \"Consumer complaint narrative\" for the text nor \"Product\" for the "
          "label (its columns: id, body, category). Pick the columns that hold the text and its label in the Data step.");
    summary.text_column = 1;
    load.label_column = "Topic";
    CHECK(missing_columns(summary, load) ==
          "Its header has no column named \"Topic\" for the label (its columns: id, body, category). Pick the columns "
          "that hold the text and its label in the Data step.");
    summary.label_column = 2;
    CHECK(missing_columns(summary, load).empty());
    summary.label_column = -1;
    summary.header = {"a", "", "c", "d", "e", "f", "g", "h", "i", "j"};
    CHECK(missing_columns(summary, load).find("(its columns: a, (unnamed), c, d, e, f, g, h, … 10 in all)") !=
          std::string::npos);
}
