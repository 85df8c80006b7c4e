#include "core/map/neighbours.h"

#include <algorithm>
#include <limits>

#include "core/map/float_kernels.h"

namespace tb::map {

namespace {

// Trees: each point meets its leaf's others, a start for NN-descent; more trees barely change what it
// ends with (measured: 3, 6 or 10 trees, 32 or 64 a leaf, all within 0.01 of recall).
constexpr int kTrees = 6;
constexpr std::size_t kLeafSize = 32;
// Candidates a point joins in an iteration, new and old each, per neighbour sought. Measured on 50,000 rows
// of 20 Gaussian clusters reduced to 32 dims (a hard case: in 32 dims of noise all neighbours are nearly
// equally far), against brute force: recall 0.92 with k candidates, 0.97 with 2k for about the same
// work (fewer iterations). Data of fewer intrinsic dims reach 0.99 and more.
// NN-descent stops when an iteration changes fewer than this share of all list entries (Dong et al.'s δ),
// or after kMaxIterations.
constexpr double kStopShare = 0.001;
constexpr int kMaxIterations = 12;
// The work of a search's iterations in first iterations' worth, for planning: later ones are cheaper (fewer
// fresh candidates); measured about 2 at 50,000 points.
constexpr int kPlannedIterations = 2;
constexpr std::size_t kCandidatesPerNeighbour = 2;

}  // namespace

NeighbourSearch::NeighbourSearch(std::span<const float> points, int dim, int k, std::uint64_t seed)
    : points_(points), rng_(seed) {
    if (dim < 1 || k < 1) {
        stage_ = Stage::Done;
        return;
    }
    dim_ = static_cast<std::size_t>(dim);
    k_ = static_cast<std::size_t>(k);
    candidates_ = kCandidatesPerNeighbour * k_;
    n_ = points.size() / dim_;
    leaf_size_ = std::max(kLeafSize, k_ + 1);
    distance_.assign(n_ * k_, std::numeric_limits<float>::infinity());
    index_.assign(n_ * k_, kNone);
    fresh_.assign(n_ * k_, 0);
    order_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) order_[i] = static_cast<std::uint32_t>(i);
    normal_.resize(dim_);
    left_.resize(n_);
    if (n_ < 2) {
        stage_ = Stage::Done;
        return;
    }
    nodes_.emplace_back(0u, static_cast<std::uint32_t>(n_));
}

std::uint64_t NeighbourSearch::planned_work(std::size_t points, int dims, int neighbours) {
    const std::uint64_t n = points, d = static_cast<std::uint64_t>(std::max(dims, 1)),
                        k = static_cast<std::uint64_t>(std::max(neighbours, 1));
    const std::uint64_t leaf_size = std::max<std::uint64_t>(kLeafSize, k + 1);
    std::uint64_t depth = 1;
    for (std::uint64_t size = n; size > leaf_size; size /= 2) ++depth;
    const std::uint64_t trees = kTrees * n * (2 * d * depth + leaf_size / 2 * (d + 2 * k));
    const std::uint64_t c = kCandidatesPerNeighbour * k;
    // Sampling and marking, then the join: about c²/2 pairs a point in the first iteration, fewer after.
    const std::uint64_t iteration = n * (12 * k * k + k * c + c * c / 2 * (d + 2 * k));
    return trees + n * d + kPlannedIterations * iteration;
}

std::uint64_t NeighbourSearch::step(std::uint64_t work) {
    std::uint64_t did = 0;
    while (stage_ != Stage::Done && (did == 0 || did < work)) {
        switch (stage_) {
        case Stage::Trees: did += tree_node(); break;
        case Stage::Filling: did += fill_point(); break;
        case Stage::Sampling: did += sample_point(); break;
        case Stage::Marking: did += mark_point(); break;
        case Stage::Joining: did += join_point(); break;
        case Stage::Done: break;
        }
    }
    return did;
}

float NeighbourSearch::distance(std::uint32_t a, std::uint32_t b) const { return squared_distance(point(a), point(b), dim_); }

