// Dear ImGui calls these when built with IMGUI_ENABLE_TEST_ENGINE; implementing them ourselves gives
// automation every widget's label and rectangle without the separately licensed test engine.
#include "ui/item_hooks.h"

#include <imgui.h>
#include <imgui_internal.h>

namespace tb::ui {
namespace {
frame::ItemLog* g_log = nullptr;

// Where the current window lets an item draw, which window it belongs to, and whether `id` is a window
// itself (Begin reports each window as an item, before any of its widgets).
frame::Placement placement_of(ImGuiContext& context, ImGuiID id) {
    frame::Placement placement;
    if (ImGuiWindow* window = context.CurrentWindow) {
        const ImRect& clip = window->ClipRect;
        placement.clip = {clip.Min.x, clip.Min.y, clip.Max.x, clip.Max.y};
        placement.root = window->RootWindow ? window->RootWindow->ID : window->ID;
    }
    placement.window = ImGui::FindWindowByID(id) != nullptr;
    return placement;
}
}

void record_items_into(frame::ItemLog* log) {
    g_log = log;
    if (ImGuiContext* context = ImGui::GetCurrentContext()) context->TestEngineHookItems = log != nullptr;
}

void record_last_item(std::string_view label) {
    if (!g_log) return;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImGuiID id = ImGui::GetID(label.data(), label.data() + label.size());
    g_log->add(id, min.x, min.y, max.x, max.y, placement_of(*ImGui::GetCurrentContext(), id));
    g_log->set_label(id, label);
}

}  // namespace tb::ui

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* context, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
    if (tb::ui::g_log) {
        tb::ui::g_log->add(id, bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y, tb::ui::placement_of(*context, id));
    }
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    if (tb::ui::g_log && label) tb::ui::g_log->set_label(id, label);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
