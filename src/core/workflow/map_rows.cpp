#include "core/workflow/map_rows.h"

#include <algorithm>
#include <cmath>

#include "core/embed/vector_requests.h"
#include "core/workflow/embed_state.h"
#include "core/workflow/map_rest.h"
#include "core/workflow/state.h"

namespace tb::workflow {

namespace {

const embed::VectorStore* store_of(const State& state, const eval::Evaluation& e) {
    const auto found = state.embed.spaces.find(vector_space(state, e.candidate).key());
    return found == state.embed.spaces.end() || found->second.store.size() == 0 ? nullptr : &found->second.store;
}

}  // namespace

std::vector<MapSource> map_sources(const State& state) {
    std::vector<MapSource> sources;
    if (const auto& model = state.local.model) {
        sources.push_back({kLocalMapSource, "In-browser classifier",
                           model->fasttext() ? "Each text's vector is the mean of the in-browser model's word and "
                                               "n-gram vectors: what its classifier reads."
                                             : "Each text is placed by the in-browser TF-IDF classifier's "
                                               "probabilities for the classes: texts it is sure of lie at a "
                                               "class's tip, texts it hesitates over between two classes."});
    }
    for (const eval::Evaluation& e : state.eval.evaluations) {
        if (e.candidate.method != eval::Method::Embeddings || !store_of(state, e)) continue;
        sources.push_back({e.id, eval::candidate_name(e.candidate),
                           "Each text's vector is " + e.candidate.model + "'s embedding, as the page holds it."});
    }
    return sources;
}

std::vector<MapPoint> split_points(const data::Split& split) {
    std::vector<MapPoint> points;
    points.reserve(split.train.size() + split.validation.size() + split.test.size());
    const auto add = [&points](const std::vector<data::SplitRow>& rows, map::Role role) {
        for (std::size_t i = 0; i < rows.size(); ++i) points.push_back({role, static_cast<std::uint32_t>(i)});
    };
    add(split.train, map::Role::training);
    add(split.validation, map::Role::validation);
    add(split.test, map::Role::test);
    return points;
}

const data::SplitRow& row_of(const data::Split& split, MapPoint point) {
    switch (point.role) {
    case map::Role::validation: return split.validation[point.index];
    case map::Role::test: return split.test[point.index];
    default: return split.train[point.index];
    }
}

MapRow map_row(const data::Split& split, const MapRest* rest, int text_column, MapPoint point) {
    if (point.role == map::Role::other) {
        if (!rest || point.index >= rest->rows.size()) return {};
        return {rest->rows[point.index], rest->names[rest->labels[point.index]],
                point.index < rest->texts.size() ? std::string_view(rest->texts[point.index]) : std::string_view()};
    }
    const data::SplitRow& row = row_of(split, point);
    return {row.row, row.label, data::field_of(row, text_column)};
}

std::vector<std::uint32_t> points_of_rows(const data::Split& split, const MapRest* rest, std::span<const MapPoint> points,
                                          std::span<const std::uint64_t> rows) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> found;  // row number, point
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::uint64_t row = map_row(split, rest, -1, points[i]).row;
        if (std::binary_search(rows.begin(), rows.end(), row)) found.emplace_back(row, static_cast<std::uint32_t>(i));
    }
    std::sort(found.begin(), found.end());
    std::vector<std::uint32_t> indices;
    indices.reserve(found.size());
    for (const auto& [row, point] : found) indices.push_back(point);
    return indices;
}

MapVectors::MapVectors(const State& state, std::string source_id) : state_(state), source_(std::move(source_id)) {
    if (source_ == kLocalMapSource) {
        if (!state.local.model) return;
        if (const train::Model* fasttext = state.local.model->fasttext()) {
            dims_ = fasttext->dim();
        } else {
            dims_ = static_cast<int>(state.local.model->classes().size());
        }
        return;
    }
    const eval::Evaluation* e = state.eval.find(source_);
    if (!e || e->candidate.method != eval::Method::Embeddings) return;
    if (const embed::VectorStore* store = store_of(state, *e)) dims_ = store->dims();
}

bool MapVectors::fill(const data::SplitRow& row, float* out) {
    if (!state_.data.dataset) return false;
    return fill_text(data::field_of(row, state_.data.dataset->summary.text_column), out);
}

bool MapVectors::fill_text(std::string_view text, float* out) {
    if (!valid() || text.empty()) return false;
    if (source_ == kLocalMapSource) {
        const eval::LocalClassifier& model = *state_.local.model;
        if (const train::Model* fasttext = model.fasttext()) {
            fasttext->dictionary().encode(text, rows_);
            fasttext->hidden_of(rows_, out);
            return true;
        }
        probabilities_ = model.predict(text);
        if (probabilities_.size() != static_cast<std::size_t>(dims_)) return false;
        // Probabilities, not their logarithms: the rows it learnt from have tiny probabilities for the
        // other classes, so in logarithms they lay far from every other row and shrank the map to a dot.
        for (int c = 0; c < dims_; ++c) out[c] = static_cast<float>(probabilities_[static_cast<std::size_t>(c)]);
        return true;
    }
    const eval::Evaluation* e = state_.eval.find(source_);
    const embed::VectorStore* store = e ? store_of(state_, *e) : nullptr;
    if (!store) return false;
    const std::span<const float> vector = store->find(embed::text_key(embed::embedded_text(text)));
    if (vector.size() != static_cast<std::size_t>(dims_)) return false;
    std::copy(vector.begin(), vector.end(), out);
    return true;
}

std::vector<std::uint8_t> map_styles(const State& state, std::span<const MapPoint> points, const MapRest* rest,
                                     map::ColourBy by, const std::string& candidate_id,
                                     std::span<const std::uint64_t> selected) {
    std::vector<std::uint8_t> styles(points.size(), map::point_style(map::kNoColour, map::Role::other, false));
    if (!state.data.dataset) return styles;
    const data::Split& split = state.data.dataset->split;
    const int text_column = state.data.dataset->summary.text_column;
    const eval::Evaluation* e = by == map::ColourBy::label ? nullptr : state.eval.find(candidate_id);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const MapRow row = map_row(split, rest, text_column, points[i]);
        std::uint8_t colour = map::kNoColour;
        if (by == map::ColourBy::label) {
            colour = map::class_colour(data::class_index(split.classes, row.label));
        } else if (e) {
            const auto found = e->answers.find(row.row);
            if (found != e->answers.end()) {
                const std::string& answer = found->second.label;
                if (by == map::ColourBy::answer) {
                    colour = map::class_colour(data::class_index(split.classes, answer));
                } else {
                    // An invalid answer (no label) is wrong, as the scores count it.
                    colour = !answer.empty() && answer == row.label ? map::kRightColour : map::kWrongColour;
                }
            }
        }
        const bool chosen = std::binary_search(selected.begin(), selected.end(), row.row);
        styles[i] = map::point_style(colour, points[i].role, chosen);
    }
    return styles;
}

}  // namespace tb::workflow
