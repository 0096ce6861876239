// Figures: the SVG is well-formed XML with one bar per digit per series at the right heights,
// error bars of the Student-t half-width, PDF and PNG files that open at the asked size, and
// failed writes that leave no file.
#include <gtest/gtest.h>

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "figures/axes.h"
#include "figures/figure1.h"
#include "figures/infoplane_figure.h"
#include "figures/loss_figure.h"
#include "figures/mean_interval.h"
#include "figures/palette.h"
#include "figures/tsne_figure.h"
#include "svg_check.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace xdd::figures;
using xdd::test::XmlElement;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string attr(const XmlElement& e, const std::string& name) {
  auto it = e.attrs.find(name);
  return it == e.attrs.end() ? std::string() : it->second;
}
std::string style_of(const XmlElement& e) {
  return attr(e, "style");
}

// The numbers in a path's d attribute, in order.
std::vector<double> path_numbers(const std::string& d) {
  std::vector<double> out;
  std::istringstream in(d);
  std::string tok;
  while (in >> tok) {
    if (std::isdigit(static_cast<unsigned char>(tok[0])) || tok[0] == '-' || tok[0] == '.') {
      out.push_back(std::stod(tok));
    }
  }
  return out;
}

// Whether `style` has `prop:rgb(r%,g%,b%)` equal to colour c.
bool has_colour(const std::string& style, const std::string& prop, const Rgb& c) {
  const std::string key = prop + ":rgb(";
  const size_t at = style.find(key);
  if (at == std::string::npos) return false;
  double r, g, b;
  if (std::sscanf(style.c_str() + at + key.size(), "%lf%%,%lf%%,%lf%%", &r, &g, &b) != 3) {
    return false;
  }
  return std::abs(r / 100 - c.r) < 1e-4 && std::abs(g / 100 - c.g) < 1e-4 &&
         std::abs(b / 100 - c.b) < 1e-4;
}

struct Box {
  double x0, x1, y0, y1;
};

// Filled axis-aligned rectangles of colour c.
std::vector<Box> filled_boxes(const std::vector<XmlElement>& els, const Rgb& c) {
  std::vector<Box> out;
  for (const auto& e : els) {
    if (e.name != "path" || !has_colour(style_of(e), "fill", c)) continue;
    const auto n = path_numbers(attr(e, "d"));
    if (n.size() < 8) continue;
    out.push_back(
        {std::min(n[0], n[2]), std::max(n[0], n[2]), std::min(n[1], n[5]), std::max(n[1], n[5])});
  }
  return out;
}

std::vector<XmlElement> parse_svg(const std::string& svg) {
  std::vector<XmlElement> els;
  const std::string problem = xdd::test::check_xml(svg, &els);
  EXPECT_EQ(problem, "");
  return els;
}

Figure1Data ten_digit_data() {
  Figure1Data d;
  Figure1Series a{"after pre-training", {}}, b{"after XDD", {}}, c{"after softmax", {}};
  for (int i = 0; i < 10; ++i) {
    d.digits.push_back(i);
    a.values.push_back({0.1 + 0.05 * i});
    b.values.push_back(i == 4 ? std::vector<double>{} : std::vector<double>{0.5, 0.6, 0.7});
    c.values.push_back({0.3, std::nan("")});  // a failed repetition is skipped
    d.chance.push_back(0.1);
  }
  d.series = {a, b, c};
  return d;
}

}  // namespace

TEST(MeanInterval, StudentTHalfWidth) {
  const MeanInterval m = mean_interval95({0.5, 0.6, 0.7});
  EXPECT_EQ(m.n, 3u);
  EXPECT_NEAR(m.mean, 0.6, 1e-12);
  EXPECT_NEAR(m.high - m.mean, 0.24841377118437521, 1e-6);  // scipy: t.ppf(.975, 2) * s / sqrt(3)
  const MeanInterval five = mean_interval95({0.31, 0.35, 0.29, 0.40, 0.33, std::nan("")});
  EXPECT_EQ(five.n, 5u);
  EXPECT_NEAR(five.mean, 0.336, 1e-12);
  EXPECT_NEAR(five.mean - five.low, 0.0523858614732539, 1e-6);
  const MeanInterval one = mean_interval95({0.4});
  EXPECT_EQ(one.low, one.high);
  EXPECT_TRUE(std::isnan(mean_interval95({}).mean));
  EXPECT_NEAR(student_t975(1), 12.706205, 1e-6);
  EXPECT_NEAR(student_t975(40), 2.0210753829953374, 2e-6);
  EXPECT_THROW(student_t975(0), xdd::InvalidArgument);
}

