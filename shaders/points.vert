#version 330 core
// Scatter points as instanced quads: one quad (two triangles of a unit square) per point, sized in
// pixels, so a point keeps its size while the view zooms. Data coordinates go to clip space with
// one scale and offset (the panel's pan and zoom).
layout(location = 0) in vec2 a_corner;    // quad corner, each coordinate -1 or +1
layout(location = 1) in vec2 a_position;  // point in data coordinates (per instance)
layout(location = 2) in vec4 a_color;     // fill colour (per instance, normalised bytes)
layout(location = 3) in vec2 a_shape;     // diameter in pixels, outline width in pixels (per instance)

uniform vec2 u_scale;     // clip = position * u_scale + u_offset
uniform vec2 u_offset;
uniform vec2 u_viewport;  // target size in pixels

out vec2 v_pixel;  // offset from the point's centre in pixels
out vec4 v_color;
out float v_radius;
out float v_outline;

void main() {
  v_radius = 0.5 * a_shape.x;
  v_outline = a_shape.y;
  v_color = a_color;
  float half_side = v_radius + 1.0;  // one pixel more for the antialiased edge
  v_pixel = a_corner * half_side;
  vec2 centre = a_position * u_scale + u_offset;
  gl_Position = vec4(centre + v_pixel * 2.0 / u_viewport, 0.0, 1.0);
}
