#version 330 core
// A round point with an antialiased edge (coverage from the distance to the rim, one pixel wide)
// and an optional outline ring in u_outline_color (the highlighted digit, the selection).
in vec2 v_pixel;
in vec4 v_color;
in float v_radius;
in float v_outline;

uniform vec4 u_outline_color;

out vec4 frag_color;

void main() {
  float d = length(v_pixel);
  float coverage = clamp(v_radius + 0.5 - d, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  vec4 color = v_color;
  if (v_outline > 0.0) {
    float ring = clamp(d - (v_radius - v_outline) + 0.5, 0.0, 1.0);
    color = mix(color, u_outline_color, ring);
  }
  frag_color = vec4(color.rgb, color.a * coverage);
}