// Puts j in i's list if it is nearer than the farthest there and not there yet; equal distances keep
// the earlier entry first.
bool NeighbourSearch::insert(std::uint32_t i, std::uint32_t j, float d) {
    const std::size_t base = static_cast<std::size_t>(i) * k_;
    float* dist = &distance_[base];
    std::uint32_t* index = &index_[base];
    std::uint8_t* fresh = &fresh_[base];
    if (!(d < dist[k_ - 1])) return false;  // NaN never enters
    for (std::size_t s = 0; s < k_; ++s) {
        if (index[s] == j) return false;
    }
    std::size_t s = k_ - 1;
    for (; s > 0 && dist[s - 1] > d; --s) {
        dist[s] = dist[s - 1];
        index[s] = index[s - 1];
        fresh[s] = fresh[s - 1];
    }
    dist[s] = d;
    index[s] = j;
    fresh[s] = 1;
    return true;
}

// One node of the current tree: a leaf joins its points pairwise, a bigger node splits in two.
std::uint64_t NeighbourSearch::tree_node() {
    if (nodes_.empty()) {
        if (++trees_built_ < kTrees) {
            nodes_.emplace_back(0u, static_cast<std::uint32_t>(n_));
        } else {
            nodes_ = {};
            left_ = {};
            normal_ = {};
            order_ = {};
            next_ = 0;
            stage_ = Stage::Filling;
        }
        return 1;
    }
    const auto [begin, end] = nodes_.back();
    nodes_.pop_back();
    return end - begin <= leaf_size_ ? leaf(begin, end) : split(begin, end);
}

std::uint64_t NeighbourSearch::split(std::uint32_t begin, std::uint32_t end) {
    const std::uint32_t size = end - begin;
    const std::uint32_t a = begin + static_cast<std::uint32_t>(rng_.below(size));
    std::uint32_t b = begin + static_cast<std::uint32_t>(rng_.below(size - 1));
    if (b >= a) ++b;
    const float* pa = point(order_[a]);
    const float* pb = point(order_[b]);
    float offset = 0;
    for (std::size_t d = 0; d < dim_; ++d) {
        normal_[d] = pa[d] - pb[d];
        offset += normal_[d] * (pa[d] + pb[d]) / 2;
    }
    for (std::uint32_t t = begin; t < end; ++t) {
        const float margin = dot(normal_.data(), point(order_[t]), dim_) - offset;
        // Points on the plane (all of them, when the two chosen are equal) go either way.
        left_[t] = margin > 0 || (margin == 0 && (rng_.next() & 1));
    }
    std::uint32_t i = begin, j = end;
    while (i < j) {
        if (left_[i]) {
            ++i;
        } else {
            --j;
            std::swap(order_[i], order_[j]);
            std::swap(left_[i], left_[j]);
        }
    }
    // A split that leaves a side empty would never end: halve the node as it stands instead.
    const std::uint32_t middle = (i == begin || i == end) ? begin + size / 2 : i;
    nodes_.emplace_back(middle, end);
    nodes_.emplace_back(begin, middle);
    return static_cast<std::uint64_t>(size) * (2 * dim_ + 1);
}

std::uint64_t NeighbourSearch::leaf(std::uint32_t begin, std::uint32_t end) {
    for (std::uint32_t x = begin; x < end; ++x) {
        for (std::uint32_t y = x + 1; y < end; ++y) {
            const std::uint32_t p = order_[x], q = order_[y];
            const float d = distance(p, q);
            insert(p, q, d);
            insert(q, p, d);
        }
    }
    const std::uint64_t size = end - begin;
    return size * (size - 1) / 2 * (dim_ + 2 * k_) + 1;
}

// Lists the trees left short (a point in a leaf smaller than k + 1, every time) are filled with the points
// that follow it, for NN-descent to replace: it needs full lists to compare against.
std::uint64_t NeighbourSearch::fill_point() {
    if (next_ == n_) {
        next_ = 0;
        stage_ = Stage::Sampling;
        new_ = {std::vector<std::uint32_t>(n_ * candidates_), std::vector<std::uint32_t>(n_ * candidates_), std::vector<std::uint32_t>(n_)};
        old_ = new_;
        return 1;
    }
    const std::uint32_t i = static_cast<std::uint32_t>(next_);
    std::uint64_t did = 1;
    for (std::size_t ahead = 1; ahead < n_ && index_[next_ * k_ + k_ - 1] == kNone; ++ahead, did += dim_) {
        const std::uint32_t j = static_cast<std::uint32_t>((next_ + ahead) % n_);
        insert(i, j, distance(i, j));
    }
    ++next_;
    return did;
}

