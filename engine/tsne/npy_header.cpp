#include "tsne/npy_header.h"

#include "core/error.h"

namespace xdd {
namespace {

constexpr std::int64_t kMaxDimension = std::int64_t{1} << 40;

class HeaderParser {
 public:
  HeaderParser(const std::string& text, const std::string& what) : text_(text), what_(what) {}

  NpyHeader parse() {
    NpyHeader h;
    bool has_descr = false, has_order = false, has_shape = false;
    expect('{');
    while (!accept('}')) {
      const std::string key = quoted();
      expect(':');
      if (key == "descr" && !has_descr) {
        parse_descr(quoted(), h);
        has_descr = true;
      } else if (key == "fortran_order" && !has_order) {
        h.fortran_order = boolean();
        has_order = true;
      } else if (key == "shape" && !has_shape) {
        h.shape = tuple();
        has_shape = true;
      } else {
        fail("unexpected or repeated key '" + key.substr(0, 40) + "'");
      }
      if (!accept(',')) {
        expect('}');
        break;
      }
    }
    skip_spaces();
    if (pos_ != text_.size()) fail("text after the closing '}'");
    if (!has_descr || !has_order || !has_shape) {
      fail("it needs the keys 'descr', 'fortran_order' and 'shape'");
    }
    return h;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw DataError(what_ + ": NPY header is malformed: " + why);
  }

  void skip_spaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool accept(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "' at byte " + std::to_string(pos_));
  }

  std::string quoted() {
    skip_spaces();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) {
      fail("expected a quoted string at byte " + std::to_string(pos_));
    }
    const char quote = text_[pos_++];
    const size_t end = text_.find(quote, pos_);
    if (end == std::string::npos) fail("a string is not closed");
    std::string s = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }

  bool boolean() {
    skip_spaces();
    for (const auto& [word, value] : {std::pair{"True", true}, std::pair{"False", false}}) {
      const std::string w = word;
      if (text_.compare(pos_, w.size(), w) == 0) {
        pos_ += w.size();
        return value;
      }
    }
    fail("'fortran_order' must be True or False");
  }

  std::int64_t integer() {
    skip_spaces();
    std::int64_t v = 0;
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      v = v * 10 + (text_[pos_++] - '0');
      if (v > kMaxDimension) fail("a dimension is 2^40 or more");
    }
    if (pos_ == start) fail("the shape must hold non-negative integers");
    return v;
  }

  std::vector<std::int64_t> tuple() {
    std::vector<std::int64_t> dims;
    expect('(');
    while (!accept(')')) {
      dims.push_back(integer());
      if (!accept(',')) {
        expect(')');
        break;
      }
    }
    return dims;
  }

  void parse_descr(const std::string& d, NpyHeader& h) const {
    const bool order_ok =
        d.size() >= 3 && (d[0] == '<' || d[0] == '>' || d[0] == '|' || d[0] == '=');
    const bool kind_ok = order_ok && (d[1] == 'f' || d[1] == 'i' || d[1] == 'u');
    const std::string size = kind_ok ? d.substr(2) : "";
    const bool size_ok = size == "1" || size == "2" || size == "4" || size == "8";
    if (!size_ok || (d[1] == 'f' && (size == "1" || size == "2"))) {
      throw DataError(what_ + ": NPY dtype '" + d.substr(0, 20) +
                      "' is not supported (float32/64 or 8-64 bit integers)");
    }
    h.byte_order = d[0];
    h.kind = d[1];
    h.size = size[0] - '0';
  }

  const std::string& text_;
  const std::string& what_;
  size_t pos_ = 0;
};

}  // namespace

NpyHeader parse_npy_header(const std::string& text, const std::string& what) {
  return HeaderParser(text, what).parse();
}

}  // namespace xdd