TEST(FigureAxes, NiceRangesAndTicks) {
  const Scale lin = Scale::nice(0.13, 0.87);  // span 0.74 -> step 0.1 (about five ticks)
  EXPECT_NEAR(lin.lo(), 0.1, 1e-12);
  EXPECT_NEAR(lin.hi(), 0.9, 1e-12);
  ASSERT_EQ(lin.ticks().size(), 9u);
  EXPECT_EQ(lin.tick_label(lin.ticks()[2]), "0.3");
  const Scale wide = Scale::nice(-3, 1240);
  EXPECT_DOUBLE_EQ(wide.lo(), -200);
  EXPECT_DOUBLE_EQ(wide.hi(), 1400);
  const Scale log = Scale::nice(0.05, 30, true);
  EXPECT_DOUBLE_EQ(log.lo(), 0.01);
  EXPECT_DOUBLE_EQ(log.hi(), 100);
  EXPECT_EQ(log.ticks().size(), 5u);
  EXPECT_NEAR(log.map(1, 0, 100), 50, 1e-9);  // 1 is the middle decade of 0.01..100
  EXPECT_FALSE(log.drawable(0));
}

TEST(Figure1, SvgHasOneBarPerDigitPerSeriesAtTheRightHeight) {
  xdd::test::ScratchDir dir;
  const Figure1Data data = ten_digit_data();
  write_figure1(dir.path() / "fig1.svg", data, FigureOutput{});
  const auto els = parse_svg(read_file(dir.path() / "fig1.svg"));
  ASSERT_EQ(els.front().name, "svg");

  const size_t expected_bars[3] = {10, 9, 10};  // series 2 has no values for digit 4
  double unit = 0, baseline = 0;                // pixels per AUPRC unit, y of AUPRC 0
  for (int s = 0; s < 3; ++s) {
    auto boxes = filled_boxes(els, cycle_colour(s));
    // Bars share the baseline (the largest y1); the one other box is the legend swatch. Cairo's
    // SVG coordinates are fixed point (1/256 pt), hence the tolerances.
    double bottom = 0;
    for (const auto& b : boxes) bottom = std::max(bottom, b.y1);
    std::vector<Box> bars;
    for (const auto& b : boxes) {
      if (std::abs(b.y1 - bottom) < 0.01) bars.push_back(b);
    }
    EXPECT_EQ(bars.size(), expected_bars[s]) << "series " << s;
    EXPECT_EQ(boxes.size(), expected_bars[s] + 1) << "series " << s;
    if (s == 0) {
      ASSERT_EQ(bars.size(), 10u);
      std::sort(bars.begin(), bars.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
      unit = (bars[9].y1 - bars[9].y0) / 0.55;
      baseline = bottom;
      for (int i = 0; i < 10; ++i) {
        EXPECT_NEAR((bars[i].y1 - bars[i].y0) / unit, 0.1 + 0.05 * i, 2e-4) << "digit " << i;
      }
    }
    if (s == 1) {
      for (const auto& b : bars) EXPECT_NEAR((b.y1 - b.y0) / unit, 0.6, 2e-4);
    }
  }
  // Error bars (series 1 only: three repetitions) span mean +- the t half-width.
  int error_bars = 0, chance_lines = 0;
  for (const auto& e : els) {
    if (e.name != "path") continue;
    const std::string& style = style_of(e);
    if (!has_colour(style, "stroke", black())) continue;
    if (style.find("stroke-dasharray") != std::string::npos) {
      const auto n = path_numbers(attr(e, "d"));
      if (std::abs((baseline - n[1]) / unit - 0.1) < 2e-4) ++chance_lines;
      continue;
    }
    const auto n = path_numbers(attr(e, "d"));
    if (n.size() != 12 || std::abs(n[0] - n[2]) > 1e-6) continue;  // stem + two caps
    ++error_bars;
    EXPECT_NEAR(std::abs(n[3] - n[1]) / unit, 2 * 0.24841377118437521, 1e-3);
    EXPECT_NEAR((baseline - (n[1] + n[3]) / 2) / unit, 0.6, 1e-3);
  }
  EXPECT_EQ(error_bars, 9);
  EXPECT_EQ(chance_lines, 10);  // one dashed chance line per digit at AUPRC 0.1
}

TEST(Figure1, PdfAndPngOpenAtTheAskedSize) {
  xdd::test::ScratchDir dir;
  FigureOutput pdf;
  pdf.format = FigureFormat::pdf;
  write_figure1(dir.path() / "fig1.pdf", ten_digit_data(), pdf);
  const std::string bytes = read_file(dir.path() / "fig1.pdf");
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  EXPECT_GT(bytes.size(), 3000u);
  EXPECT_NE(bytes.find("%%EOF"), std::string::npos);

  for (double dpi : {100.0, 300.0}) {
    FigureOutput png;
    png.format = FigureFormat::png;
    png.width_pt = 360;  // 5 in x 3 in
    png.height_pt = 216;
    png.dpi = dpi;
    const fs::path file = dir.path() / ("fig1-" + std::to_string(int(dpi)) + ".png");
    write_figure1(file, ten_digit_data(), png);
    cairo_surface_t* img = cairo_image_surface_create_from_png(file.c_str());
    ASSERT_EQ(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(img), static_cast<int>(5 * dpi));
    EXPECT_EQ(cairo_image_surface_get_height(img), static_cast<int>(3 * dpi));
    // The orange bars are there: count pixels of the "after XDD" colour.
    cairo_surface_flush(img);
    const unsigned char* px = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    long orange = 0;
    for (int y = 0; y < cairo_image_surface_get_height(img); ++y) {
      for (int x = 0; x < cairo_image_surface_get_width(img); ++x) {
        const unsigned char* p = px + y * stride + 4 * x;  // BGRA on little-endian
        if (p[2] == 0xff && p[1] == 0x7f && p[0] == 0x0e) ++orange;
      }
    }
    EXPECT_GT(orange, static_cast<long>(dpi * dpi * 0.05));
    cairo_surface_destroy(img);
  }
}

TEST(Figure1, UnwritablePathGivesIoErrorAndNoFile) {
  xdd::test::ScratchDir dir;
  std::ofstream(dir.path() / "plain") << "x";
  EXPECT_THROW(write_figure1(dir.path() / "plain" / "fig.svg", ten_digit_data(), FigureOutput{}),
               xdd::IoError);
  fs::create_directory(dir.path() / "taken.svg");  // a folder where the file should go
  EXPECT_THROW(write_figure1(dir.path() / "taken.svg", ten_digit_data(), FigureOutput{}),
               xdd::IoError);
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 2u);  // no temp or partial file left beside them
  EXPECT_TRUE(fs::is_empty(dir.path() / "taken.svg"));
}

