#pragma once
// Reading the small CSV files a run folder holds (a header line, then comma-separated fields; no
// quoting, which these files never need). Every error names the file and line.
#include <filesystem>
#include <string>
#include <vector>

namespace xdd::store {

class CsvTable {
 public:
  // Reads `file`. IoError if it cannot be read; DataError if it is empty or a row has a different
  // field count than the header.
  static CsvTable read(const std::filesystem::path& file);

  const std::vector<std::string>& header() const { return header_; }
  size_t rows() const { return rows_.size(); }
  // Index of column `name`; -1 if absent.
  int find(const std::string& name) const;
  // Index of column `name`; DataError naming the file if absent.
  int require(const std::string& name) const;
  const std::string& text(size_t row, int column) const;
  // The field as a number ("nan", "inf" accepted); DataError naming file, line and column if not.
  double number(size_t row, int column) const;
  long long integer(size_t row, int column) const;

 private:
  std::filesystem::path file_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace xdd::store
