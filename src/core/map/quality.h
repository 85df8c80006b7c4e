#pragma once

#include <span>

namespace tb::map {

// Venna & Kaski's trustworthiness of a 2-D layout `low` (n × 2) of rows `high` (n × dim), for
// neighbourhoods of k:
//   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k)
// where U_k(i) are the k nearest neighbours of i in the layout that are not among its k nearest in the
// rows, and r(i, j) is j's rank among i's neighbours in the rows (the nearest is 1). 1 when every
// layout neighbourhood holds only true neighbours; it falls as intruders come from farther away. Exact:
// O(n² (dim + k)) time, O(n) memory. Euclidean distances; among equal distances the lower index ranks
// first. Defined for 1 ≤ k < n / 2 (the normalisation assumes it); returns NaN outside that.
double trustworthiness(std::span<const float> high, int dim, std::span<const float> low, int k);

}  // namespace tb::map
