#version 300 es
// The map's points, drawn as quads around the rows' places, sized in pixels so a point stays readable at
// any zoom. The places and styles are read from textures (one texel a row), and one instance draws a batch
// of u_batch points: software rasterisers (SwiftShader, which headless browsers and machines without a GPU
// use) set up every instance as a draw of its own, about 20 µs each, so an instance a point made a million
// points take 20 s a frame, while a batch costs the same as its vertices.
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp usampler2D;

uniform sampler2D u_places;   // RG32F: the row's place on the map, in layout units
uniform usampler2D u_styles;  // R8UI: colour index | role << 5 | selected << 7
uniform int u_width_log2;     // the textures' width is 1 << u_width_log2 texels
uniform int u_batch;          // points an instance draws
uniform int u_count;          // points in all; the last batch's extra vertices are dropped
uniform vec2 u_scale;         // layout units to the canvas's clip space
uniform vec2 u_offset;
uniform vec2 u_canvas_px;     // the canvas's size in framebuffer pixels
uniform float u_radius_px;    // a training row's radius in framebuffer pixels
uniform vec4 u_palette[32];   // by colour index; 31 is "no colour" (unanswered, a class past the palette)

out vec2 v_corner;            // where in the quad this fragment is, -1..1 on each axis
out vec4 v_colour;
out float v_edge;             // the quad's half-size in pixels: how wide one pixel of it is
flat out uint v_role;
flat out uint v_selected;

// Two triangles a quad, six vertices a point.
const vec2 kCorners[6] = vec2[6](vec2(-1, -1), vec2(1, -1), vec2(-1, 1), vec2(-1, 1), vec2(1, -1), vec2(1, 1));

void main() {
    int point = gl_InstanceID * u_batch + gl_VertexID / 6;
    if (point >= u_count) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume: nothing is drawn
        return;
    }
    ivec2 texel = ivec2(point & ((1 << u_width_log2) - 1), point >> u_width_log2);
    vec2 place = texelFetch(u_places, texel, 0).xy;
    uint style = texelFetch(u_styles, texel, 0).r;
    vec2 corner = kCorners[gl_VertexID % 6];
    uint role = (style >> 5u) & 3u;
    uint selected = (style >> 7u) & 1u;
    // Rows outside the split are the many: smaller, so the split's rows stand out on them.
    float radius = u_radius_px * (role == 0u ? 0.7 : 1.0) + (selected == 1u ? 2.0 : 0.0);
    vec2 centre = place * u_scale + u_offset;
    gl_Position = vec4(centre + corner * (radius + 1.0) * 2.0 / u_canvas_px, 0.0, 1.0);
    v_corner = corner * (radius + 1.0) / radius;
    v_colour = u_palette[style & 31u];
    v_edge = radius;
    v_role = role;
    v_selected = selected;
}
