#include <emscripten/html5.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/app.h"
#include "platform/automation.h"
#include "platform/canvas.h"
#include "platform/clipboard.h"
#include "platform/file_source.h"
#include "platform/input_activity.h"
#include "platform/main_loop.h"

namespace {

tb::app::App* g_app = nullptr;

// One wheel step per 100 pixels, 3 lines or 1/80 page, as the ImGui backend counts them.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
    const float per_step = event->deltaMode == DOM_DELTA_PIXEL ? 100.0f : event->deltaMode == DOM_DELTA_LINE ? 3.0f : 1.0f / 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-event->deltaX) / per_step, static_cast<float>(-event->deltaY) / per_step);
    return EM_TRUE;  // the page itself does not scroll
}

const char* clipboard_text(void*) { return tb::platform::pasted_text().c_str(); }
void set_clipboard_text(void*, const char* text) { tb::platform::copy_text(text); }

}  // namespace

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    const tb::platform::CanvasSize size = tb::platform::fit_canvas_to_page();
    GLFWwindow* window = glfwCreateWindow(size.backing_width, size.backing_height, "Tuneboard", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing is written behind the user's back
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Frames stop when idle, so a blinking cursor would freeze half the time: keep it solid.
    io.ConfigInputTextCursorBlink = false;
    io.ConfigMacOSXBehaviors = tb::platform::is_mac();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    // The backend listens for the wheel on the document and cancels it; Chromium treats wheel listeners
    // there as passive, ignores the cancel and logs a console error on every turn. The canvas is the
    // right target anyway.
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    io.GetClipboardTextFn = clipboard_text;
    io.SetClipboardTextFn = set_clipboard_text;

    static tb::app::App app(window);
    g_app = &app;
    tb::platform::install_clipboard();
    tb::platform::on_input_activity([] { g_app->input_arrived(); });
    tb::platform::on_canvas_resize([] { g_app->canvas_changed(); });
    tb::platform::install_automation({
        [] { return g_app->state_json(); },
        [] { return g_app->items_json(); },
        [] { return g_app->frames(); },
        [](const std::string& text, const std::string& encoding, auto done) {
            g_app->count_tokens(text, encoding, std::move(done));
        },
    });
    tb::platform::on_file_opened([](const tb::platform::FileInfo& file) { g_app->file_opened(file); });
    app.start();
    tb::platform::run_main_loop([] { g_app->frame(); });
    return 0;
}
