#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/train/random.h"

namespace tb::map {

// The k nearest neighbours of each of n points (n × dim, squared Euclidean distance), approximately, as a
// step machine. A forest of random-projection trees first gives every point the others of its leaves as
// candidates (points split by the hyperplane halfway between two random ones, until a leaf is small); then
// NN-descent (Dong, Charikar & Li, 2011) tries the neighbours of each point's neighbours, which are likely
// to be its own, until an iteration improves almost no list. About n · (trees · leaf + iterations · k²)
// distances instead of brute force's n²/2: at 50,000 points some hundred times fewer, and nearly the same
// lists (the layout that uses them forgives a few misses).
//
// Work is counted in multiply-adds, roughly; step(work) does about that much, in units of one tree node or
// one point's share of an iteration. Deterministic for a seed, however it is sliced.
class NeighbourSearch {
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    // `points` is borrowed: it must outlive the search and not change while it runs. k ≥ 1.
    NeighbourSearch(std::span<const float> points, int dim, int k, std::uint64_t seed);

    std::uint64_t step(std::uint64_t work);
    bool done() const { return stage_ == Stage::Done; }
    // Roughly the work of a whole search of `points` points (the iterations it takes are not known in
    // advance).
    static std::uint64_t planned_work(std::size_t points, int dims, int neighbours);
    int iterations() const { return iterations_; }

    // n × k: each point's neighbours, nearest first, and their squared distances. Complete once done;
    // with n ≤ k a list holds every other point and kNone after them.
    std::span<const std::uint32_t> neighbours() const { return index_; }
    std::span<const float> distances() const { return distance_; }

private:
    enum class Stage { Trees, Filling, Sampling, Marking, Joining, Done };

    const float* point(std::uint32_t i) const { return points_.data() + static_cast<std::size_t>(i) * dim_; }
    float distance(std::uint32_t a, std::uint32_t b) const;
    bool insert(std::uint32_t i, std::uint32_t j, float d);

    std::uint64_t tree_node();
    std::uint64_t split(std::uint32_t begin, std::uint32_t end);
    std::uint64_t leaf(std::uint32_t begin, std::uint32_t end);
    std::uint64_t fill_point();
    std::uint64_t sample_point();
    std::uint64_t mark_point();
    std::uint64_t join_point();
    void end_iteration();

    std::span<const float> points_;
    std::size_t dim_ = 0;
    std::size_t n_ = 0;
    std::size_t k_ = 0;
    std::size_t candidates_ = 0;  // per point and kind in an iteration
    std::size_t leaf_size_ = 0;
    train::Rng rng_;

    Stage stage_ = Stage::Trees;
    std::size_t next_ = 0;  // the point the current stage is at
    int trees_built_ = 0;
    int iterations_ = 0;
    std::uint64_t updates_ = 0;  // list changes in the current iteration

    std::vector<float> distance_;      // n × k, each list ascending
    std::vector<std::uint32_t> index_; // n × k
    std::vector<std::uint8_t> fresh_;  // n × k: not yet joined with the others of its list

    // The trees: a permutation of the points whose ranges are nodes, the nodes still to split, and the
    // splitting hyperplane's sides.
    std::vector<std::uint32_t> order_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> nodes_;
    std::vector<float> normal_;
    std::vector<std::uint8_t> left_;

    // An iteration's candidates: up to candidates_ new (fresh) and as many old per point, chosen at random
    // among the forward and reverse neighbours of each kind (priority = a random draw, lowest kept).
    struct Candidates {
        std::vector<std::uint32_t> index;   // n × candidates_
        std::vector<std::uint32_t> priority;
        std::vector<std::uint32_t> count;   // n
    };
    void offer(Candidates& c, std::uint32_t i, std::uint32_t j, std::uint32_t priority) const;
    Candidates new_, old_;
};

}  // namespace tb::map
