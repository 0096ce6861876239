#include "training/archive_check.h"

#include <map>
#include <set>

#include "core/error.h"
#include "training/module_source_check.h"
#include "training/pickle_check.h"
#include "training/zip_entries.h"

namespace xdd {
namespace {

bool all_digits(const std::string& s, size_t from = 0) {
  if (s.size() <= from || s.size() - from > 9) return false;
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The class a code file declares ("Module", "___torch_mangle_3.Module"), or "" for another name.
std::string class_of_code_file(const std::string& name) {
  if (name == "code/__torch__.py") return "Module";
  const std::string prefix = "code/__torch__/___torch_mangle_";
  if (name.compare(0, prefix.size(), prefix) != 0 || !ends_with(name, ".py")) return "";
  const std::string number = name.substr(prefix.size(), name.size() - prefix.size() - 3);
  return all_digits(number) ? "___torch_mangle_" + number + ".Module" : "";
}

}  // namespace

void check_archive(const std::string& bytes, const std::filesystem::path& file) {
  const std::string what = file.string();
  const std::vector<ZipEntry> entries = read_stored_zip(bytes, what);
  const auto fail = [&](const std::string& why) {
    throw DataError(what + " is corrupt or not an archive these programs write: " + why);
  };
  if (entries.empty()) fail("it is empty");
  const std::string top = entries[0].name.substr(0, entries[0].name.find('/') + 1);
  if (top.size() < 2) fail("its entries are not in one folder");

  std::map<std::string, const ZipEntry*> by_name;  // names inside the top folder
  for (const ZipEntry& e : entries) {
    if (e.name.compare(0, top.size(), top) != 0) fail("its entries are not in one folder");
    by_name[e.name.substr(top.size())] = &e;
  }
  auto content = [&](const ZipEntry& e) {
    return e.deflated ? e.inflated : bytes.substr(e.offset, e.size);
  };

  std::set<std::string> classes;
  std::vector<const ZipEntry*> pickles, sources;
  for (const auto& [name, e] : by_name) {
    const std::string cls = class_of_code_file(name);
    if (!cls.empty()) {
      classes.insert(cls);
      sources.push_back(e);
    } else if (name == "data.pkl" || name == "constants.pkl" ||
               (ends_with(name, ".py.debug_pkl") &&
                !class_of_code_file(name.substr(0, name.size() - 10)).empty())) {
      pickles.push_back(e);
    } else if (name.compare(0, 5, "data/") == 0 && all_digits(name, 5)) {
      // The pickles' storage checks count on the record's size in the file being its size.
      if (e->deflated) fail("its tensor record '" + name + "' is deflated; LibTorch stores them");
    } else if (name != "version") {
      fail("it has an entry '" + name.substr(0, 80) + "'");
    }
  }
  for (const char* required : {"version", "data.pkl", "constants.pkl", "code/__torch__.py"}) {
    if (!by_name.count(required)) fail(std::string("it has no ") + required);
  }
  const std::string version = content(*by_name["version"]);
  if (!all_digits(version.substr(0, version.find('\n'))) || version.back() != '\n' ||
      std::stoi(version) < 1 || std::stoi(version) > 10) {
    fail("its version record is not a format version LibTorch writes");
  }

  const RecordSize record = [&](const std::string& key) -> std::optional<size_t> {
    const auto it = by_name.find("data/" + key);
    if (it == by_name.end()) return std::nullopt;
    return it->second->size;
  };
  for (const ZipEntry* e : pickles) check_pickle(content(*e), what + " (" + e->name + ")", record);
  const HasClass has_class = [&](const std::string& cls) { return classes.count(cls) > 0; };
  for (const ZipEntry* e : sources) {
    check_module_source(content(*e), what + " (" + e->name + ")", has_class);
  }
}

}  // namespace xdd
