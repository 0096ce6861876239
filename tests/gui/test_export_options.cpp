// The Export dialog's checks: each problem is named before anything is written.
#include <gtest/gtest.h>

#include <fstream>

#include "logic/export_options.h"
#include "test_support.h"

using namespace xdd::gui;
using xdd::figures::FigureFormat;

namespace {

ExportRequest figure(const std::string& path, FigureFormat format) {
  ExportRequest r;
  r.kind = ExportKind::kInfoPlane;
  r.output = default_output(r.kind);
  r.output.format = format;
  r.path = path;
  return r;
}

bool mentions(const std::string& problem, const std::string& word) {
  return problem.find(word) != std::string::npos;
}

}  // namespace

TEST(ExportOptions, AGoodRequestHasNoProblem) {
  xdd::test::ScratchDir dir;
  EXPECT_EQ(export_problem(figure((dir.path() / "plane.svg").string(), FigureFormat::svg)), "");
  ExportRequest png = figure((dir.path() / "plane.PNG").string(), FigureFormat::png);
  png.output.dpi = 300;
  EXPECT_EQ(export_problem(png), "");
  ExportRequest csv;
  csv.kind = ExportKind::kScoresCsv;
  csv.path = (dir.path() / "scores.csv").string();
  EXPECT_EQ(export_problem(csv), "");
}

TEST(ExportOptions, EachProblemIsNamed) {
  xdd::test::ScratchDir dir;
  const std::string folder = dir.path().string();
  EXPECT_TRUE(mentions(export_problem(figure("", FigureFormat::svg)), "Choose a file"));
  EXPECT_TRUE(mentions(export_problem(figure(folder + "/missing/plane.svg", FigureFormat::svg)),
                       "does not exist"));
  std::ofstream(dir.path() / "file") << "x";
  EXPECT_TRUE(mentions(export_problem(figure(folder + "/file/plane.svg", FigureFormat::svg)),
                       "is not a folder"));
  std::filesystem::create_directory(dir.path() / "sub.svg");
  EXPECT_TRUE(
      mentions(export_problem(figure(folder + "/sub.svg", FigureFormat::svg)), "is a folder"));
  EXPECT_TRUE(mentions(export_problem(figure(folder + "/plane.pdf", FigureFormat::svg)), ".svg"));
  ExportRequest small = figure(folder + "/plane.svg", FigureFormat::svg);
  small.output.width_pt = 10;
  EXPECT_TRUE(mentions(export_problem(small), "36..7200"));
  ExportRequest dpi = figure(folder + "/plane.png", FigureFormat::png);
  dpi.output.dpi = 50;
  EXPECT_TRUE(mentions(export_problem(dpi), "72..1200"));
  dpi.output.format = FigureFormat::pdf;  // dpi does not matter for a PDF
  dpi.path = folder + "/plane.pdf";
  EXPECT_EQ(export_problem(dpi), "");
  ExportRequest csv;
  csv.kind = ExportKind::kLayoutCsv;
  csv.path = folder + "/layout.txt";
  EXPECT_TRUE(mentions(export_problem(csv), ".csv"));
}

TEST(ExportOptions, ExtensionsFollowTheFormat) {
  EXPECT_EQ(with_extension("/a/plane.svg", ExportKind::kInfoPlane, FigureFormat::png),
            "/a/plane.png");
  EXPECT_EQ(with_extension("/a/plane", ExportKind::kInfoPlane, FigureFormat::pdf), "/a/plane.pdf");
  EXPECT_EQ(with_extension("/a/v1.2", ExportKind::kInfoPlane, FigureFormat::svg), "/a/v1.2.svg");
  EXPECT_EQ(with_extension("/a/scores.svg", ExportKind::kScoresCsv, FigureFormat::svg),
            "/a/scores.csv");
}

TEST(ExportOptions, UnusedPathCountsUp) {
  xdd::test::ScratchDir dir;
  EXPECT_EQ(unused_path(dir.path(), "tsne", ".svg"), (dir.path() / "tsne.svg").string());
  std::ofstream(dir.path() / "tsne.svg") << "x";
  std::ofstream(dir.path() / "tsne-2.svg") << "x";
  EXPECT_EQ(unused_path(dir.path(), "tsne", ".svg"), (dir.path() / "tsne-3.svg").string());
  EXPECT_EQ(default_output(ExportKind::kTsne).width_pt, 640);
  EXPECT_TRUE(is_figure(ExportKind::kFigure1));
  EXPECT_FALSE(is_figure(ExportKind::kLayoutCsv));
}
