#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace tb::platform {

// Where and how the map's points are drawn this time, in the framebuffer's pixels (origin bottom left,
// as WebGL counts them).
struct PointFrame {
    int x = 0, y = 0, width = 0, height = 0;                   // the canvas
    int clip_x = 0, clip_y = 0, clip_width = 0, clip_height = 0;  // what of it may be drawn on
    float scale_x = 1, scale_y = 1, offset_x = 0, offset_y = 0;  // layout units to the canvas's clip space
    float radius_px = 3;
};

// Draws up to millions of points with the map's shaders (shaders/map_points.*), all in one instanced
// draw call: each point is a place (two floats) and a style byte (core/map/point_styles.h), held in two
// textures a row of 4,096 points each, and each instance draws a batch of points (the vertex shader says
// why not one).
class PointRenderer {
public:
    PointRenderer() = default;
    PointRenderer(const PointRenderer&) = delete;
    PointRenderer& operator=(const PointRenderer&) = delete;
    ~PointRenderer();

    // Compiles and links the shaders, once; false, with the browser's reason in error(), when WebGL2
    // refuses them.
    bool start();
    bool ready() const { return program_ != 0; }
    const std::string& error() const { return error_; }

    // The points' places, n × 2 floats; the styles are set again by set_styles (same n).
    void set_places(std::span<const float> xy);
    void set_styles(std::span<const std::uint8_t> styles);
    // 32 colours, premultiplied later: r, g, b, a each.
    void set_palette(std::span<const float, 128> rgba);
    std::size_t points() const { return points_; }

    // Draws every point. Leaves the program, the vertex array, the viewport, the scissor and the blend
    // function changed: the caller restores its own (ImGui's backend does, after a draw callback).
    void draw(const PointFrame& frame) const;

private:
    // Uploads n texels of `data` to `texture`, growing it to hold them.
    void upload(unsigned texture, std::size_t& rows, std::size_t n, int internal_format, unsigned format,
                unsigned type, std::size_t texel_bytes, const void* data);

    unsigned program_ = 0, vertex_array_ = 0, places_ = 0, styles_ = 0;
    int scale_at_ = -1, offset_at_ = -1, canvas_at_ = -1, radius_at_ = -1, palette_at_ = -1, batch_at_ = -1,
        count_at_ = -1;
    std::size_t points_ = 0, styled_ = 0, place_rows_ = 0, style_rows_ = 0;
    float palette_[128] = {};
    std::string error_;
};

}  // namespace tb::platform
