#include "core/map/refinement.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::map {

namespace {

// Neighbours are sought among at most this many dims (the rows' top principal components): distances
// cost that much less, and the neighbours of text vectors change little past their leading components.
constexpr int kSearchDims = 32;
// A step's work, in the unit of the neighbour search and the layout (about a multiply-add of the search's
// loops, in time): about 2 ms natively at -O2 (measured at n = 50,000, dim = 64 and 1536; median step
// 2.1 ms).
constexpr std::uint64_t kStepWork = 3'000'000;
// The PCA's multiply-adds (fit and projection) run in vectorised float loops about four times as fast as
// the search's: a step does four times as many of them, and progress counts them at a quarter.
constexpr std::uint64_t kPcaSpeedUp = 4;
// UMAP's frame: the start spread over ±kFrameHalfSize, with a jitter that parts rows the start puts on
// the same spot (SGD cannot separate two points that coincide).
constexpr double kFrameHalfSize = 10;
constexpr float kJitter = 1e-4f;

// For the neighbour search only a good 32-dim subspace matters, not converged axes: a smaller sample and
// a few iterations (each costs 2 · sample · dim · 40 multiply-adds at 1536 dims).
PcaSettings reduction_settings() {
    PcaSettings settings;
    settings.max_sample = 2048;
    settings.max_iterations = 4;
    settings.tolerance = 1e-3;
    return settings;
}

// Half UMAP's (500 up to 10,000 rows, 200 above): from the PCA layout, trustworthiness (k = 10) comes
// within 0.001 of UMAP's counts' at half the time (measured on clustered and Swiss-roll sets of 1,500 and
// 50,000 rows), and the clusters look the same.
int epochs_for(std::size_t rows) { return rows <= 10000 ? 250 : 100; }

}  // namespace

Refinement::Refinement(std::vector<float> rows, int dim, std::vector<float> start, std::uint64_t seed, int neighbours)
    : n_(start.size() / 2), dim_(dim), k_(neighbours), rows_(std::move(rows)), start_(std::move(start)) {
    positions_ = start_;
    const bool sizes_agree = dim >= 1 && neighbours >= 1 && start_.size() % 2 == 0 &&
                             rows_.size() == n_ * static_cast<std::size_t>(dim);
    if (!sizes_agree || n_ < static_cast<std::size_t>(neighbours) + 2) {
        rows_ = {};
        return;
    }
    // The seeds of the parts, drawn from the one given so that their random streams differ.
    train::Rng seeds(seed);
    const std::uint64_t fit_seed = seeds.next();
    search_seed_ = seeds.next();
    layout_seed_ = seeds.next();

    double low_x = std::numeric_limits<double>::infinity(), low_y = low_x, high_x = -low_x, high_y = -low_x;
    for (std::size_t i = 0; i < n_; ++i) {
        const double x = start_[2 * i], y = start_[2 * i + 1];
        if (std::isfinite(x)) {
            low_x = std::min(low_x, x);
            high_x = std::max(high_x, x);
        }
        if (std::isfinite(y)) {
            low_y = std::min(low_y, y);
            high_y = std::max(high_y, y);
        }
    }
    if (low_x <= high_x) {
        centre_x_ = (low_x + high_x) / 2;
        half_x_ = (high_x - low_x) / 2;
    }
    if (low_y <= high_y) {
        centre_y_ = (low_y + high_y) / 2;
        half_y_ = (high_y - low_y) / 2;
    }
    const double half = std::max(half_x_, half_y_);
    to_frame_ = half > 0 ? kFrameHalfSize / half : 1;

    epochs_ = epochs_for(n_);
    const int search_dims = std::min(dim, kSearchDims);
    planned_[static_cast<int>(Stage::Searching)] = NeighbourSearch::planned_work(n_, search_dims, k_);
    planned_[static_cast<int>(Stage::LayingOut)] = LayoutSgd::planned_work(n_, k_, epochs_);
    if (dim > kSearchDims) {
        fit_.emplace(std::span<const float>(rows_), dim, kSearchDims, fit_seed, reduction_settings());
        planned_[static_cast<int>(Stage::Reducing)] = fit_->planned_work() / kPcaSpeedUp;
        planned_[static_cast<int>(Stage::Projecting)] = static_cast<std::uint64_t>(n_) * static_cast<std::uint64_t>(dim) * kSearchDims / kPcaSpeedUp;
        stage_ = Stage::Reducing;
    } else {
        stage_ = Stage::Searching;
        search_.emplace(std::span<const float>(rows_), dim_, k_, search_seed_);
    }
}

