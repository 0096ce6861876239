#pragma once
// Hostile inputs for the reader fuzz suites (tests/test_fuzz_*.cpp), header-only like the other
// test helpers. Every case is derived from a small valid seed file made by the test and from a
// seeded generator, so a run is reproducible: case i of reader R depends only on (XDD_FUZZ_SEED,
// R, i). FuzzTally runs a reader on each case and accepts only a successful read or a typed xdd
// error (DataError, IoError, InvalidArgument) whose message names the file; anything else (a
// crash, a sanitizer report, std::bad_alloc, c10::Error, a nlohmann exception, a huge allocation)
// fails the test and leaves the case's bytes in fuzz-failures/ for replay.
#include <cxxabi.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include "core/error.h"
#include "idx_writer.h"

#if defined(__SANITIZE_ADDRESS__)
#define XDD_FUZZ_WATCH_ALLOCATIONS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XDD_FUZZ_WATCH_ALLOCATIONS 1
#endif
#endif
#ifdef XDD_FUZZ_WATCH_ALLOCATIONS
// Part of the sanitizer runtimes of GCC and clang; clang's <sanitizer/allocator_interface.h>
// declares it, GCC 12 ships no such header.
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*,
                                                                             size_t),
                                                         void (*free_hook)(const volatile void*));
#endif

namespace xdd::fuzz {

using test::Bytes;

// ---------------------------------------------------------------------------------------------
// Settings: the case count per reader and the seed, overridable for longer runs.

inline long env_number(const char* name, long fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  return (*end == '\0' && value >= 0) ? value : fallback;
}

// Cases per reader: 2,000 by default, so the ten fuzz tests run 20,000 cases in the suite and as
// many again under ASan/UBSan (docs/RELIABILITY.md, "Fuzzing"); XDD_FUZZ_CASES to change.
inline int cases_per_reader() {
  return static_cast<int>(env_number("XDD_FUZZ_CASES", 2000));
}

// The cases to run: XDD_FUZZ_CASES of them from XDD_FUZZ_FIRST_CASE (0), so that one case can be
// replayed alone (XDD_FUZZ_FIRST_CASE=k XDD_FUZZ_CASES=1).
inline std::vector<int> case_indices() {
  const int first = static_cast<int>(env_number("XDD_FUZZ_FIRST_CASE", 0));
  std::vector<int> out(static_cast<size_t>(cases_per_reader()));
  for (size_t i = 0; i < out.size(); ++i) out[i] = first + static_cast<int>(i);
  return out;
}

inline uint64_t fuzz_seed() {
  return static_cast<uint64_t>(env_number("XDD_FUZZ_SEED", 1));
}

// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64, so that a seed gives the same cases with any standard library.

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); 0 when n == 0.
  uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
  size_t index(size_t n) { return static_cast<size_t>(below(n)); }
  bool one_in(uint64_t n) { return below(n) == 0; }
  uint8_t byte() { return static_cast<uint8_t>(next()); }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[index(items.size())];
  }

 private:
  uint64_t state_;
};

// The generator of case `index` of `reader`: independent of every other case.
inline Rng case_rng(const std::string& reader, int index) {
  uint64_t h = 0xcbf29ce484222325ULL ^ fuzz_seed();
  for (unsigned char c : reader) h = (h ^ c) * 0x100000001b3ULL;
  Rng mix(h ^ (static_cast<uint64_t>(index) * 0x9e3779b97f4a7c15ULL));
  return Rng(mix.next());
}

// ---------------------------------------------------------------------------------------------
// Values that break readers: sizes at type boundaries, numbers that overflow or are not numbers.

inline const std::vector<uint32_t>& interesting_u32() {
  static const std::vector<uint32_t> v = {
      0,     1,        2,        3,          7,          8,          28,         127,
      128,   255,      256,      784,        0x7fff,     0x8000,     0xffff,     0x10000,
      60000, 1u << 20, 1u << 24, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x40000000};
  return v;
}

