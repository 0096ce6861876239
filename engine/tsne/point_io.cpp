#include "tsne/point_io.h"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/atomic_file.h"
#include "core/error.h"
#include "data/byte_source.h"

namespace xdd {
namespace {

// The IDX reader's byte source inflates gzip (detected by its magic) and, unlike gzread, refuses a
// stream that is truncated or followed by garbage instead of returning what it got so far.
std::string read_maybe_gzipped(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw IoError("t-SNE input '" + path.string() + "' does not exist or is not a regular file");
  }
  const std::unique_ptr<ByteSource> source = open_byte_source(path);
  std::string bytes;
  uint8_t buffer[1 << 16];
  for (size_t got; (got = source->read(buffer, sizeof(buffer))) > 0;) {
    bytes.append(reinterpret_cast<const char*>(buffer), got);
  }
  return bytes;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

}  // namespace

PointMatrix read_points(const std::filesystem::path& path) {
  const std::string what = "'" + path.string() + "'";
  PointMatrix points = parse_points(read_maybe_gzipped(path), what);
  check_points(points, what);
  return points;
}

PointMatrix parse_points(const std::string& bytes, const std::string& what) {
  if (bytes.empty()) throw DataError(what + " is empty; expected CSV, NPY or IDX numbers");
  if (looks_like_npy(bytes)) return parse_npy_points(bytes, what);
  if (looks_like_idx(bytes)) return parse_idx_points(bytes, what);
  return parse_csv_points(bytes, what);
}

PointMatrix parse_csv_points(const std::string& text, const std::string& what) {
  PointMatrix m;
  const char* p = text.data();
  const char* const end = p + text.size();
  std::int64_t line = 0;
  while (p < end) {
    ++line;
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (eol == nullptr) eol = end;
    const char* q = p;
    while (q < eol && is_space(*q)) ++q;
    if (q == eol) {  // blank lines (a trailing newline, a final empty line) carry no point
      p = eol + 1;
      continue;
    }
    std::int64_t fields = 0;
    for (;;) {
      while (q < eol && is_space(*q)) ++q;
      if (q < eol && *q == '+') ++q;  // from_chars rejects a leading '+'
      float v = 0.0f;
      const auto [next, ec] = std::from_chars(q, eol, v);
      if (ec != std::errc() || next == q) {
        const char* stop = q;
        while (stop < eol && *stop != ',' && !is_space(*stop)) ++stop;
        throw DataError(what + ", line " + std::to_string(line) + ", field " +
                        std::to_string(fields + 1) + ": '" + std::string(q, stop) +
                        "' is not a number (the CSV must hold numbers only, no header)");
      }
      m.values.push_back(v);
      ++fields;
      q = next;
      while (q < eol && is_space(*q)) ++q;
      if (q == eol) break;
      if (*q != ',' && *q != ';') {
        throw DataError(what + ", line " + std::to_string(line) + ": unexpected character '" +
                        std::string(1, *q) + "' after field " + std::to_string(fields));
      }
      ++q;
    }
    if (m.rows == 0) {
      m.cols = fields;
    } else if (fields != m.cols) {
      throw DataError(what + ", line " + std::to_string(line) + " has " + std::to_string(fields) +
                      " values but the first row has " + std::to_string(m.cols) +
                      "; every row must have the same number of values");
    }
    ++m.rows;
    p = eol + 1;
  }
  if (m.rows == 0) throw DataError(what + " holds no numbers (empty or blank lines only)");
  return m;
}

void write_layout_csv(const std::filesystem::path& path, const std::vector<float>& layout) {
  if (layout.size() % 2 != 0) {
    throw InvalidArgument("layout for '" + path.string() + "' has an odd number of values");
  }
  write_atomically(path, [&](const std::filesystem::path& temp) {
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (f == nullptr) throw IoError("cannot create '" + temp.string() + "'");
    bool ok = std::fputs("x,y\n", f) >= 0;
    for (size_t i = 0; ok && i < layout.size(); i += 2) {
      ok = std::fprintf(f, "%.9g,%.9g\n", static_cast<double>(layout[i]),
                        static_cast<double>(layout[i + 1])) > 0;
    }
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) throw IoError("cannot write the layout to '" + temp.string() + "'");
  });
}

}  // namespace xdd
