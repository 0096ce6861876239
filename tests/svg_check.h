#pragma once
// A small XML well-formedness check and element scanner for the SVG files the figures write
// (no XML library is linked). It checks that tags balance and nest, attributes are quoted and
// unique, and entities are known; and it lists every element with its attributes.
#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace xdd::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attrs;
};

// Returns "" when `xml` is well formed, else what is wrong; fills `elements` in document order.
inline std::string check_xml(const std::string& xml, std::vector<XmlElement>* elements) {
  std::vector<std::string> open;
  size_t i = 0, roots = 0;
  auto entity_ok = [&](size_t at) {
    const size_t semi = xml.find(';', at);
    if (semi == std::string::npos) return false;
    const std::string e = xml.substr(at + 1, semi - at - 1);
    return e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos" ||
           (!e.empty() && e[0] == '#');
  };
  while (i < xml.size()) {
    if (xml[i] == '&' && !entity_ok(i)) return "bad entity at " + std::to_string(i);
    if (xml[i] != '<') {
      if (xml[i] == '>') return "stray '>' at " + std::to_string(i);
      ++i;
      continue;
    }
    if (xml.compare(i, 4, "<!--") == 0) {
      const size_t end = xml.find("-->", i);
      if (end == std::string::npos) return "unclosed comment";
      i = end + 3;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0 || xml.compare(i, 2, "<!") == 0) {
      const size_t end = xml.find('>', i);
      if (end == std::string::npos) return "unclosed declaration";
      i = end + 1;
      continue;
    }
    const bool closing = xml[i + 1] == '/';
    size_t p = i + (closing ? 2 : 1);
    const size_t name_start = p;
    while (p < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[p])) || xml[p] == ':' ||
                              xml[p] == '-' || xml[p] == '_'))
      ++p;
    const std::string name = xml.substr(name_start, p - name_start);
    if (name.empty()) return "empty tag name at " + std::to_string(i);
    XmlElement el{name, {}};
    bool self_closing = false;
    while (true) {
      while (p < xml.size() && std::isspace(static_cast<unsigned char>(xml[p]))) ++p;
      if (p >= xml.size()) return "unterminated tag <" + name;
      if (xml[p] == '>') break;
      if (xml.compare(p, 2, "/>") == 0) {
        self_closing = true;
        ++p;
        break;
      }
      if (closing) return "attributes on closing tag </" + name;
      const size_t a = p;
      while (p < xml.size() && xml[p] != '=' && !std::isspace(static_cast<unsigned char>(xml[p])) &&
             xml[p] != '>')
        ++p;
      const std::string attr = xml.substr(a, p - a);
      if (p >= xml.size() || xml[p] != '=') return "attribute " + attr + " without value";
      ++p;
      const char q = xml[p];
      if (q != '"' && q != '\'') return "unquoted attribute " + attr;
      const size_t end = xml.find(q, p + 1);
      if (end == std::string::npos) return "unclosed attribute " + attr;
      const std::string value = xml.substr(p + 1, end - p - 1);
      if (value.find('<') != std::string::npos) return "'<' in attribute " + attr;
      if (!el.attrs.emplace(attr, value).second) return "duplicate attribute " + attr;
      p = end + 1;
    }
    if (closing) {
      if (open.empty() || open.back() != name) return "mismatched </" + name + ">";
      open.pop_back();
    } else {
      if (open.empty() && ++roots > 1) return "more than one root element";
      if (elements) elements->push_back(el);
      if (!self_closing) open.push_back(name);
    }
    i = p + 1;
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (roots != 1) return "no root element";
  return "";
}

}  // namespace xdd::test