inline const std::vector<uint64_t>& interesting_u64() {
  static const std::vector<uint64_t> v = {0,
                                          1,
                                          0xff,
                                          0xffffffffULL,
                                          0x100000000ULL,
                                          0x7fffffffffffffffULL,
                                          0x8000000000000000ULL,
                                          0xffffffffffffffffULL,
                                          0x7ff0000000000000ULL,   // +inf as a double
                                          0x7ff8000000000000ULL};  // NaN as a double
  return v;
}

inline const std::vector<uint8_t>& interesting_u8() {
  static const std::vector<uint8_t> v = {0,    1,    2,    3,    4,    0x7f, 0x80, 0xfe, 0xff, 0x08,
                                         0x09, 0x0b, 0x0c, 0x0d, 0x0e, '\n', '\r', ',',  '{',  '"',
                                         '\'', '(',  ')',  ':',  '[',  ']',  ' ',  '-',  '9',  '.'};
  return v;
}

// Number spellings for text formats: huge, tiny, negative, not finite, malformed.
inline const std::vector<std::string>& interesting_numbers() {
  static const std::vector<std::string> v = {"0",
                                             "-0",
                                             "-1",
                                             "1",
                                             "10",
                                             "255",
                                             "256",
                                             "0.5",
                                             "-0.5",
                                             "1e308",
                                             "1e309",
                                             "-1e309",
                                             "1e-400",
                                             "4.9e-324",
                                             "nan",
                                             "NaN",
                                             "inf",
                                             "-inf",
                                             "Infinity",
                                             "2147483647",
                                             "2147483648",
                                             "-2147483649",
                                             "4294967295",
                                             "4294967296",
                                             "4294967304",
                                             "9223372036854775807",
                                             "9223372036854775808",
                                             "-9223372036854775808",
                                             "-9223372036854775809",
                                             "18446744073709551615",
                                             "18446744073709551616",
                                             "99999999999999999999999999999999",
                                             "1e30",
                                             "-1e30",
                                             "0x10",
                                             "1e",
                                             "1..2",
                                             "--1",
                                             "+",
                                             "-",
                                             ".",
                                             "",
                                             "1,5",
                                             "\xd9\xa1"};  // ARABIC-INDIC DIGIT ONE
  return v;
}

// ---------------------------------------------------------------------------------------------
// Byte mutations, for every format. Each returns the mutated copy and names what it did.

struct Mutated {
  Bytes bytes;
  std::string how;
};

inline void put_u32(Bytes& b, size_t at, uint32_t v, bool big_endian) {
  for (size_t i = 0; i < 4 && at + i < b.size(); ++i) {
    const int shift = big_endian ? 8 * (3 - static_cast<int>(i)) : 8 * static_cast<int>(i);
    b[at + i] = static_cast<uint8_t>(v >> shift);
  }
}

inline void put_u64(Bytes& b, size_t at, uint64_t v) {
  for (size_t i = 0; i < 8 && at + i < b.size(); ++i) b[at + i] = static_cast<uint8_t>(v >> 8 * i);
}

// A position, biased towards the start where the headers are.
inline size_t position(Rng& rng, size_t size) {
  if (size == 0) return 0;
  return rng.one_in(2) ? rng.index(std::min<size_t>(size, 64)) : rng.index(size);
}

