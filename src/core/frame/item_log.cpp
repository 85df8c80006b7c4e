#include "core/frame/item_log.h"

namespace tb::frame {

std::string_view visible_label(std::string_view label) {
    const auto hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

void ItemLog::begin_frame() {
    done_.swap(building_);
    building_.clear();
    early_labels_.clear();
}

void ItemLog::add(std::uint32_t id, float x0, float y0, float x1, float y1, std::optional<Placement> placement) {
    std::string label;
    bool named = false;
    if (const auto early = early_labels_.find(id); early != early_labels_.end()) {
        label = std::move(early->second);
        named = true;
        early_labels_.erase(early);
    }
    building_.push_back(Item{std::move(label), id, x0, y0, x1 - x0, y1 - y0, placement, named});
}

void ItemLog::set_label(std::uint32_t id, std::string_view label) {
    for (auto it = building_.rbegin(); it != building_.rend(); ++it) {
        if (it->id == id) {
            it->label = std::string(visible_label(label));
            it->named = true;
            return;
        }
    }
    // Tab items name themselves before they report their rectangle.
    early_labels_[id] = std::string(visible_label(label));
}

nlohmann::json ItemLog::to_json(float pixels_per_css_pixel, float offset_x, float offset_y) const {
    const float scale = pixels_per_css_pixel > 0 ? 1.0f / pixels_per_css_pixel : 1.0f;
    auto items = nlohmann::json::array();
    for (const Item& item : done_) {
        nlohmann::json entry = {{"label", item.label},
                                {"id", item.id},
                                {"x", item.x * scale + offset_x},
                                {"y", item.y * scale + offset_y},
                                {"w", item.w * scale},
                                {"h", item.h * scale}};
        if (item.placement) {
            const ClipRect& c = item.placement->clip;
            entry["clip"] = {{"x", c.x0 * scale + offset_x},
                             {"y", c.y0 * scale + offset_y},
                             {"w", (c.x1 - c.x0) * scale},
                             {"h", (c.y1 - c.y0) * scale}};
            entry["root"] = item.placement->root;
            entry["window"] = item.placement->window;
            entry["named"] = item.named;
        }
        items.push_back(std::move(entry));
    }
    return items;
}

}  // namespace tb::frame