TEST(Figure1, BadInputIsRefusedBeforeWriting) {
  xdd::test::ScratchDir dir;
  Figure1Data d = ten_digit_data();
  d.series[1].values.pop_back();
  EXPECT_THROW(write_figure1(dir.path() / "f.svg", d, FigureOutput{}), xdd::InvalidArgument);
  FigureOutput png;
  png.format = FigureFormat::png;
  png.dpi = 5;
  EXPECT_THROW(write_figure1(dir.path() / "f.png", ten_digit_data(), png), xdd::InvalidArgument);
  EXPECT_FALSE(fs::exists(dir.path() / "f.svg"));
  EXPECT_FALSE(fs::exists(dir.path() / "f.png"));
  EXPECT_THROW(format_for_path("fig.jpeg"), xdd::InvalidArgument);
  EXPECT_EQ(format_for_path("fig.PDF"), FigureFormat::pdf);
}

TEST(TsneFigure, OneFillPerDigitPerPanelAndLabeledMarkers) {
  TsneFigureData d;
  d.heldout = 8;
  for (int i = 0; i < 300; ++i) {
    for (TsnePanel* p : {&d.before, &d.after}) {
      p->test.x.push_back(std::cos(i) * i);
      p->test.y.push_back(std::sin(i) * i);
      p->test.label.push_back(i % 10);
    }
  }
  for (int k = 0; k < 9; ++k) {
    d.after.labeled.x.push_back(k);
    d.after.labeled.y.push_back(-k);
    d.after.labeled.label.push_back(k < 8 ? k : 9);
  }
  const std::string svg = render_figure(
      FigureOutput{}, [&](cairo_t* cr, double w, double h) { draw_tsne_figure(cr, w, h, d); });
  const auto els = parse_svg(svg);
  for (int digit = 0; digit < 10; ++digit) {
    int fills = 0;
    for (const auto& e : els) {
      if (e.name == "path" && has_colour(style_of(e), "fill", cycle_colour(digit))) ++fills;
    }
    EXPECT_EQ(fills, 3) << "digit " << digit;  // before panel, after panel, legend
  }
  d.after.labeled.label.pop_back();
  EXPECT_THROW(render_figure(FigureOutput{}, [&](cairo_t* cr, double w,
                                                 double h) { draw_tsne_figure(cr, w, h, d); }),
               xdd::InvalidArgument);
}