// One small change in place: the building block of mutate_bytes.
inline std::string mutate_once(Bytes& b, Rng& rng) {
  switch (rng.below(10)) {
    case 0: {
      const size_t keep = rng.index(b.size() + 1);
      b.resize(keep);
      return "truncate to " + std::to_string(keep);
    }
    case 1: {
      const int flips = 1 + static_cast<int>(rng.below(8));
      for (int i = 0; i < flips && !b.empty(); ++i) {
        b[rng.index(b.size())] ^= static_cast<uint8_t>(1u << rng.below(8));
      }
      return "flip " + std::to_string(flips) + " bits";
    }
    case 2: {
      const int n = 1 + static_cast<int>(rng.below(4));
      for (int i = 0; i < n && !b.empty(); ++i) {
        b[position(rng, b.size())] = rng.one_in(2) ? rng.pick(interesting_u8()) : rng.byte();
      }
      return "set " + std::to_string(n) + " bytes";
    }
    case 3: {
      const bool be = rng.one_in(2);
      put_u32(b, position(rng, b.size()), rng.pick(interesting_u32()), be);
      return std::string("overwrite a u32 ") + (be ? "big" : "little") + "-endian";
    }
    case 4:
      put_u64(b, position(rng, b.size()), rng.pick(interesting_u64()));
      return "overwrite a u64";
    case 5: {
      const size_t at = position(rng, b.size() + 1);
      const size_t n = 1 + rng.index(64);
      Bytes extra(n);
      for (auto& x : extra) x = rng.byte();
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), extra.begin(), extra.end());
      return "insert " + std::to_string(n) + " random bytes";
    }
    case 6: {
      if (b.empty()) return "erase nothing";
      const size_t at = rng.index(b.size());
      const size_t n = 1 + rng.index(std::min<size_t>(b.size() - at, 256));
      b.erase(b.begin() + static_cast<std::ptrdiff_t>(at),
              b.begin() + static_cast<std::ptrdiff_t>(at + n));
      return "erase " + std::to_string(n) + " bytes";
    }
    case 7: {
      if (b.empty()) return "duplicate nothing";
      const size_t from = rng.index(b.size());
      const size_t n = 1 + rng.index(std::min<size_t>(b.size() - from, 512));
      const Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(from),
                        b.begin() + static_cast<std::ptrdiff_t>(from + n));
      const int times = rng.one_in(8) ? 1 + static_cast<int>(rng.below(64)) : 1;
      const size_t at = rng.index(b.size() + 1);
      for (int i = 0; i < times; ++i) {
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), chunk.begin(), chunk.end());
      }
      return "duplicate " + std::to_string(n) + " bytes x" + std::to_string(times);
    }
    case 8: {
      const size_t n = 1 + rng.index(rng.one_in(4) ? 65536 : 32);
      for (size_t i = 0; i < n; ++i) b.push_back(rng.byte());
      return "append " + std::to_string(n) + " garbage bytes";
    }
    default: {
      if (b.size() < 2) return "swap nothing";
      const size_t i = rng.index(b.size()), j = rng.index(b.size());
      std::swap(b[i], b[j]);
      return "swap two bytes";
    }
  }
}

// 1-4 stacked small changes, or (1 in 16) a whole-file replacement: empty, garbage, zeros, 0xff.
inline Mutated mutate_bytes(const Bytes& seed, Rng& rng) {
  if (rng.one_in(16)) {
    switch (rng.below(4)) {
      case 0:
        return {{}, "empty file"};
      case 1: {
        Bytes g(rng.index(4097));
        for (auto& x : g) x = rng.byte();
        return {g, "random garbage of " + std::to_string(g.size()) + " bytes"};
      }
      case 2:
        return {Bytes(seed.size(), 0), "all zero bytes"};
      default:
        return {Bytes(seed.size(), 0xff), "all 0xff bytes"};
    }
  }
  Mutated m{seed, ""};
  const int steps = 1 + static_cast<int>(rng.below(4));
  for (int i = 0; i < steps; ++i) m.how += (i ? ", " : "") + mutate_once(m.bytes, rng);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Text mutations, for CSV, JSON and the NPY header: numbers, delimiters, lines, long runs.

inline Bytes to_bytes(const std::string& s) {
  return Bytes(s.begin(), s.end());
}
inline std::string to_text(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

// Replaces the number token (digits, sign, '.', 'e') around a random digit.
inline bool replace_a_number(std::string& t, Rng& rng) {
  std::vector<size_t> digits;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] >= '0' && t[i] <= '9') digits.push_back(i);
  }
  if (digits.empty()) return false;
  auto in_number = [&](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
  };
  size_t b = rng.pick(digits), e = b;
  while (b > 0 && in_number(t[b - 1])) --b;
  while (e < t.size() && in_number(t[e])) ++e;
  t.replace(b, e - b, rng.pick(interesting_numbers()));
  return true;
}

