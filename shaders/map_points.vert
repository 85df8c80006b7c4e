#version 300 es
// The map's points: one instance per row, drawn as a quad around the row's place, sized in pixels so a
// point stays readable at any zoom.
precision highp float;
precision highp int;

layout(location = 0) in vec2 a_corner;    // the quad's corner, each coordinate -1 or 1
layout(location = 1) in vec2 a_place;     // the row's place on the map, in layout units (per instance)
layout(location = 2) in uint a_style;     // colour index | role << 5 | selected << 7 (per instance)

uniform vec2 u_scale;        // layout units to the canvas's clip space
uniform vec2 u_offset;
uniform vec2 u_canvas_px;    // the canvas's size in framebuffer pixels
uniform float u_radius_px;   // a training row's radius in framebuffer pixels
uniform vec4 u_palette[32];  // by colour index; 31 is "no colour" (unanswered, a class past the palette)

out vec2 v_corner;           // where in the quad this fragment is, -1..1 on each axis
out vec4 v_colour;
out float v_edge;            // the quad's half-size in pixels: how wide one pixel of it is
flat out uint v_role;
flat out uint v_selected;

void main() {
    uint role = (a_style >> 5u) & 3u;
    uint selected = (a_style >> 7u) & 1u;
    // Rows outside the split are the many: smaller, so the split's rows stand out on them.
    float radius = u_radius_px * (role == 0u ? 0.7 : 1.0) + (selected == 1u ? 2.0 : 0.0);
    vec2 centre = a_place * u_scale + u_offset;
    gl_Position = vec4(centre + a_corner * (radius + 1.0) * 2.0 / u_canvas_px, 0.0, 1.0);
    v_corner = a_corner * (radius + 1.0) / radius;
    v_colour = u_palette[a_style & 31u];
    v_edge = radius;
    v_role = role;
    v_selected = selected;
}
