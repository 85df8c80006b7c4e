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

// The textures are 4,096 texels wide (a texel a point): within every WebGL2's size limit up to 16 M points.
constexpr int kWidthLog2 = 12;
constexpr std::size_t kWidth = std::size_t{1} << kWidthLog2;
// Points an instance draws: enough that the instances' own cost vanishes, few enough that a small map
// does not run the vertex shader for many dropped points.
constexpr std::size_t kBatch = 16384;
// Texture units 1 and 2: ImGui's backend binds its font and images on unit 0.
constexpr int kPlacesUnit = 1, kStylesUnit = 2;

PointRenderer::~PointRenderer() {
    if (!program_) return;
    glDeleteProgram(program_);
    const GLuint textures[] = {places_, styles_};
    glDeleteTextures(2, textures);
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
    batch_at_ = glGetUniformLocation(program_, "u_batch");
    count_at_ = glGetUniformLocation(program_, "u_count");
    glUseProgram(program_);
    glUniform1i(glGetUniformLocation(program_, "u_places"), kPlacesUnit);
    glUniform1i(glGetUniformLocation(program_, "u_styles"), kStylesUnit);
    glUniform1i(glGetUniformLocation(program_, "u_width_log2"), kWidthLog2);
    glUseProgram(0);

    // The shader reads no attribute, but WebGL draws need a vertex array bound.
    glGenVertexArrays(1, &vertex_array_);
    GLuint textures[2];
    glGenTextures(2, textures);
    places_ = textures[0];
    styles_ = textures[1];
    for (const GLuint texture : textures) {
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);  // float and integer
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);  // textures cannot filter
    }
    glBindTexture(GL_TEXTURE_2D, 0);
    return true;
}

void PointRenderer::upload(unsigned texture, std::size_t& rows, std::size_t n, int internal_format,
                           unsigned format, unsigned type, std::size_t texel_bytes, const void* data) {
    glBindTexture(GL_TEXTURE_2D, texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    const std::size_t needed = std::max<std::size_t>(1, (n + kWidth - 1) / kWidth);
    if (needed > rows) {
        glTexImage2D(GL_TEXTURE_2D, 0, internal_format, kWidth, static_cast<GLsizei>(needed), 0, format, type,
                     nullptr);
        rows = needed;
    }
    // Whole rows first, then what is left in a row of its own: the caller's array needs no padding.
    const std::size_t whole = n / kWidth, rest = n % kWidth;
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    if (whole > 0)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kWidth, static_cast<GLsizei>(whole), format, type, bytes);
    if (rest > 0)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, static_cast<GLint>(whole), static_cast<GLsizei>(rest), 1, format,
                        type, bytes + whole * kWidth * texel_bytes);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void PointRenderer::set_places(std::span<const float> xy) {
    if (!program_) return;
    points_ = xy.size() / 2;
    upload(places_, place_rows_, points_, GL_RG32F, GL_RG, GL_FLOAT, 2 * sizeof(float), xy.data());
}

void PointRenderer::set_styles(std::span<const std::uint8_t> styles) {
    if (!program_) return;
    styled_ = styles.size();
    upload(styles_, style_rows_, styled_, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, styles.data());
}

void PointRenderer::set_palette(std::span<const float, 128> rgba) { std::copy(rgba.begin(), rgba.end(), palette_); }

void PointRenderer::draw(const PointFrame& frame) const {
    const std::size_t count = std::min(points_, styled_);
    if (!program_ || count == 0 || frame.clip_width <= 0 || frame.clip_height <= 0) return;
    const std::size_t batch = std::min(count, kBatch);
    glUseProgram(program_);
    glUniform2f(scale_at_, frame.scale_x, frame.scale_y);
    glUniform2f(offset_at_, frame.offset_x, frame.offset_y);
    glUniform2f(canvas_at_, static_cast<float>(frame.width), static_cast<float>(frame.height));
    glUniform1f(radius_at_, frame.radius_px);
    glUniform4fv(palette_at_, 32, palette_);
    glUniform1i(batch_at_, static_cast<GLint>(batch));
    glUniform1i(count_at_, static_cast<GLint>(count));
    glActiveTexture(GL_TEXTURE0 + kPlacesUnit);
    glBindTexture(GL_TEXTURE_2D, places_);
    glActiveTexture(GL_TEXTURE0 + kStylesUnit);
    glBindTexture(GL_TEXTURE_2D, styles_);
    glActiveTexture(GL_TEXTURE0);  // ImGui's backend binds on the active unit and does not set it again
    glViewport(frame.x, frame.y, frame.width, frame.height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(frame.clip_x, frame.clip_y, frame.clip_width, frame.clip_height);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vertex_array_);
    glDrawArraysInstanced(GL_TRIANGLES, 0, static_cast<GLsizei>(6 * batch),
                          static_cast<GLsizei>((count + batch - 1) / batch));
    glBindVertexArray(0);
}

}  // namespace tb::platform