inline std::string mutate_text_once(std::string& t, Rng& rng) {
  static const std::string kSpecial = ",;\n\r\t \"'{}[]():\\#";
  switch (rng.below(8)) {
    case 0:
      if (replace_a_number(t, rng)) return "replace a number";
      [[fallthrough]];
    case 1: {
      const char c = rng.one_in(8) ? '\0' : kSpecial[rng.index(kSpecial.size())];
      t.insert(rng.index(t.size() + 1), 1, c);
      return "insert a delimiter";
    }
    case 2: {  // delete, duplicate or swap a line
      std::vector<std::string> lines;
      size_t start = 0;
      for (size_t i = 0; i <= t.size(); ++i) {
        if (i == t.size() || t[i] == '\n') {
          lines.push_back(t.substr(start, i - start));
          start = i + 1;
        }
      }
      const size_t a = rng.index(lines.size()), b = rng.index(lines.size());
      const int what = static_cast<int>(rng.below(3));
      if (what == 0) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(a));
      if (what == 1) lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(a), lines[b]);
      if (what == 2) std::swap(lines[a], lines[b]);
      t.clear();
      for (size_t i = 0; i < lines.size(); ++i) t += (i ? "\n" : "") + lines[i];
      return what == 0 ? "delete a line" : what == 1 ? "duplicate a line" : "swap two lines";
    }
    case 3: {
      static const std::string kRun = ",9 [{\"-\n.e";
      const size_t n = 1 + rng.index(rng.one_in(4) ? 100000 : 64);
      t.insert(rng.index(t.size() + 1), n, kRun[rng.index(kRun.size())]);
      return "insert a run of " + std::to_string(n) + " characters";
    }
    case 4: {
      static const std::vector<std::string> kBad = {"\xff",    "\xc0\x80", "\xed\xa0\x80",
                                                    "\\ud800", "\\u0000",  "\xe2\x80"};
      t.insert(rng.index(t.size() + 1), rng.pick(kBad));
      return "insert invalid UTF-8 or an escape";
    }
    case 5: {
      if (t.empty()) return "erase nothing";
      const size_t at = rng.index(t.size());
      const size_t n = 1 + rng.index(std::min<size_t>(t.size() - at, 16));
      t.erase(at, n);
      return "erase " + std::to_string(n) + " characters";
    }
    case 6: {  // a field of another line, or a random letter
      if (t.empty()) return "change nothing";
      t[rng.index(t.size())] = static_cast<char>('a' + rng.below(26));
      return "change a character to a letter";
    }
    default: {
      std::vector<size_t> sep;
      for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ',') sep.push_back(i);
      }
      if (sep.empty()) return "no separator";
      t[rng.pick(sep)] = rng.one_in(2) ? ';' : ' ';
      return "change a separator";
    }
  }
}

// 1-3 text changes, or (1 in 4) byte changes on the text.
inline Mutated mutate_text(const std::string& seed, Rng& rng) {
  if (rng.one_in(4)) return mutate_bytes(to_bytes(seed), rng);
  std::string t = seed;
  std::string how;
  const int steps = 1 + static_cast<int>(rng.below(3));
  for (int i = 0; i < steps; ++i) how += (i ? ", " : "") + mutate_text_once(t, rng);
  return {to_bytes(t), how};
}

// ---------------------------------------------------------------------------------------------
// JSON mutations: a node of the seed replaced by a value of another type or out of range, keys
// removed, renamed or added, and values nested deeper than any stack allows.

inline const char* const kDeepMarker = "@@deeply-nested@@";

