#include "training/module_source_check.h"

#include <vector>

#include "core/error.h"

namespace xdd {
namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// A parameter or buffer name: identifiers joined by '/' (an optimizer's "param_groups/size").
bool is_attribute_name(const std::string& s) {
  for (size_t start = 0;;) {
    const size_t slash = s.find('/', start);
    if (!is_identifier(s.substr(start, slash - start))) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

class SourceChecker {
 public:
  SourceChecker(const std::string& what, const HasClass& has_class)
      : what_(what), has_class_(has_class) {}

  void check(const std::string& text) {
    std::vector<std::string> lines;
    for (size_t start = 0; start <= text.size();) {
      const size_t end = std::min(text.find('\n', start), text.size());
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    bool seen_class = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      line_ = i + 1;
      const std::string& l = lines[i];
      if (l.empty()) continue;
      if (!seen_class) {
        if (l != "class Module(Module):") fail("expected 'class Module(Module):'");
        seen_class = true;
      } else if (!starts_with(l, "  ")) {
        fail("a second declaration");
      } else {
        member(l.substr(2));
      }
    }
    if (!seen_class) fail("no class declaration");
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw DataError(what_ + " is corrupt: line " + std::to_string(line_) + ": " + why);
  }

  void member(const std::string& l) {
    for (const char* list : {"__parameters__ = [", "__buffers__ = ["}) {
      if (starts_with(l, list)) return name_list(l.substr(std::string(list).size()));
    }
    if (l == "__annotations__ = []") return;
    const std::string annotation = "__annotations__[\"";
    if (starts_with(l, annotation)) {
      const size_t close = l.find("\"] = ", annotation.size());
      if (close == std::string::npos) fail("a malformed annotation");
      for (size_t i = annotation.size(); i < close; ++i) {
        if (l[i] == '"' || l[i] == '\\' || static_cast<unsigned char>(l[i]) < 0x20) {
          fail("a malformed annotation key");
        }
      }
      return type(l.substr(close + 5));
    }
    const size_t colon = l.find(" : ");
    if (colon == std::string::npos || !is_identifier(l.substr(0, colon))) {
      fail("expected 'name : Type'");
    }
    type(l.substr(colon + 3));
  }

  // "\"a\", \"b\", ]" or "]"
  void name_list(const std::string& rest) {
    size_t at = 0;
    while (at < rest.size() && rest[at] == '"') {
      const size_t end = rest.find("\", ", at + 1);
      if (end == std::string::npos || !is_attribute_name(rest.substr(at + 1, end - at - 1))) {
        fail("a malformed name list");
      }
      at = end + 3;
    }
    if (rest.substr(at) != "]") fail("a malformed name list");
  }

  void type(const std::string& t) {
    size_t at = 0;
    parse_type(t, at, 0);
    if (at != t.size()) fail("text after a type");
  }

  void parse_type(const std::string& t, size_t& at, int depth) {
    if (depth > 8) fail("a type nested too deeply");
    for (const char* simple : {"Tensor", "str", "int", "float", "bool", "NoneType"}) {
      if (word_at(t, at, simple)) return;
    }
    for (const char* generic : {"Tuple[", "List[", "Optional[", "Dict["}) {
      const std::string g = generic;
      if (t.compare(at, g.size(), g) != 0) continue;
      at += g.size();
      parse_type(t, at, depth + 1);
      while (t.compare(at, 2, ", ") == 0) {
        at += 2;
        parse_type(t, at, depth + 1);
      }
      if (at >= t.size() || t[at] != ']') fail("an unclosed type");
      ++at;
      return;
    }
    const std::string prefix = "__torch__.";
    if (t.compare(at, prefix.size(), prefix) == 0) {
      size_t end = at + prefix.size();
      while (end < t.size() && t[end] != ',' && t[end] != ']') ++end;
      const std::string name = t.substr(at + prefix.size(), end - at - prefix.size());
      if (!has_class_(name)) fail("a type the archive does not define: " + name.substr(0, 60));
      at = end;
      return;
    }
    fail("an unknown type");
  }

  static bool word_at(const std::string& t, size_t& at, const std::string& word) {
    if (t.compare(at, word.size(), word) != 0) return false;
    const size_t end = at + word.size();
    if (end < t.size() && t[end] != ',' && t[end] != ']') return false;
    at = end;
    return true;
  }

  const std::string& what_;
  const HasClass& has_class_;
  size_t line_ = 0;
};

}  // namespace

void check_module_source(const std::string& text, const std::string& what,
                         const HasClass& has_class) {
  SourceChecker(what, has_class).check(text);
}

}  // namespace xdd
