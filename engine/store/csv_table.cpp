#include "store/csv_table.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/error.h"

namespace xdd::store {
namespace {

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    std::string field = line.substr(start, comma == std::string::npos ? comma : comma - start);
    // Trim spaces so "1, 2" reads as two numbers.
    const size_t b = field.find_first_not_of(" \t");
    const size_t e = field.find_last_not_of(" \t");
    fields.push_back(b == std::string::npos ? std::string() : field.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fields;
}

}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw IoError("cannot read " + file.string() + ": " + std::strerror(errno));
  CsvTable t;
  t.file_ = file;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto fields = split_fields(line);
    if (t.header_.empty()) {
      t.header_ = std::move(fields);
      continue;
    }
    if (fields.size() != t.header_.size()) {
      throw DataError(file.string() + " line " + std::to_string(line_no) + ": " +
                      std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(t.header_.size()));
    }
    t.rows_.push_back(std::move(fields));
  }
  if (in.bad()) throw IoError("cannot read " + file.string());
  if (t.header_.empty()) throw DataError(file.string() + " is empty (no header line)");
  return t;
}

int CsvTable::find(const std::string& name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int CsvTable::require(const std::string& name) const {
  const int i = find(name);
  if (i < 0) throw DataError(file_.string() + " has no column '" + name + "'");
  return i;
}

const std::string& CsvTable::text(size_t row, int column) const {
  return rows_.at(row).at(static_cast<size_t>(column));
}

double CsvTable::number(size_t row, int column) const {
  const std::string& s = text(row, column);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0') {
    throw DataError(file_.string() + " row " + std::to_string(row + 1) + ", column '" +
                    header_[static_cast<size_t>(column)] + "': '" + s + "' is not a number");
  }
  return v;
}

long long CsvTable::integer(size_t row, int column) const {
  // Up to 2^53 a double holds every integer exactly; beyond 2^63 the conversion below would be
  // undefined. Steps, indices and labels are far smaller.
  constexpr double kLargest = 9007199254740992.0;  // 2^53
  const double v = number(row, column);
  if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > kLargest) {
    throw DataError(file_.string() + " row " + std::to_string(row + 1) + ", column '" +
                    header_[static_cast<size_t>(column)] + "': '" + text(row, column) +
                    "' is not an integer in -2^53..2^53");
  }
  return static_cast<long long>(v);
}

}  // namespace xdd::store
