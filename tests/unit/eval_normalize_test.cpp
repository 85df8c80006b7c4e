#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/eval/normalize.h"

using namespace tb::eval;

namespace {

// The CFPB products the demo data is labelled with.
const std::vector<std::string> kCfpb = {
    "Credit reporting, credit repair services, or other personal consumer reports",  // 0
    "Checking or savings account",                                                    // 1
    "Credit card or prepaid card",                                                    // 2
    "Mortgage",                                                                       // 3
    "Debt collection",                                                                // 4
    "Student loan",                                                                   // 5
    "Money transfer, virtual currency, or money service",                             // 6
    "Vehicle loan or lease",                                                          // 7
    "Payday loan, title loan, or personal loan",                                      // 8
};

constexpr int kMortgage = 3, kDebt = 4, kStudent = 5;

struct Expected {
    int label;
    Match match;
};

Expected read(std::string_view answer, const std::vector<std::string>& labels = kCfpb) {
    const NormalizedAnswer n = normalize_answer(answer, labels);
    return {n.label, n.match};
}

bool operator==(const Expected& a, const Expected& b) { return a.label == b.label && a.match == b.match; }

std::ostream& operator<<(std::ostream& out, const Expected& e) {
    return out << "{" << e.label << ", " << match_name(e.match) << "}";
}

const Expected kInvalid{-1, Match::Invalid};

}  // namespace

TEST_CASE("normalize: every match has a stable name", "[eval]") {
    CHECK(match_name(Match::Exact) == "exact");
    CHECK(match_name(Match::IgnoringCase) == "ignoring case");
    CHECK(match_name(Match::Prefix) == "prefix");
    CHECK(match_name(Match::Contained) == "contained");
    CHECK(match_name(Match::Closest) == "closest");
    CHECK(match_name(Match::Invalid) == "invalid");
}

TEST_CASE("normalize: exact answers, with whitespace around them", "[eval]") {
    for (std::size_t i = 0; i < kCfpb.size(); ++i) {
        CHECK(read(kCfpb[i]) == Expected{static_cast<int>(i), Match::Exact});
    }
    CHECK(read("  Mortgage\n") == Expected{kMortgage, Match::Exact});
    CHECK(read("\r\n\tDebt collection \n\n") == Expected{kDebt, Match::Exact});
    CHECK(read("\xC2\xA0Mortgage\xC2\xA0") == Expected{kMortgage, Match::Exact});  // no-break spaces
    CHECK(read("\xEF\xBB\xBFMortgage") == Expected{kMortgage, Match::Exact});      // byte-order mark
}