inline nlohmann::json hostile_json_value(Rng& rng) {
  using nlohmann::json;
  switch (rng.below(20)) {
    case 0:
      return nullptr;
    case 1:
      return rng.one_in(2);
    case 2:
      return -1;
    case 3:
      return 0;
    case 4:
      return 0.5;
    case 5:
      return static_cast<int64_t>(2147483648LL);
    case 6:
      return static_cast<int64_t>(4294967304LL);  // 2^32 + 8: wraps to 8 in an int
    case 7:
      return INT64_MAX;
    case 8:
      return INT64_MIN;
    case 9:
      return UINT64_MAX;
    case 10:
      return rng.one_in(2) ? 1e300 : -1e300;
    case 11:
      return 1e-300;
    case 12:
      return "";
    case 13:
      return std::string(rng.one_in(2) ? 100000 : 10, 'x');
    case 14:
      return json::array();
    case 15:
      return json::object();
    case 16:
      return json::array({1, "two", nullptr});
    case 17:
      return json{{"unexpected", 1}};
    case 18:
      return kDeepMarker;
    default:
      return "../../../etc/passwd";
  }
}

// Every node of `j`, as pointers into it (the root first).
inline void collect_nodes(nlohmann::json& j, std::vector<nlohmann::json*>& out) {
  out.push_back(&j);
  if (j.is_structured()) {
    for (auto& child : j) collect_nodes(child, out);
  }
}

inline std::string deep_nesting(Rng& rng) {
  static const std::vector<size_t> kDepths = {100, 1000, 20000, 200000};
  const size_t depth = rng.pick(kDepths);
  const bool arrays = rng.one_in(2);
  std::string s;
  s.reserve(depth * 6);
  for (size_t i = 0; i < depth; ++i) s += arrays ? "[" : "{\"a\":";
  s += "1";
  for (size_t i = 0; i < depth; ++i) s += arrays ? "]" : "}";
  return s;
}

// A structural change of the seed document (then, 1 in 3, a text change on top).
inline Mutated mutate_json(const nlohmann::json& seed, Rng& rng) {
  using nlohmann::json;
  json doc = seed;
  std::vector<json*> nodes;
  collect_nodes(doc, nodes);
  json& node = *nodes[rng.index(nodes.size())];
  std::string how;
  const auto what = rng.below(6);
  if (what <= 1 || !node.is_structured()) {
    node = hostile_json_value(rng);
    how = "replace a value by " + (node.is_string() && node == kDeepMarker
                                       ? std::string("deep nesting")
                                       : std::string(node.type_name()));
  } else if (what == 2 && node.is_object() && !node.empty()) {
    auto it = node.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(rng.index(node.size())));
    how = "remove key '" + it.key() + "'";
    node.erase(it);
  } else if (what == 3 && node.is_object() && !node.empty()) {
    auto it = node.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(rng.index(node.size())));
    json value = it.value();
    const std::string key = it.key();
    node.erase(it);
    node[key + "_x"] = std::move(value);
    how = "rename key '" + key + "'";
  } else if (what == 4 && node.is_object()) {
    node["no_such_key"] = hostile_json_value(rng);
    how = "add an unknown key";
  } else {
    node = json::array({node});
    how = "wrap a value in an array";
  }
  std::string text = doc.dump(rng.one_in(2) ? -1 : 2);
  const std::string marker = "\"" + std::string(kDeepMarker) + "\"";
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker)) {
    text.replace(at, marker.size(), deep_nesting(rng));
  }
  if (rng.one_in(3)) {
    Mutated more = mutate_text(text, rng);
    return {std::move(more.bytes), how + ", then " + more.how};
  }
  return {to_bytes(text), how};
}

// ---------------------------------------------------------------------------------------------
// Allocation watch: under AddressSanitizer, the largest single allocation made while a case runs.
// The test binary also sets max_allocation_size_mb (tests/sanitizer_options.cpp), so an allocation
// beyond that fails at once; this check is stricter: no case may allocate more than kMaxCaseBytes
// in one block, since every seed file is a few kilobytes.

constexpr size_t kMaxCaseBytes = size_t{64} << 20;

inline std::atomic<size_t>& largest_allocation() {
  static std::atomic<size_t> largest{0};
  return largest;
}