// Keeps j among i's candidates if its priority is among the lowest `candidates_` offered so far.
void NeighbourSearch::offer(Candidates& c, std::uint32_t i, std::uint32_t j, std::uint32_t priority) const {
    std::uint32_t* index = &c.index[static_cast<std::size_t>(i) * candidates_];
    std::uint32_t* prio = &c.priority[static_cast<std::size_t>(i) * candidates_];
    std::uint32_t& count = c.count[i];
    std::size_t worst = 0;
    for (std::size_t s = 0; s < count; ++s) {
        if (index[s] == j) return;
        if (prio[s] > prio[worst]) worst = s;
    }
    if (count < candidates_) {
        index[count] = j;
        prio[count] = priority;
        ++count;
    } else if (priority < prio[worst]) {
        index[worst] = j;
        prio[worst] = priority;
    }
}

// Offers each of point i's neighbours to i's candidates and i to theirs (reverse neighbours matter: a
// point that is near many others may be in no short list of its own), new ones and old ones apart.
std::uint64_t NeighbourSearch::sample_point() {
    if (next_ == n_) {
        next_ = 0;
        stage_ = Stage::Marking;
        return 1;
    }
    const std::uint32_t i = static_cast<std::uint32_t>(next_);
    for (std::size_t s = 0; s < k_; ++s) {
        const std::uint32_t j = index_[next_ * k_ + s];
        if (j == kNone) continue;
        const std::uint32_t priority = static_cast<std::uint32_t>(rng_.next() >> 32);
        Candidates& c = fresh_[next_ * k_ + s] ? new_ : old_;
        offer(c, i, j, priority);
        offer(c, j, i, priority);
    }
    ++next_;
    // Two offers per neighbour, each scanning a list and most missing the cache: slow for their count.
    return 12 * k_ * k_;
}

// A neighbour chosen as a new candidate of its point will have met the others: it is old from now on.
std::uint64_t NeighbourSearch::mark_point() {
    if (next_ == n_) {
        next_ = 0;
        updates_ = 0;
        stage_ = Stage::Joining;
        return 1;
    }
    const std::uint32_t* chosen = &new_.index[next_ * candidates_];
    const std::uint32_t count = new_.count[next_];
    for (std::size_t s = 0; s < k_; ++s) {
        std::uint8_t& fresh = fresh_[next_ * k_ + s];
        if (fresh && std::find(chosen, chosen + count, index_[next_ * k_ + s]) != chosen + count) fresh = 0;
    }
    ++next_;
    return k_ * candidates_;
}

// The local join at point i: every pair of its new candidates, and each new one with each old one, may
// be neighbours of each other (old pairs met in an earlier iteration).
std::uint64_t NeighbourSearch::join_point() {
    if (next_ == n_) {
        end_iteration();
        return 1;
    }
    const std::uint32_t* fresh = &new_.index[next_ * candidates_];
    const std::uint32_t* old = &old_.index[next_ * candidates_];
    const std::uint32_t fresh_count = new_.count[next_], old_count = old_.count[next_];
    std::uint64_t pairs = 0;
    const auto meet = [&](std::uint32_t p, std::uint32_t q) {
        const float d = distance(p, q);
        updates_ += insert(p, q, d);
        updates_ += insert(q, p, d);
        ++pairs;
    };
    for (std::uint32_t x = 0; x < fresh_count; ++x) {
        for (std::uint32_t y = x + 1; y < fresh_count; ++y) meet(fresh[x], fresh[y]);
        for (std::uint32_t y = 0; y < old_count; ++y) {
            if (old[y] != fresh[x]) meet(fresh[x], old[y]);
        }
    }
    new_.count[next_] = 0;
    old_.count[next_] = 0;
    ++next_;
    return pairs * (dim_ + 2 * k_) + 1;
}

void NeighbourSearch::end_iteration() {
    ++iterations_;
    next_ = 0;
    const double changed = static_cast<double>(updates_);
    if (changed <= kStopShare * static_cast<double>(n_ * k_) || iterations_ >= kMaxIterations) {
        new_ = {};
        old_ = {};
        fresh_ = {};
        stage_ = Stage::Done;
    } else {
        stage_ = Stage::Sampling;
    }
}

}  // namespace tb::map
