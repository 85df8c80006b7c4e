#include "app/image_export.h"

#include <GLES3/gl3.h>
#include <imgui_impl_opengl3.h>

#include "core/plot/png.h"

namespace tb::app {

std::vector<std::uint8_t> render_png(const ui::PlotImage& image, ImVec4 background) {
    const auto width = static_cast<GLsizei>(image.size().width), height = static_cast<GLsizei>(image.size().height);
    if (width <= 0 || height <= 0) return {};
    GLuint framebuffer = 0, colour = 0;
    glGenFramebuffers(1, &framebuffer);
    glGenRenderbuffers(1, &colour);
    glBindRenderbuffer(GL_RENDERBUFFER, colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    std::vector<std::uint8_t> png;
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
        glViewport(0, 0, width, height);
        glClearColor(background.x, background.y, background.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImDrawData data;
        data.Valid = true;
        data.DisplayPos = ImVec2(0, 0);
        data.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        data.FramebufferScale = ImVec2(1, 1);
        for (ImDrawList* list : image.lists()) data.AddDrawList(list);
        ImGui_ImplOpenGL3_RenderDrawData(&data);
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
        glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        // GL counts rows from the bottom.
        png = plot::encode_png(pixels, image.size().width, image.size().height, plot::RowOrder::bottom_up);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteRenderbuffers(1, &colour);
    glDeleteFramebuffers(1, &framebuffer);
    return png;
}

}  // namespace tb::app
