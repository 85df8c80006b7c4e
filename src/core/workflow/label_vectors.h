#pragma once

#include <cstdint>
#include <string>

namespace tb::workflow {

struct State;

// "Label the file" with an embeddings candidate, in the tab: its classifier trained again (the same model
// as its evaluation's: the same vectors and settings), each row's text sent to the provider for its vector
// unless the page holds it, a few texts a request (app::LabelVectorsController runs it).

// Whether the evaluation `candidate` is an embeddings candidate (so it labels the file in the tab).
bool labels_with_vectors(const State& state, const std::string& candidate);
// Why it cannot label the open file now (gone, still running, the file not open since a reload), or empty.
std::string label_vectors_unavailable_because(const State& state, const std::string& candidate);
// What sending `rows` texts for their vectors would cost at most, from the split's texts' tokens and the
// model's price ("At most about $0.02: …"); empty when the price is not known.
std::string label_vectors_cost_hint(const State& state, const std::string& candidate, std::uint64_t rows);

}  // namespace tb::workflow