TEST(LossFigure, OneLinePerTermAndRun) {
  LossFigureData d;
  for (std::string run : {"#1", "#2"}) {
    for (std::string term : {"compression", "relevance", "total"}) {
      LossSeries s{run, term, {0, 1, 2, 3}, {1.0, 0.5, std::nan(""), 0.25}};
      d.series.push_back(s);
    }
  }
  auto count_lines = [](const std::vector<XmlElement>& els, const Rgb& c) {
    int n = 0;
    for (const auto& e : els) {
      if (e.name == "path" && has_colour(style_of(e), "stroke", c) &&
          path_numbers(attr(e, "d")).size() == 6) {
        ++n;  // 3 drawn points: the NaN splits the curve into M L and M
      }
    }
    return n;
  };
  auto svg = [&](const LossFigureData& data) {
    return render_figure(
        FigureOutput{}, [&](cairo_t* cr, double w, double h) { draw_loss_figure(cr, w, h, data); });
  };
  // Compared runs: colour by run, so each run's colour carries its three terms.
  auto els = parse_svg(svg(d));
  EXPECT_EQ(count_lines(els, cycle_colour(0)), 3);
  EXPECT_EQ(count_lines(els, cycle_colour(1)), 3);
  // One run: colour by term.
  d.series.resize(3);
  d.log_y = true;
  els = parse_svg(svg(d));
  for (int t = 0; t < 3; ++t) EXPECT_EQ(count_lines(els, cycle_colour(t)), 1);
}

TEST(InfoPlaneFigure, WellFormedWithOneSegmentPerStep) {
  InfoPlaneFigureData d;
  for (double beta : {0.5, 2.0}) {
    InfoPlanePath p{"β=" + std::to_string(beta), {}, {}};
    for (int i = 0; i < 6; ++i) {
      p.ixz.push_back(4 - i * 0.2 * beta);
      p.izy.push_back(1 + i * 0.1 * beta);
    }
    d.paths.push_back(p);
  }
  const auto els = parse_svg(render_figure(FigureOutput{}, [&](cairo_t* cr, double w, double h) {
    draw_infoplane_figure(cr, w, h, d);
  }));
  int segments = 0;
  for (const auto& e : els) {
    const auto it = e.attrs.find("style");
    if (e.name == "path" && it != e.attrs.end() &&
        it->second.find("stroke-width:1.5") != std::string::npos &&
        it->second.find("stroke-linecap:round") != std::string::npos) {
      ++segments;
    }
  }
  EXPECT_EQ(segments, 2 * 5);
}
