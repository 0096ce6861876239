#include "training/archive_io.h"

#include <c10/util/Exception.h>
#include <torch/utils.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"
#include "training/archive_check.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

using TensorPairs = std::vector<std::pair<torch::Tensor, torch::Tensor>>;  // (destination, source)

void collect_checked(torch::nn::Module& module, torch::serialize::InputArchive& archive,
                     const std::string& prefix, const fs::path& file, const std::string& what,
                     TensorPairs& pairs) {
  auto check = [&](const std::string& name, const torch::Tensor& dest, bool is_buffer) {
    torch::Tensor stored;
    if (!archive.try_read(name, stored, is_buffer)) {
      throw DataError(file.string() + ": " + what + " has no tensor '" + prefix + name +
                      "' (a file from another model or version?)");
    }
    if (stored.sizes() != dest.sizes() || stored.scalar_type() != dest.scalar_type()) {
      throw DataError(file.string() + ": " + what + " tensor '" + prefix + name + "' is " +
                      c10::str(stored.scalar_type(), stored.sizes()) + " but the model needs " +
                      c10::str(dest.scalar_type(), dest.sizes()) +
                      " (a file written for another network width?)");
    }
    pairs.emplace_back(dest, stored);
  };
  for (const auto& p : module.named_parameters(/*recurse=*/false)) check(p.key(), p.value(), false);
  for (const auto& b : module.named_buffers(/*recurse=*/false)) check(b.key(), b.value(), true);
  for (const auto& child : module.named_children()) {
    torch::serialize::InputArchive child_archive;
    if (!archive.try_read(child.key(), child_archive)) {
      throw DataError(file.string() + ": " + what + " has no part '" + prefix + child.key() + "'");
    }
    collect_checked(*child.value(), child_archive, prefix + child.key() + ".", file, what, pairs);
  }
}

[[noreturn]] void throw_corrupt(const fs::path& file, const std::exception& cause) {
  throw DataError(file.string() + " is corrupt or truncated (" + first_line(cause.what()) + ")");
}

std::string read_whole_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw IoError("cannot read " + file.string() + ": no such file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read " + file.string() + ": " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw IoError("cannot read " + file.string() + ": " + std::strerror(errno));
  return bytes;
}

}  // namespace

void decode_guarded(const fs::path& file, const std::function<void()>& read) {
  try {
    read();
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw_corrupt(file, e);
  }
}

void save_archive_atomically(const fs::path& file, torch::serialize::OutputArchive& archive) {
  write_atomically(file, [&](const fs::path& temp) {
    try {
      archive.save_to(temp.string());
    } catch (const c10::Error& e) {
      throw IoError("cannot write " + file.string() + ": " + first_line(e.what()));
    }
  });
}

void open_archive(const fs::path& file, torch::serialize::InputArchive& archive) {
  const std::string bytes = read_whole_file(file);
  check_archive(bytes, file);
  decode_guarded(file, [&] { archive.load_from(bytes.data(), bytes.size(), torch::kCPU); });
}

void write_format_tag(torch::serialize::OutputArchive& archive, const std::string& tag) {
  archive.write("xdd_format", c10::IValue(tag));
}

void check_format_tag(torch::serialize::InputArchive& archive, const std::string& tag,
                      const fs::path& file) {
  c10::IValue stored;
  if (!archive.try_read("xdd_format", stored) || !stored.isString() ||
      stored.toStringRef() != tag) {
    throw DataError(file.string() + " is not an XDD " + tag + " file");
  }
}

void read_modules_checked(torch::serialize::InputArchive& archive, const NamedModules& modules,
                          const fs::path& file) {
  TensorPairs pairs;
  decode_guarded(file, [&] {
    for (const auto& [name, module] : modules) {
      torch::serialize::InputArchive sub;
      if (!archive.try_read(name, sub)) throw DataError(file.string() + " has no " + name);
      collect_checked(*module, sub, "", file, name, pairs);
    }
  });
  torch::NoGradGuard no_grad;
  for (auto& [dest, stored] : pairs) dest.copy_(stored);
}

}  // namespace xdd