#ifdef XDD_FUZZ_WATCH_ALLOCATIONS
inline void on_malloc(const volatile void*, size_t size) {
  auto& largest = largest_allocation();
  size_t seen = largest.load(std::memory_order_relaxed);
  while (size > seen && !largest.compare_exchange_weak(seen, size, std::memory_order_relaxed)) {
  }
}
inline void on_free(const volatile void*) {}
inline bool install_allocation_watch() {
  static const bool installed = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) != 0;
  return installed;
}
#else
inline bool install_allocation_watch() {
  return false;
}
#endif

// ---------------------------------------------------------------------------------------------
// The runner.

inline std::string demangled_type(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? name.get() : type.name();
}

// Messages that mean an allocation failed: a typed error that hides one is still a failure.
inline bool mentions_allocation_failure(const std::string& message) {
  for (const char* s : {"not enough memory", "can't allocate", "cannot allocate", "bad_alloc",
                        "out of memory", "std::bad_array_new_length"}) {
    if (message.find(s) != std::string::npos) return true;
  }
  return false;
}

// Thrown by a case's own checks when a read succeeded but returned something wrong.
class WrongResult : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class FuzzTally {
 public:
  // `reader` names the reader in the report and in fuzz-failures/ file names.
  explicit FuzzTally(std::string reader)
      : reader_(std::move(reader)),
        start_(std::chrono::steady_clock::now()),
        watching_(install_allocation_watch()) {}

  // Runs read() on one case. `must_name` is what every error message has to contain (the file or
  // folder path); `input` is saved under fuzz-failures/ when the case fails.
  void run(const std::string& how, const std::string& must_name, const Bytes& input,
           const std::function<void()>& read) {
    ++cases_;
    const Outcome o = fork_each_case() ? classify_in_child(must_name, input.size(), read)
                                       : classify(must_name, input.size(), read);
    if (o.kind == Outcome::kRead) ++reads_;
    if (o.kind == Outcome::kTypedError) ++errors_[o.text];
    if (o.kind == Outcome::kFailure) record_failure(how, input, o.text);
  }

  int cases() const { return cases_; }
  int reads() const { return reads_; }
  int errors() const {
    int n = 0;
    for (const auto& [type, count] : errors_) n += count;
    return n;
  }

