#version 300 es
// A point's shape says which part of the split its row is in, its colour the chosen colouring: training
// rows are discs, validation rows rings, test rows squares, the file's other rows small faded discs. A
// selected row gets a white rim. Edges are smoothed over one pixel.
precision highp float;
precision highp int;

in vec2 v_corner;
in vec4 v_colour;
in float v_edge;
flat in uint v_role;
flat in uint v_selected;

out vec4 o_colour;

void main() {
    float pixel = 1.0 / v_edge;
    // Distance from the centre in the shape's own metric: a square's is the larger coordinate.
    float d = v_role == 3u ? max(abs(v_corner.x), abs(v_corner.y)) : length(v_corner);
    float inside = 1.0 - smoothstep(1.0 - pixel, 1.0, d);
    if (inside <= 0.0) discard;
    vec4 colour = v_colour;
    if (v_role == 2u) {
        // A ring: the disc with its middle cut out, two pixels or a third of its radius thick.
        float thickness = max(2.0 * pixel, 0.33);
        colour.a *= smoothstep(1.0 - thickness - pixel, 1.0 - thickness, d);
    } else if (v_role == 0u) {
        colour.a *= 0.55;
    }
    if (v_selected == 1u) {
        float rim = smoothstep(1.0 - 2.5 * pixel, 1.0 - 1.5 * pixel, d);
        colour = mix(colour, vec4(1.0), rim);
        colour.a = max(colour.a, rim);
    }
    colour.a *= inside;
    // Premultiplied, blended with ONE, ONE_MINUS_SRC_ALPHA.
    o_colour = vec4(colour.rgb * colour.a, colour.a);
}
