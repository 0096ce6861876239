#pragma once
// A check of the pickles inside a LibTorch archive (data.pkl, constants.pkl and the code's
// .debug_pkl files) before LibTorch's unpickler sees them. LibTorch 1.13 trusts a pickle's
// structure: a memo index of 2^31 makes it allocate gigabytes, and a tensor whose storage claims
// more elements than its record holds would be read past its end. This walks every opcode and
// accepts only what LibTorch's own writer emits.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace xdd {

// The size of the tensor record `key` (data/<key>), if the archive has one.
using RecordSize = std::function<std::optional<size_t>(const std::string& key)>;

// DataError starting with `what` unless every opcode of `bytes` is one of protocol 2's that
// LibTorch writes, each argument lies inside the data, the stack and the marks never underflow,
// memo slots are filled in order and read only once filled, every GLOBAL is a class these
// archives use, every storage names a record of at least its size, and the pickle ends with STOP
// holding one value and nothing after it.
void check_pickle(const std::string& bytes, const std::string& what, const RecordSize& record);

}  // namespace xdd