TEST_CASE("normalize: quotes, Markdown and trailing punctuation are taken off", "[eval]") {
    CHECK(read("**Debt collection**") == Expected{kDebt, Match::Exact});
    CHECK(read("\"Mortgage\"") == Expected{kMortgage, Match::Exact});
    CHECK(read("'Mortgage'") == Expected{kMortgage, Match::Exact});
    CHECK(read("`Mortgage`") == Expected{kMortgage, Match::Exact});
    CHECK(read("_Mortgage_") == Expected{kMortgage, Match::Exact});
    CHECK(read("\xE2\x80\x9CMortgage\xE2\x80\x9D") == Expected{kMortgage, Match::Exact});  // “Mortgage”
    CHECK(read("\xC2\xABMortgage\xC2\xBB") == Expected{kMortgage, Match::Exact});          // «Mortgage»
    CHECK(read("Mortgage.") == Expected{kMortgage, Match::Exact});
    CHECK(read("Mortgage!") == Expected{kMortgage, Match::Exact});
    CHECK(read("Mortgage;") == Expected{kMortgage, Match::Exact});
    CHECK(read("Mortgage,") == Expected{kMortgage, Match::Exact});
    CHECK(read("\"Mortgage\".") == Expected{kMortgage, Match::Exact});
    CHECK(read("**Mortgage.**") == Expected{kMortgage, Match::Exact});
    CHECK(read("**Mortgage") == Expected{kMortgage, Match::Exact});  // unbalanced: each end on its own
    CHECK(read("# Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("- Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("(Mortgage)") == Expected{kMortgage, Match::Exact});
    CHECK(read("[\"Mortgage\"]") == Expected{kMortgage, Match::Exact});
    CHECK(read("```\nMortgage\n```") == Expected{kMortgage, Match::Exact});
    // A comma inside a label is not trailing punctuation.
    CHECK(read("Payday loan, title loan, or personal loan.") == Expected{8, Match::Exact});
}

TEST_CASE("normalize: a leading Label: style prefix is taken off", "[eval]") {
    CHECK(read("Label: Student loan") == Expected{kStudent, Match::Exact});
    CHECK(read("Answer: Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("Category: Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("Product: Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("Final answer: Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("Predicted label:Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("**Label:** Mortgage") == Expected{kMortgage, Match::Exact});
    CHECK(read("**Predicted label**: **Debt collection**") == Expected{kDebt, Match::Exact});
    CHECK(read("LABEL: \"Mortgage\"") == Expected{kMortgage, Match::Exact});
    // Case is ignored in the prefix, and then in the label.
    CHECK(read("label:student loan") == Expected{kStudent, Match::IgnoringCase});
    // Not a prefix: a word outside the list, digits, too many words.
    CHECK(read("Note: Mortgage") == Expected{kMortgage, Match::Contained});
    CHECK(read("Label 2: Mortgage") == Expected{kMortgage, Match::Contained});
}

TEST_CASE("normalize: a JSON object is read as its label", "[eval]") {
    CHECK(read("{\"label\": \"Mortgage\"}") == Expected{kMortgage, Match::Exact});
    CHECK(read("  {\"label\":\"Debt collection\"}\n") == Expected{kDebt, Match::Exact});
    CHECK(read("```json\n{\"label\": \"Student loan\"}\n```") == Expected{kStudent, Match::Exact});
    CHECK(read("{\"Label\": \"mortgage\"}") == Expected{kMortgage, Match::IgnoringCase});
    CHECK(read("{\"reason\": \"escrow\", \"category\": \"Mortgage\"}") == Expected{kMortgage, Match::Exact});
    CHECK(read("{\"label\": \"Mortgage\", \"confidence\": 0.9}") == Expected{kMortgage, Match::Exact});
    CHECK(read("{\"prediction\": \"Mortgage\"}") == Expected{kMortgage, Match::Exact});  // its only string
    CHECK(read("{\"label\": \"Label: **Mortgage**\"}") == Expected{kMortgage, Match::Exact});
    CHECK(read("{\"label\": \"Credit card\"}") == Expected{2, Match::Prefix});
    // Two strings and no usual key: read as text, where two labels appear.
    CHECK(read("{\"first\": \"Mortgage\", \"second\": \"Student loan\"}") == kInvalid);
    // Not a string, not JSON, not an object.
    CHECK(read("{\"label\": 3}") == kInvalid);
    CHECK(read("{\"label\": \"Mortgage\"") == Expected{kMortgage, Match::Contained});
    CHECK(read("{label: Mortgage}") == Expected{kMortgage, Match::Contained});
    CHECK(read("[\"Mortgage\", \"Debt collection\"]") == kInvalid);
    // Broken UTF-8 inside a JSON string makes it not JSON; the text still contains the label (a byte that is
    // no character is no letter either).
    CHECK(read("{\"label\": \"Mortgage\xFF\"}") == Expected{kMortgage, Match::Contained});
}

TEST_CASE("normalize: matching ignoring case and inner whitespace", "[eval]") {
    CHECK(read("mortgage.") == Expected{kMortgage, Match::IgnoringCase});
    CHECK(read("MORTGAGE") == Expected{kMortgage, Match::IgnoringCase});
    CHECK(read("debt  collection") == Expected{kDebt, Match::IgnoringCase});
    CHECK(read("Debt\n   Collection") == Expected{kDebt, Match::IgnoringCase});
    CHECK(read("Debt\xC2\xA0" "collection") == Expected{kDebt, Match::IgnoringCase});
    CHECK(read("credit reporting, credit repair services, or other personal consumer reports") ==
          Expected{0, Match::IgnoringCase});
    // Whitespace inside a word is not ignored; that one is a typo away.
    CHECK(read("Mort gage") == Expected{kMortgage, Match::Closest});
}

TEST_CASE("normalize: an answer that begins a label, or a label that begins the answer", "[eval]") {
    // The answer is the start of exactly one label (3 bytes or more).
    CHECK(read("Credit card") == Expected{2, Match::Prefix});
    CHECK(read("Debt") == Expected{kDebt, Match::Prefix});
    CHECK(read("Stu") == Expected{kStudent, Match::Prefix});
    CHECK(read("vehicle loan") == Expected{7, Match::Prefix});
    CHECK(read("Money transfer") == Expected{6, Match::Prefix});
    CHECK(read("Checking") == Expected{1, Match::Prefix});
    CHECK(read("St") == kInvalid);      // too short to say
    CHECK(read("Credit") == kInvalid);  // begins two labels
    // A label begins the answer and punctuation or a line break starts the explanation.
    CHECK(read("Mortgage - because the complaint is about escrow") == Expected{kMortgage, Match::Prefix});
    CHECK(read("Mortgage: the consumer disputes escrow") == Expected{kMortgage, Match::Prefix});
    CHECK(read("Mortgage (home loan)") == Expected{kMortgage, Match::Prefix});
    CHECK(read("Mortgage\n\nThe consumer describes a loan modification.") == Expected{kMortgage, Match::Prefix});
    CHECK(read("Mortgage\xE2\x80\x94the consumer disputes escrow") == Expected{kMortgage, Match::Prefix});  // em dash
    CHECK(read("Student loan. Not a Debt collection matter.") == Expected{kStudent, Match::Prefix});
    CHECK(read("Payday loan, title loan, or personal loan - short-term credit") == Expected{8, Match::Prefix});
    // A list of labels is no answer.
    CHECK(read("Mortgage, Student loan") == kInvalid);
    CHECK(read("Mortgage - Debt collection") == kInvalid);
    CHECK(read("Mortgage\nDebt collection") == kInvalid);
}

TEST_CASE("normalize: of labels nested at the start of the answer the longest wins", "[eval]") {
    const std::vector<std::string> labels = {"Credit card", "Credit card or prepaid card", "Mortgage"};
    CHECK(read("Credit card", labels) == Expected{0, Match::Exact});
    CHECK(read("Credit card or prepaid card - a prepaid card fee", labels) == Expected{1, Match::Prefix});
    CHECK(read("Credit card - an annual fee", labels) == Expected{0, Match::Prefix});
    // "Credit c" begins both labels: not a prefix; it is one typo from neither.
    CHECK(read("Credit c", labels) == kInvalid);
}

TEST_CASE("normalize: one label named inside the answer", "[eval]") {
    CHECK(read("The complaint is about a student loan.") == Expected{kStudent, Match::Contained});
    CHECK(read("I think this is Mortgage") == Expected{kMortgage, Match::Contained});
    CHECK(read("This is a credit card or prepaid card issue") == Expected{2, Match::Contained});
    CHECK(read("Category is \xE2\x80\x9C" "Debt collection\xE2\x80\x9D here") == Expected{kDebt, Match::Contained});
    CHECK(read("Mortgage because the consumer mentions escrow") == Expected{kMortgage, Match::Contained});
    // Whole words only: "Mortgages" is not "Mortgage" followed by a boundary (it is one letter off).
    CHECK(read("These are Mortgages") == kInvalid);
    CHECK(read("Mortgages") == Expected{kMortgage, Match::Closest});
    // Two different labels: invalid.
    CHECK(read("Mortgage or Student loan") == kInvalid);
    CHECK(read("either debt collection or a mortgage") == kInvalid);
}

TEST_CASE("normalize: of several labels inside the answer the longest wins only if it holds the others", "[eval]") {
    const std::vector<std::string> labels = {"Credit card", "Credit card or prepaid card", "Mortgage"};
    CHECK(read("It is a credit card or prepaid card issue", labels) == Expected{1, Match::Contained});
    CHECK(read("It is about a credit card", labels) == Expected{0, Match::Contained});
    CHECK(read("A credit card or prepaid card, or maybe a mortgage", labels) == kInvalid);
    // Equally long and different: invalid.
    const std::vector<std::string> same_length = {"Loan A", "Loan B"};
    CHECK(read("either Loan A or Loan B", same_length) == kInvalid);
}

TEST_CASE("normalize: a typo is matched to the closest label", "[eval]") {
    // 1 deletion; threshold max(2, 27/5 = 5)
    CHECK(read("Checking or savings acount") == Expected{1, Match::Closest});
    CHECK(read("Morgage") == Expected{kMortgage, Match::Closest});       // 1 deletion, threshold 2
    CHECK(read("Mortgaeg") == Expected{kMortgage, Match::Closest});      // a swap is 2 edits
    CHECK(read("Studnet loan") == Expected{kStudent, Match::Closest});   // 2 edits, threshold max(2, 12/5)
    CHECK(read("Debt colection") == Expected{kDebt, Match::Closest});
    CHECK(read("Vehicel loan or lese") == Expected{7, Match::Closest});  // 3 edits, threshold 21/5 = 4
    // "Mrtgge" is 2 deletions away; "Mortage loan" is at least 4 edits from every label.
    CHECK(read("Mrtgge") == Expected{kMortgage, Match::Closest});
    CHECK(read("Mortage loan") == kInvalid);
    // Non-ASCII letters are bytes: ö is 2 bytes for o's 1, so 2 edits.
    CHECK(read("M\xC3\xB6rtgage") == Expected{kMortgage, Match::Closest});
}

TEST_CASE("normalize: the closest label must be the only one at its distance", "[eval]") {
    const std::vector<std::string> labels = {"Debit", "Credit"};
    CHECK(read("Debiti", labels) == Expected{0, Match::Closest});
    // "Dredit" is 1 from Credit and 2 from Debit: Credit.
    CHECK(read("Dredit", labels) == Expected{1, Match::Closest});
    const std::vector<std::string> twins = {"Loan A", "Loan B"};
    CHECK(read("Loan C", twins) == kInvalid);
    // Short labels need a near-exact answer: "N/A" is 2 edits from "No" but that is most of the word.
    const std::vector<std::string> yes_no = {"Yes", "No"};
    CHECK(read("N/A", yes_no) == kInvalid);
    CHECK(read("Yess", yes_no) == Expected{0, Match::Closest});
    CHECK(read("Yse", yes_no) == kInvalid);
}

TEST_CASE("normalize: answers naming no label are invalid", "[eval]") {
    CHECK(read("") == kInvalid);
    CHECK(read("   \n\t ") == kInvalid);
    CHECK(read("I cannot determine") == kInvalid);
    CHECK(read("I cannot determine the category of this complaint.") == kInvalid);
    CHECK(read("**") == kInvalid);
    CHECK(read("\"\"") == kInvalid);
    CHECK(read("{}") == kInvalid);
    CHECK(read("Label:") == kInvalid);
    CHECK(read("N/A") == kInvalid);
    CHECK(read("loan") == kInvalid);
    CHECK(read("Mortgage", {}) == kInvalid);
}

TEST_CASE("normalize: labels with colons, empty labels and repeated labels", "[eval]") {
    // A reading before the "Type:" was taken off is the label itself.
    const std::vector<std::string> typed = {"Type: A", "Type: B"};
    CHECK(read("Type: B", typed) == Expected{1, Match::Exact});
    CHECK(read("Label: Type: B", typed) == Expected{1, Match::Exact});
    CHECK(read("type:  a", typed) == Expected{0, Match::IgnoringCase});
    // An empty label is never named, not even by an empty answer.
    const std::vector<std::string> with_empty = {"", "Mortgage"};
    CHECK(read("", with_empty) == kInvalid);
    CHECK(read("**", with_empty) == kInvalid);
    CHECK(read("x", with_empty) == kInvalid);
    CHECK(read("mortgage", with_empty) == Expected{1, Match::IgnoringCase});
    // Labels equal ignoring case are one label, the first.
    const std::vector<std::string> repeated = {"Mortgage", "mortgage", "Mortgage"};
    CHECK(read("Mortgage", repeated) == Expected{0, Match::Exact});
    CHECK(read("mortgage", repeated) == Expected{1, Match::Exact});
    CHECK(read("MORTGAGE", repeated) == Expected{0, Match::IgnoringCase});
    CHECK(read("It is a mortgage", repeated) == Expected{0, Match::Contained});
    CHECK(read("Mortgag", repeated) == Expected{0, Match::Prefix});
}

TEST_CASE("normalize: labels that end in punctuation or brackets", "[eval]") {
    const std::vector<std::string> labels = {"Other (specify)", "N/A", "etc."};
    CHECK(read("Other (specify)", labels) == Expected{0, Match::Exact});
    CHECK(read("etc.", labels) == Expected{2, Match::Exact});
    CHECK(read("ETC", labels) == Expected{2, Match::Prefix});
    CHECK(read("n/a", labels) == Expected{1, Match::IgnoringCase});
    CHECK(read("The answer is N/A here", labels) == Expected{1, Match::Contained});
    CHECK(read("other (specify): unclear", labels) == Expected{0, Match::Prefix});
}

TEST_CASE("normalize: broken UTF-8 and arbitrary bytes are safe", "[eval]") {
    CHECK(read("\xFF\xFE Mortgage \xC3") == Expected{kMortgage, Match::Contained});
    CHECK(read("\xC3") == kInvalid);
    CHECK(read("\xE2\x80") == kInvalid);
    CHECK(read(std::string_view("Mort\0gage", 9)) == Expected{kMortgage, Match::Closest});
    CHECK(read(std::string_view("\0", 1)) == kInvalid);
    // Random bytes, biased towards the characters the rules look at.
    const std::string alphabet = std::string("Mortgage Debt collection{}\":*`_#-.,;:()[]\n") +
                                 "\xC2\xA0\xE2\x80\x94\xFF\xEF\xBB\xBF" + std::string(1, '\0');
    std::mt19937 random(20241126);
    for (int round = 0; round < 3000; ++round) {
        std::string answer;
        const std::size_t length = random() % 60;
        for (std::size_t i = 0; i < length; ++i) {
            answer += random() % 4 == 0 ? static_cast<char>(random() % 256) : alphabet[random() % alphabet.size()];
        }
        const NormalizedAnswer n = normalize_answer(answer, kCfpb);
        CHECK((n.label == -1) == (n.match == Match::Invalid));
        CHECK(n.label < static_cast<int>(kCfpb.size()));
    }
}

TEST_CASE("normalize: long answers", "[eval]") {
    std::string essay;
    for (int i = 0; i < 300; ++i) essay += "The consumer writes at length about the bank. ";
    CHECK(read(essay) == kInvalid);
    CHECK(read(essay + "So: Student loan.") == Expected{kStudent, Match::Contained});
    CHECK(read("Student loan\n\n" + essay) == Expected{kStudent, Match::Prefix});
    const std::string wall(200000, 'a');
    CHECK(read(wall) == kInvalid);
    CHECK(read(std::string(100000, '*') + "Mortgage" + std::string(100000, '*')) == Expected{kMortgage, Match::Exact});
    std::string nested;
    for (int i = 0; i < 20; ++i) nested += "Label: ";
    CHECK(read(nested + "Mortgage") == Expected{kMortgage, Match::Contained});
}
