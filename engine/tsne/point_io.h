#pragma once
// Reading t-SNE input from disk (CSV, NPY, IDX; each optionally gzip-compressed) and writing
// layouts. The format is recognised from the content, not the name: NPY by its magic string, IDX by
// its magic number and a size that matches its header, anything else is parsed as CSV.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tsne/point_matrix.h"

namespace xdd {

// Reads the file, inflating gzip transparently. IoError when it cannot be read, DataError when the
// content is malformed (the message names the file and the line, row or header field), empty, or
// holds a NaN or Inf value.
PointMatrix read_points(const std::filesystem::path& path);

// The parsers behind read_points; `what` names the source in error messages. None checks for NaN.
PointMatrix parse_points(const std::string& bytes, const std::string& what);
PointMatrix parse_csv_points(const std::string& text, const std::string& what);
PointMatrix parse_npy_points(const std::string& bytes, const std::string& what);
PointMatrix parse_idx_points(const std::string& bytes, const std::string& what);
bool looks_like_npy(const std::string& bytes);
bool looks_like_idx(const std::string& bytes);

// Writes an N x 2 layout (interleaved x, y) as CSV with header "x,y", atomically.
void write_layout_csv(const std::filesystem::path& path, const std::vector<float>& layout);

}  // namespace xdd
