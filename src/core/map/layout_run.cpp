#include "core/map/layout_run.h"

#include <algorithm>

#include "core/map/pca_fit.h"
#include "core/map/refinement.h"

namespace tb::map {

namespace {
// Rows projected a slice: 16,384 rows of 1,536 dims is 50 M multiply-adds, a few milliseconds.
constexpr std::size_t kProjectSlice = 16384;
// The PCA fit's work a slice, in multiply-adds: a few milliseconds (1,536 dims × 4,096 rows takes a few hundred).
constexpr std::uint64_t kFitSlice = 8'000'000;
// Of the progress bar, what the projection takes when a refinement follows (it is much the quicker).
constexpr double kProjectShare = 0.05;
}  // namespace

LayoutRun::LayoutRun(std::vector<float> vectors, int dim, std::uint64_t seed)
    : vectors_(std::move(vectors)), dim_(std::max(dim, 1)), seed_(seed), rows_(vectors_.size() / static_cast<std::size_t>(std::max(dim, 1))),
      refines_(rows_ <= kMaxRefinedRows) {
    pca_.resize(rows_ * 2);
}

LayoutRun::~LayoutRun() = default;  // here, where PcaFit and Refinement are whole

void LayoutRun::step() {
    if (!fitted_) {
        if (!fit_) fit_ = std::make_unique<PcaFit>(vectors_, dim_, 2, seed_);
        fit_->step(kFitSlice);
        if (!fit_->done()) return;
        projection_ = fit_->result();
        fit_.reset();
        fitted_ = true;
        return;
    }
    if (projected_ < rows_) {
        const std::size_t count = std::min(kProjectSlice, rows_ - projected_);
        project(projection_, vectors_, projected_, count, pca_.data() + projected_ * 2);
        projected_ += count;
        if (projected_ == rows_) {
            ++version_;
            // The refinement takes the vectors: the run needs them no more.
            if (refines_) refinement_ = std::make_unique<Refinement>(std::move(vectors_), dim_, pca_, seed_);
            vectors_ = {};
        }
        return;
    }
    if (refinement_ && !refinement_->done()) {
        refinement_->step();
        ++version_;
    }
}

bool LayoutRun::done() const { return fitted_ && projected_ == rows_ && (!refinement_ || refinement_->done()); }

double LayoutRun::progress() const {
    if (done()) return 1.0;
    const double projected = rows_ == 0 ? 1.0 : static_cast<double>(projected_) / static_cast<double>(rows_);
    if (!refines_) return fitted_ ? projected : 0.0;
    const double refined = refinement_ ? refinement_->progress() : 0.0;
    return kProjectShare * (fitted_ ? projected : 0.0) + (1 - kProjectShare) * refined;
}

std::string_view LayoutRun::stage() const {
    if (projected_ < rows_ || !fitted_) return "projecting";
    if (refinement_ && !refinement_->done()) return refinement_->stage();
    return "done";
}

std::span<const float> LayoutRun::positions() const {
    if (refinement_) return refinement_->positions();
    if (projected_ < rows_ || !fitted_) return {};
    return pca_;
}

}  // namespace tb::map
