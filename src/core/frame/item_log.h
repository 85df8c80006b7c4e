#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::frame {

// The rectangle a widget's window let it draw in (its scroll region, a table cell), in the UI's pixels.
// A widget reaching past it sideways is cut; above or below it, merely scrolled away.
struct ClipRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Where a widget was drawn, besides its rectangle: the clip it was drawn under, the top-level window it
// belongs to (widgets of two windows may lie over each other; of one window, never) and whether the item
// is a window itself (ImGui reports windows as items too).
struct Placement {
    ClipRect clip;
    std::uint32_t root = 0;
    bool window = false;
};

// One widget drawn in a frame, as automation sees it.
struct Item {
    std::string label;  // the visible part of the widget's label ("Data" for "Data##step")
    std::uint32_t id = 0;
    float x = 0, y = 0, w = 0, h = 0;  // in the UI's own pixels
    std::optional<Placement> placement;  // unknown for items recorded by hand
    bool named = false;  // the widget gave a label, even an empty one ("##plot"): a scrollbar gives none
};

// The visible part of an ImGui label: what precedes "##" (which only feeds the id), with "###" the same.
std::string_view visible_label(std::string_view label);

// Collects the widgets of one frame. Widgets report their rectangle first and their label after, so a
// label is matched to the most recent rectangle with the same id; a label with no rectangle yet (a tab
// item's) waits for the next rectangle of its id in the same frame.
class ItemLog {
public:
    void begin_frame();
    void add(std::uint32_t id, float x0, float y0, float x1, float y1, std::optional<Placement> placement = {});
    void set_label(std::uint32_t id, std::string_view label);

    // The previous complete frame (the one being built is not visible until begin_frame() ends it).
    const std::vector<Item>& last_frame() const { return done_; }

    // The last frame as JSON, with coordinates divided by `pixels_per_css_pixel` and offset by the
    // canvas's position in the page, so automation can click where a person would.
    nlohmann::json to_json(float pixels_per_css_pixel, float offset_x, float offset_y) const;

private:
    std::vector<Item> building_;
    std::vector<Item> done_;
    std::map<std::uint32_t, std::string> early_labels_;
};

}  // namespace tb::frame
