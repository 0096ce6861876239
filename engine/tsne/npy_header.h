#pragma once
// The header of an NPY file: a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (100, 784), }
// parsed by hand (not with std::regex, whose libstdc++ matcher recurses once per character and
// overflows the stack on a long header), accepting exactly the three keys numpy writes.
#include <cstdint>
#include <string>
#include <vector>

namespace xdd {

struct NpyHeader {
  char byte_order = '<';  // '<', '>', '|' or '='
  char kind = 'f';        // 'f' float, 'i' signed, 'u' unsigned integer
  int size = 4;           // bytes per element: 1, 2, 4 or 8
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
};

// DataError starting with `what` for anything else: other keys or types, a dtype that is not a
// plain number type, a shape that is not a tuple of integers below 2^40.
NpyHeader parse_npy_header(const std::string& text, const std::string& what);

}  // namespace xdd
