#include "platform/point_renderer.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstring>

namespace tb::platform {

// Compiled in from shaders/ (cmake/web.cmake): the page works offline and never fetches them.
extern const char* const kMapPointsVertexShader;
extern const char* const kMapPointsFragmentShader;

namespace {

std::string shader_log(unsigned shader) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    log.resize(std::strlen(log.c_str()));
    return log;
}

unsigned compile(GLenum kind, const char* source, const char* name, std::string& error) {
    const unsigned shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return shader;
    error = std::string("WebGL2 refused the map's ") + name + " shader: " + shader_log(shader);
    glDeleteShader(shader);
    return 0;
}

}  // namespace

PointRenderer::~PointRenderer() {
    if (!program_) return;
    glDeleteProgram(program_);
    const GLuint buffers[] = {corners_, places_, styles_};
    glDeleteBuffers(3, buffers);
    glDeleteVertexArrays(1, &vertex_array_);
}

bool PointRenderer::start() {
    if (program_ || !error_.empty()) return program_ != 0;
    const unsigned vertex = compile(GL_VERTEX_SHADER, kMapPointsVertexShader, "vertex", error_);
    if (!vertex) return false;
    const unsigned fragment = compile(GL_FRAGMENT_SHADER, kMapPointsFragmentShader, "fragment", error_);
    if (!fragment) {
        glDeleteShader(vertex);
        return false;
    }
    const unsigned program = glCreateProgram();
    glAttachShader(program, vertex);
    glAttachShader(program, fragment);
    glLinkProgram(program);
    glDeleteShader(vertex);  // kept alive by the program while it is attached
    glDeleteShader(fragment);
    GLint linked = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &linked);
    if (!linked) {
        GLint length = 0;
        glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
        glGetProgramInfoLog(program, length, nullptr, log.data());
        log.resize(std::strlen(log.c_str()));
        error_ = "WebGL2 could not link the map's shaders: " + log;
        glDeleteProgram(program);
        return false;
    }
    program_ = program;
    scale_at_ = glGetUniformLocation(program_, "u_scale");
    offset_at_ = glGetUniformLocation(program_, "u_offset");
    canvas_at_ = glGetUniformLocation(program_, "u_canvas_px");
    radius_at_ = glGetUniformLocation(program_, "u_radius_px");
    palette_at_ = glGetUniformLocation(program_, "u_palette");

    // ImGui's backend binds its own vertex array for its lists, so ours keeps its attribute set-up.
    glGenVertexArrays(1, &vertex_array_);
    glBindVertexArray(vertex_array_);
    const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glGenBuffers(1, &corners_);
    glBindBuffer(GL_ARRAY_BUFFER, corners_);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glGenBuffers(1, &places_);
    glBindBuffer(GL_ARRAY_BUFFER, places_);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glVertexAttribDivisor(1, 1);
    glGenBuffers(1, &styles_);
    glBindBuffer(GL_ARRAY_BUFFER, styles_);
    glEnableVertexAttribArray(2);
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_BYTE, 0, nullptr);
    glVertexAttribDivisor(2, 1);
    glBindVertexArray(0);
    return true;
}

void PointRenderer::set_places(std::span<const float> xy) {
    if (!program_) return;
    glBindBuffer(GL_ARRAY_BUFFER, places_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(xy.size_bytes()), xy.data(), GL_DYNAMIC_DRAW);
    points_ = xy.size() / 2;
}

void PointRenderer::set_styles(std::span<const std::uint8_t> styles) {
    if (!program_) return;
    glBindBuffer(GL_ARRAY_BUFFER, styles_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(styles.size()), styles.data(), GL_DYNAMIC_DRAW);
    styled_ = styles.size();
}

void PointRenderer::set_palette(std::span<const float, 128> rgba) { std::copy(rgba.begin(), rgba.end(), palette_); }

void PointRenderer::draw(const PointFrame& frame) const {
    const std::size_t count = std::min(points_, styled_);
    if (!program_ || count == 0 || frame.clip_width <= 0 || frame.clip_height <= 0) return;
    glUseProgram(program_);
    glUniform2f(scale_at_, frame.scale_x, frame.scale_y);
    glUniform2f(offset_at_, frame.offset_x, frame.offset_y);
    glUniform2f(canvas_at_, static_cast<float>(frame.width), static_cast<float>(frame.height));
    glUniform1f(radius_at_, frame.radius_px);
    glUniform4fv(palette_at_, 32, palette_);
    glViewport(frame.x, frame.y, frame.width, frame.height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(frame.clip_x, frame.clip_y, frame.clip_width, frame.clip_height);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vertex_array_);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(count));
    glBindVertexArray(0);
}

}  // namespace tb::platform
