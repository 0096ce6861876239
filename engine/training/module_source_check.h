#pragma once
// A check of the TorchScript source files (code/__torch__/*.py) inside a LibTorch archive before
// LibTorch compiles them. An archive written by torch::serialize::OutputArchive only declares
// attribute classes, one per module:
//   class Module(Module):
//     __parameters__ = ["weight", "bias", ]
//     __buffers__ = []
//     weight : Tensor
//     state : __torch__.___torch_mangle_3.Module
//     __annotations__["0x55d0c0a1b2c0"] = Tensor
// LibTorch 1.13 crashed (a null dereference in ScriptTypeParser::parseClassConstant) on damaged
// copies of such files, so anything beyond these lines is refused first.
#include <functional>
#include <string>

namespace xdd {

// Whether the archive has the class __torch__.<name> (name "Module" or
// "___torch_mangle_<n>.Module").
using HasClass = std::function<bool(const std::string& name)>;

// DataError starting with `what` unless `text` is one class declaration of the form above, whose
// attribute types are Tensor, str, int, float, bool, Tuple/List/Optional/Dict of those, or a
// module class the archive has.
void check_module_source(const std::string& text, const std::string& what,
                         const HasClass& has_class);

}  // namespace xdd