void Refinement::step() {
    std::uint64_t left = kStepWork;
    while (left > 0 && stage_ != Stage::Done) {
        std::uint64_t did = 0;
        switch (stage_) {
        case Stage::Reducing: did = fit_->step(left * kPcaSpeedUp) / kPcaSpeedUp; break;
        case Stage::Projecting: did = project_rows(left); break;
        case Stage::Searching: did = search_->step(left); break;
        case Stage::LayingOut: did = layout_->step(left); break;
        case Stage::Done: break;
        }
        done_here_ += did;
        left -= std::min(did, left);
        if (stage_ == Stage::Reducing && fit_->done()) {
            reduced_.resize(n_ * kSearchDims);
            finish_stage(Stage::Projecting);
        } else if (stage_ == Stage::Projecting && projected_ == n_) {
            rows_ = {};
            fit_.reset();
            search_.emplace(std::span<const float>(reduced_), kSearchDims, k_, search_seed_);
            finish_stage(Stage::Searching);
        } else if (stage_ == Stage::Searching && search_->done()) {
            begin_layout();
            finish_stage(Stage::LayingOut);
        } else if (stage_ == Stage::LayingOut && layout_->done()) {
            finish_stage(Stage::Done);
        }
    }
    if (layout_) show_layout();
}

void Refinement::finish_stage(Stage next) {
    done_before_ += planned_[static_cast<int>(stage_)];
    done_here_ = 0;
    stage_ = next;
}

double Refinement::progress() const {
    if (stage_ == Stage::Done) return 1;
    std::uint64_t total = 0;
    for (const std::uint64_t planned : planned_) total += planned;
    const std::uint64_t done = done_before_ + std::min(done_here_, planned_[static_cast<int>(stage_)]);
    return total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
}

const char* Refinement::stage() const {
    switch (stage_) {
    case Stage::Reducing:
    case Stage::Projecting:
    case Stage::Searching: return "finding neighbours";
    case Stage::LayingOut: return "laying out";
    case Stage::Done: break;
    }
    return "done";
}

// Reduces as many rows as the work allows (at least one) to the fitted components.
std::uint64_t Refinement::project_rows(std::uint64_t work) {
    const std::uint64_t per_row = std::max<std::uint64_t>(static_cast<std::uint64_t>(dim_) * kSearchDims / kPcaSpeedUp, 1);
    const std::size_t count = static_cast<std::size_t>(std::clamp<std::uint64_t>(work / per_row, 1, n_ - projected_));
    project(fit_->result(), rows_, projected_, count, &reduced_[projected_ * kSearchDims]);
    projected_ += count;
    return count * per_row;
}

// The start in UMAP's frame, jittered; coordinates that are not finite start at the centre.
void Refinement::begin_layout() {
    train::Rng jitter(layout_seed_ ^ 1);
    std::vector<float> frame(2 * n_);
    for (std::size_t i = 0; i < 2 * n_; ++i) {
        const double v = start_[i], centre = i % 2 ? centre_y_ : centre_x_;
        const double placed = std::isfinite(v) ? (v - centre) * to_frame_ : 0.0;
        frame[i] = static_cast<float>(placed) + (jitter.unit_float() - 0.5f) * 2 * kJitter;
    }
    layout_.emplace(search_->neighbours(), k_, std::move(frame), layout_seed_, epochs_);
}

// The layout as shown: its bounding box centred on the start's and scaled, one scale for both axes, to
// fit in it. An axis along which either box is flat does not bound the scale; if neither axis does, the
// layout's larger half size becomes the start's (or 1 for a start that is a single point).
void Refinement::show_layout() {
    const std::span<const float> y = layout_->positions();
    float low_x = y[0], high_x = y[0], low_y = y[1], high_y = y[1];
    for (std::size_t i = 1; i < n_; ++i) {
        low_x = std::min(low_x, y[2 * i]);
        high_x = std::max(high_x, y[2 * i]);
        low_y = std::min(low_y, y[2 * i + 1]);
        high_y = std::max(high_y, y[2 * i + 1]);
    }
    const double half_x = (static_cast<double>(high_x) - low_x) / 2, half_y = (static_cast<double>(high_y) - low_y) / 2;
    double scale = std::numeric_limits<double>::infinity();
    if (half_x > 0 && half_x_ > 0) scale = std::min(scale, half_x_ / half_x);
    if (half_y > 0 && half_y_ > 0) scale = std::min(scale, half_y_ / half_y);
    if (!std::isfinite(scale)) {
        const double layout_half = std::max(half_x, half_y), start_half = std::max(half_x_, half_y_);
        scale = layout_half > 0 ? (start_half > 0 ? start_half : 1) / layout_half : 1;
    }
    const double middle_x = (static_cast<double>(low_x) + high_x) / 2, middle_y = (static_cast<double>(low_y) + high_y) / 2;
    for (std::size_t i = 0; i < n_; ++i) {
        positions_[2 * i] = static_cast<float>(centre_x_ + (y[2 * i] - middle_x) * scale);
        positions_[2 * i + 1] = static_cast<float>(centre_y_ + (y[2 * i + 1] - middle_y) * scale);
    }
}

}  // namespace tb::map
