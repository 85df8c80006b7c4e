#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tb::eval {

// How an answer was matched to a label: a report shows how much of a score rests on generous reading.
enum class Match { Exact, IgnoringCase, Prefix, Contained, Closest, Invalid };

struct NormalizedAnswer {
    int label = -1;  // index into the labels; -1 when the answer names none
    Match match = Match::Invalid;
};

// A model's free-text answer as one of `labels`, or invalid.
//
// First the answer is cleaned, layer by layer until nothing changes (at most 8 rounds of these steps):
//   - whitespace trimmed at both ends (ASCII, no-break space, byte-order mark);
//   - a Markdown code fence removed: ```json … ```;
//   - a JSON object read as the string of its "label" member, else of "answer", "category", "class",
//     "product" (keys case-insensitive), else of its only string member; otherwise left as text;
//   - wrapping characters removed from both ends, each end on its own (models leave them unbalanced):
//     quotes " ' ` “ ” ‘ ’ « », Markdown * _, a leading # or "> " or a "- " / "• " bullet, and trailing
//     . ! ? ; , : …; brackets ( ) and [ ] only as a pair around the whole answer;
//   - a leading "Label:" style prefix: up to three words before a ':' ending in label, answer, category,
//     class, classification, product, prediction, output, result, response, type, topic or intent
//     ("Label:", "Final answer:", "**Predicted label**:"), case-insensitive.
// Every step that changed the text gives a reading: the trimmed answer first, the cleaned one last. Then the
// first rule to name exactly one label wins:
//   1. Exact: a reading is a label, byte for byte (the earliest reading that is one). Trying each reading
//      means a step that takes off too much ("Type:" of a label "Type: B") cannot hide the label.
//   2. IgnoringCase: the same, ignoring ASCII case and counting any run of whitespace as one space.
//   Rules 3 to 5 read the cleaned answer only, compared as in 2.
//   3. Prefix:
//      - the answer (3 bytes or more) begins exactly one label ("Debt" → "Debt collection"), or
//      - the answer begins with a label ended by a line break or punctuation (. , : ; ! ? ( - – —), and what
//        follows is not another label: "Mortgage - because …" is Mortgage, "Mortgage, Student loan" is a
//        list and not an answer. Of labels nested this way ("Credit card" and "Credit card, prepaid") the
//        longest wins.
//      If these two ways name different labels neither counts.
//   4. Contained: a label appears in the answer as a whole word or phrase (ends at a non-letter). When
//      several do, the longest wins only if it contains all the others as whole words ("Credit card or
//      prepaid card" over "Credit card"); otherwise ("Mortgage or Student loan") the answer is invalid.
//      A negation is not understood: "not Mortgage" contains Mortgage.
//   5. Closest: the label at the smallest Levenshtein distance (as in 2, counted in bytes), when it is the
//      only one at that distance and the distance is at most max(2, label length / 5) and under half the
//      label's length: typos such as "Checking or savings acount", while a short label is never "closest"
//      to another short word ("N/A" is 2 edits from "No"). A label whose length differs from the answer's
//      by more than the largest threshold is not compared, so long answers cost nothing here.
//   6. Invalid.
// Bytes are compared as bytes: case is folded for ASCII only and invalid UTF-8 is just more bytes (never
// an error). Letters for word boundaries are ASCII letters and digits and any well-formed non-ASCII
// character except no-break space, « », U+2000–U+206F (dashes, curly quotes) and U+3000–U+303F, which
// models put right against words.
// An empty answer is invalid and an empty label is never named. Of labels equal byte for byte rule 1 names
// the first; labels equal ignoring case are one label, the first, from rule 2 on.
NormalizedAnswer normalize_answer(std::string_view answer, const std::vector<std::string>& labels);

// "exact", "ignoring case", "prefix", "contained", "closest", "invalid". Saved in the session file: do not
// rename.
std::string_view match_name(Match m);

}  // namespace tb::eval
