#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tb::map {

// Picking among up to millions of 2-D points (a layout, in its own units): a uniform grid of square cells
// over the points' bounds, about two points a cell, each cell's points stored together. Built once per
// layout in O(n) (a counting sort by cell); a query reads only the cells it overlaps. Points that are not
// finite are never found. Holds its own copy of the points.
class PointGrid {
public:
    PointGrid() = default;  // no points
    explicit PointGrid(std::span<const float> xy /* n × 2 */);

    std::size_t size() const { return index_.size(); }

    // The point nearest (x, y) no farther than max_distance (inclusive), the lower index on a tie.
    // Searches rings of cells outwards until no unread cell can hold a nearer point.
    std::optional<std::uint32_t> nearest(float x, float y, float max_distance) const;
    // The points in the box with corners (x0, y0) and (x1, y1), any two opposite corners, edges
    // included; ascending.
    std::vector<std::uint32_t> in_box(float x0, float y0, float x1, float y1) const;
    // The points inside the polygon (its vertices x, y, x, y, ...; closed implicitly) by the even-odd
    // rule, ascending. Fewer than three vertices enclose nothing.
    std::vector<std::uint32_t> in_polygon(std::span<const float> xy_polygon) const;

private:
    // The cell column or row of a coordinate, clamped to the grid: monotonic, so a range of coordinates
    // maps to a range of cells that holds every point in it.
    std::size_t column_of(double x) const;
    std::size_t row_of(double y) const;
    // Where the points of cells column0..column1 of a row lie in xy_ and index_ (cells are row-major,
    // so they are together).
    std::size_t first_in(std::size_t row, std::size_t column) const { return cell_start_[row * columns_ + column]; }
    std::size_t end_of(std::size_t row, std::size_t column) const { return cell_start_[row * columns_ + column + 1]; }

    double x0_ = 0, y0_ = 0;  // the grid's lower corner
    double cell_ = 1;
    std::size_t columns_ = 0, rows_ = 0;
    std::vector<std::uint32_t> cell_start_;  // columns × rows + 1: each cell's first point in xy_, index_
    std::vector<float> xy_;                  // the points in cell order
    std::vector<std::uint32_t> index_;       // their numbers in the input
};

}  // namespace tb::map
