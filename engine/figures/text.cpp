#include "figures/text.h"

namespace xdd::figures {
namespace {

void select_font(cairo_t* cr, const TextStyle& style) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, style.size);
}

}  // namespace

double text_width(cairo_t* cr, const std::string& text, const TextStyle& style) {
  select_font(cr, style);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  return ext.x_advance;
}

void draw_text(cairo_t* cr, double x, double y, const std::string& text, const TextStyle& style,
               HAlign h, VAlign v, double angle) {
  if (text.empty()) return;
  select_font(cr, style);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  cairo_font_extents_t font;
  cairo_font_extents(cr, &font);
  double dx = 0, dy = 0;
  if (h == HAlign::centre) dx = -ext.x_advance / 2;
  if (h == HAlign::right) dx = -ext.x_advance;
  // Anchor on the font's ascent and descent, not the glyphs' ink, so labels on one line align.
  if (v == VAlign::top) dy = font.ascent;
  if (v == VAlign::middle) dy = (font.ascent - font.descent) / 2;
  if (v == VAlign::bottom) dy = -font.descent;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, angle);
  set_colour(cr, style.colour);
  cairo_move_to(cr, dx, dy);
  cairo_show_text(cr, text.c_str());
  cairo_new_path(cr);
  cairo_restore(cr);
}

}  // namespace xdd::figures
