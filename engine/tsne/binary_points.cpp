// NPY and IDX parsers for t-SNE input. Both are "header + raw array" formats; every element type is
// converted to float32 and every shape (N, d1, d2, ...) becomes N rows of d1 * d2 * ... values.
#include <cstring>

#include "core/error.h"
#include "tsne/npy_header.h"
#include "tsne/point_io.h"

namespace xdd {
namespace {

enum class Kind { kFloat, kSigned, kUnsigned };

struct ElementType {
  Kind kind = Kind::kFloat;
  int size = 4;  // bytes
  bool big_endian = false;
};

// Reads one element of `type` at `p` as a double, swapping bytes when the file's order differs.
double read_element(const unsigned char* p, const ElementType& type) {
  unsigned char b[8];
  for (int i = 0; i < type.size; ++i) b[i] = p[type.big_endian ? type.size - 1 - i : i];
  // The host is little endian (x86-64, arm64); b now holds the value in host order.
  switch (type.kind) {
    case Kind::kFloat:
      if (type.size == 4) {
        float f;
        std::memcpy(&f, b, 4);
        return f;
      } else {
        double d;
        std::memcpy(&d, b, 8);
        return d;
      }
    case Kind::kSigned: {
      std::int64_t v = 0;
      std::memcpy(&v, b, static_cast<size_t>(type.size));
      const int shift = 64 - 8 * type.size;  // sign-extend from the element's width
      return static_cast<double>(
          static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << shift) >> shift);
    }
    case Kind::kUnsigned: {
      std::uint64_t v = 0;
      std::memcpy(&v, b, static_cast<size_t>(type.size));
      return static_cast<double>(v);
    }
  }
  return 0.0;
}

// Copies count elements into m (rows x cols); column-major source data is transposed.
PointMatrix convert(const unsigned char* data, std::int64_t rows, std::int64_t cols,
                    const ElementType& type, bool column_major) {
  PointMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.values.resize(static_cast<size_t>(rows * cols));
  if (type.kind == Kind::kUnsigned && type.size == 1 && !column_major) {  // images: the common case
    for (size_t k = 0; k < m.values.size(); ++k) m.values[k] = static_cast<float>(data[k]);
    return m;
  }
  for (std::int64_t i = 0; i < rows; ++i) {
    for (std::int64_t j = 0; j < cols; ++j) {
      const std::int64_t src = column_major ? j * rows + i : i * cols + j;
      m.values[static_cast<size_t>(i * cols + j)] =
          static_cast<float>(read_element(data + src * type.size, type));
    }
  }
  return m;
}

std::uint32_t big_endian_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

// Product of dims[from..] with overflow checks; DataError when it exceeds what memory can hold.
std::int64_t product(const std::vector<std::int64_t>& dims, size_t from, const std::string& what) {
  std::int64_t total = 1;
  for (size_t i = from; i < dims.size(); ++i) {
    if (dims[i] < 0 || (dims[i] > 0 && total > (std::int64_t{1} << 40) / dims[i])) {
      throw DataError(what + ": array shape is too large");
    }
    total *= dims[i];
  }
  return total;
}

bool idx_element_type(unsigned char code, ElementType* type) {
  switch (code) {
    case 0x08:
      *type = {Kind::kUnsigned, 1, true};
      return true;
    case 0x09:
      *type = {Kind::kSigned, 1, true};
      return true;
    case 0x0B:
      *type = {Kind::kSigned, 2, true};
      return true;
    case 0x0C:
      *type = {Kind::kSigned, 4, true};
      return true;
    case 0x0D:
      *type = {Kind::kFloat, 4, true};
      return true;
    case 0x0E:
      *type = {Kind::kFloat, 8, true};
      return true;
    default:
      return false;
  }
}

}  // namespace

bool looks_like_npy(const std::string& bytes) {
  return bytes.size() >= 6 && std::memcmp(bytes.data(), "\x93NUMPY", 6) == 0;
}

bool looks_like_idx(const std::string& bytes) {
  if (bytes.size() < 8) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  ElementType type;
  const int ndims = p[3];
  if (p[0] != 0 || p[1] != 0 || !idx_element_type(p[2], &type) || ndims < 1 || ndims > 8) {
    return false;
  }
  return bytes.size() >= 4 + 4 * static_cast<size_t>(ndims);
}

PointMatrix parse_idx_points(const std::string& bytes, const std::string& what) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  ElementType type;
  if (!looks_like_idx(bytes) || !idx_element_type(p[2], &type)) {
    throw DataError(what + " is not an IDX file (bad magic number)");
  }
  const size_t ndims = p[3];
  std::vector<std::int64_t> dims(ndims);
  for (size_t i = 0; i < ndims; ++i) dims[i] = big_endian_u32(p + 4 + 4 * i);
  const std::int64_t rows = dims[0];
  const std::int64_t cols = product(dims, 1, what);
  const size_t header = 4 + 4 * ndims;
  const std::int64_t need = product(dims, 0, what) * type.size;
  if (static_cast<std::int64_t>(bytes.size() - header) != need) {
    throw DataError(what + ": IDX header promises " + std::to_string(need) +
                    " bytes of data, the file has " + std::to_string(bytes.size() - header) +
                    " (truncated or not IDX)");
  }
  return convert(p + header, rows, cols, type, false);
}

PointMatrix parse_npy_points(const std::string& bytes, const std::string& what) {
  if (!looks_like_npy(bytes) || bytes.size() < 10) throw DataError(what + " is not an NPY file");
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const int major = p[6];
  size_t header_len = 0;
  size_t offset = 0;
  if (major == 1) {
    header_len = p[8] | (size_t{p[9]} << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw DataError(what + ": truncated NPY header");
    header_len = p[8] | (size_t{p[9]} << 8) | (size_t{p[10]} << 16) | (size_t{p[11]} << 24);
    offset = 12;
  } else {
    throw DataError(what + ": NPY format version " + std::to_string(major) +
                    " is not supported (1..3)");
  }
  if (bytes.size() < offset + header_len) throw DataError(what + ": truncated NPY header");
  const NpyHeader header = parse_npy_header(bytes.substr(offset, header_len), what);
  ElementType type;
  type.kind =
      header.kind == 'f' ? Kind::kFloat : (header.kind == 'i' ? Kind::kSigned : Kind::kUnsigned);
  type.size = header.size;
  type.big_endian = header.byte_order == '>';
  const bool fortran = header.fortran_order;
  const std::vector<std::int64_t>& dims = header.shape;
  if (dims.empty()) throw DataError(what + ": NPY array is a scalar; expected N rows of numbers");
  if (fortran && dims.size() > 2) {
    throw DataError(what +
                    ": Fortran-ordered NPY arrays with more than 2 dimensions are not supported");
  }
  const std::int64_t rows = dims[0];
  const std::int64_t cols = product(dims, 1, what);
  const std::int64_t need = product(dims, 0, what) * type.size;
  const size_t data_at = offset + header_len;
  if (static_cast<std::int64_t>(bytes.size() - data_at) < need) {
    throw DataError(what + ": NPY data is truncated (" + std::to_string(bytes.size() - data_at) +
                    " of " + std::to_string(need) + " bytes)");
  }
  return convert(p + data_at, rows, cols, type, fortran && dims.size() == 2);
}

}  // namespace xdd