  // Prints the tally, records it as test properties, and fails the test on any bad case or when
  // fewer than `min_cases` ran.
  void finish(int min_cases) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string by_type;
    for (const auto& [type, count] : errors_) {
      by_type += (by_type.empty() ? "" : ", ") + type + " " + std::to_string(count);
    }
    std::printf("[fuzz] %s: %d cases, %d read, %d typed errors (%s), %zu failures, %.1f s%s\n",
                reader_.c_str(), cases_, reads_, errors(), by_type.c_str(), failures_, seconds,
                watching_ ? ", allocations watched" : "");
    ::testing::Test::RecordProperty("fuzz_cases", cases_);
    ::testing::Test::RecordProperty("fuzz_reads", reads_);
    ::testing::Test::RecordProperty("fuzz_typed_errors", errors());
    ::testing::Test::RecordProperty("fuzz_failures", static_cast<int>(failures_));
    EXPECT_GE(cases_, min_cases);
    std::string kinds;
    for (const auto& [kind, seen] : failure_kinds_) {
      kinds += "  " + std::to_string(seen.first) + " x " + kind + " (cases" + seen.second + ")\n";
    }
    EXPECT_EQ(failures_, 0u) << "bad cases by kind:\n"
                             << kinds << "the first ones:\n"
                             << first_failures_ << "more failing cases:" << more_failures_;
  }

 private:
  struct Outcome {
    enum Kind { kRead, kTypedError, kFailure } kind;
    std::string text;  // the error's type, or what went wrong
  };

  static Outcome classify(const std::string& must_name, size_t input_size,
                          const std::function<void()>& read) {
    largest_allocation().store(0);
    Outcome o{Outcome::kRead, ""};
    auto fail = [&](const std::string& why) { o = {Outcome::kFailure, why}; };
    try {
      read();
    } catch (const WrongResult& e) {
      fail(std::string("the read succeeded with a wrong result: ") + e.what());
    } catch (const Cancelled&) {
      fail("Cancelled thrown by a reader");
    } catch (const TrainingError& e) {
      fail(std::string("TrainingError thrown by a reader: ") + e.what());
    } catch (const Error& e) {
      const std::string message = e.what();
      if (message.find(must_name) == std::string::npos) {
        fail("the message does not name " + must_name + ": " + message);
      } else if (mentions_allocation_failure(message)) {
        fail("a failed allocation behind a typed error: " + message);
      } else {
        o = {Outcome::kTypedError, demangled_type(typeid(e))};
      }
    } catch (const std::bad_alloc& e) {
      fail(std::string("std::bad_alloc (a huge allocation): ") + e.what());
    } catch (const std::exception& e) {
      fail("untyped exception " + demangled_type(typeid(e)) + ": " + e.what());
    } catch (...) {
      fail("an exception of unknown type");
    }
    const size_t largest = largest_allocation().load();
    if (o.kind != Outcome::kFailure && largest > kMaxCaseBytes) {
      fail("allocated " + std::to_string(largest >> 20) + " MiB at once for a " +
           std::to_string(input_size) + "-byte input");
    }
    return o;
  }

  // XDD_FUZZ_FORK=1 runs each case in a child process, so that a crash is counted with the other
  // failures instead of ending the run: for exploring a reader; slower, and what a successful
  // read changes stays in the child.
  static bool fork_each_case() {
    static const bool fork_each = env_number("XDD_FUZZ_FORK", 0) != 0;
    return fork_each;
  }

  static Outcome classify_in_child(const std::string& must_name, size_t input_size,
                                   const std::function<void()>& read) {
    int fds[2];
    if (pipe(fds) != 0) return {Outcome::kFailure, "pipe() failed"};
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      const Outcome o = classify(must_name, input_size, read);
      const std::string reply = std::to_string(static_cast<int>(o.kind)) + o.text;
      const bool sent =
          write(fds[1], reply.data(), reply.size()) == static_cast<ssize_t>(reply.size());
      _exit(sent ? 0 : 3);
    }
    close(fds[1]);
    std::string reply;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) {
      reply.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
      return {Outcome::kFailure, "crashed with signal " + std::to_string(WTERMSIG(status))};
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || reply.empty()) {
      return {Outcome::kFailure, "the case's process exited with status " +
                                     std::to_string(WEXITSTATUS(status)) +
                                     " (a sanitizer report?)"};
    }
    return {static_cast<Outcome::Kind>(reply[0] - '0'), reply.substr(1)};
  }

  void record_failure(const std::string& how, const Bytes& input, const std::string& failure) {
    ++failures_;
    auto& kind = failure_kinds_[failure.substr(0, std::min(failure.find(": "), size_t{80}))];
    if (++kind.first <= 10) kind.second += " " + std::to_string(cases_ - 1);
    if (failures_ > 20) {
      if (failures_ <= 200) more_failures_ += " " + std::to_string(cases_ - 1);
      return;
    }
    const std::filesystem::path dir = "fuzz-failures";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::filesystem::path file =
        dir / (reader_ + "-case" + std::to_string(cases_ - 1) + ".bin");
    try {
      test::write_file(file, input);
    } catch (const std::exception&) {
    }
    first_failures_ += "  case " + std::to_string(cases_ - 1) + " (" + how + "; saved as " +
                       file.string() + "): " + failure.substr(0, 600) + "\n";
  }

  std::string reader_;
  std::chrono::steady_clock::time_point start_;
  bool watching_;
  int cases_ = 0;
  int reads_ = 0;
  std::map<std::string, int> errors_;
  size_t failures_ = 0;
  // By the start of the message: how many, and the first cases.
  std::map<std::string, std::pair<int, std::string>> failure_kinds_;
  std::string first_failures_;
  std::string more_failures_;  // case numbers of failures 21-200
};

}  // namespace xdd::fuzz
