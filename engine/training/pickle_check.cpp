#include "training/pickle_check.h"

#include <cstdint>
#include <vector>

#include "core/error.h"

namespace xdd {
namespace {

// What the check knows about a value on the pickle's stack: enough to read a storage's
// persistent id ('storage', torch.<Type>Storage, key, location, numel).
struct Value {
  enum Kind { kOther, kString, kInt, kGlobal, kTuple } kind = kOther;
  std::string text;  // a string, or a global's "module.name"
  int64_t number = 0;
  std::vector<Value> items;  // a short tuple's items
};

// Bytes per element of the storage classes LibTorch writes; 0 for any other global.
size_t storage_item_size(const std::string& global) {
  static const std::pair<const char*, size_t> kStorages[] = {
      {"torch.FloatStorage", 4},    {"torch.DoubleStorage", 8}, {"torch.HalfStorage", 2},
      {"torch.BFloat16Storage", 2}, {"torch.LongStorage", 8},   {"torch.IntStorage", 4},
      {"torch.ShortStorage", 2},    {"torch.CharStorage", 1},   {"torch.ByteStorage", 1},
      {"torch.BoolStorage", 1}};
  for (const auto& [name, size] : kStorages) {
    if (global == name) return size;
  }
  return 0;
}

bool allowed_global(const std::string& module, const std::string& name) {
  if (module == "torch" && storage_item_size("torch." + name) != 0) return true;
  if (module == "torch._utils" && name == "_rebuild_tensor_v2") return true;
  if (module == "collections" && name == "OrderedDict") return true;
  if (module == "torch.jit._pickle") {
    return name == "build_intlist" || name == "build_doublelist" || name == "build_boollist" ||
           name == "build_tensorlist" || name == "restore_type_tag";
  }
  // The classes of the archive's modules: __torch__.Module, __torch__.___torch_mangle_<n>.Module.
  const std::string mangled = "__torch__.___torch_mangle_";
  if (name != "Module") return false;
  if (module == "__torch__") return true;
  if (module.compare(0, mangled.size(), mangled) != 0 || module.size() == mangled.size()) {
    return false;
  }
  for (size_t i = mangled.size(); i < module.size(); ++i) {
    if (module[i] < '0' || module[i] > '9') return false;
  }
  return module.size() - mangled.size() <= 9;
}

class PickleChecker {
 public:
  PickleChecker(const std::string& bytes, const std::string& what, const RecordSize& record)
      : b_(bytes), what_(what), record_(record) {}

  void run() {
    if (b_.size() < 3 || static_cast<uint8_t>(b_[0]) != 0x80 || b_[1] != 2) {
      fail("it does not start as a protocol 2 pickle");
    }
    pos_ = 2;
    while (true) {
      need(1);
      const auto op = static_cast<uint8_t>(b_[pos_++]);
      if (op == '.') break;
      step(op);
    }
    if (stack_.size() != 1 || !marks_.empty()) fail("STOP with a stack that is not one value");
    if (pos_ != b_.size()) fail("bytes after its STOP");
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw DataError(what_ + " is corrupt: " + why + " (at byte " + std::to_string(pos_) + ")");
  }

  void need(size_t n) const {
    if (n > b_.size() - pos_) fail("it ends inside an opcode");
  }
  uint64_t little(size_t n) {
    need(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(static_cast<uint8_t>(b_[pos_ + i])) << 8 * i;
    pos_ += n;
    return v;
  }
  std::string line() {
    const size_t end = b_.find('\n', pos_);
    if (end == std::string::npos || end - pos_ > 200) fail("a GLOBAL name is not terminated");
    std::string s = b_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }

  // Values above the innermost mark: the only ones an opcode may take.
  size_t available() const { return stack_.size() - (marks_.empty() ? 0 : marks_.back()); }
  Value pop() {
    if (available() == 0) fail("an opcode takes a value the stack does not have");
    Value v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  void take(size_t n) {
    for (size_t i = 0; i < n; ++i) pop();
  }
  // The values since the innermost mark, which is removed.
  std::vector<Value> pop_mark() {
    if (marks_.empty()) fail("an opcode needs a MARK there is none of");
    std::vector<Value> items(stack_.begin() + static_cast<std::ptrdiff_t>(marks_.back()),
                             stack_.end());
    stack_.resize(marks_.back());
    marks_.pop_back();
    return items;
  }
  void push(Value v = {}) { stack_.push_back(std::move(v)); }
  void push_int(int64_t n) {
    Value v;
    v.kind = Value::kInt;
    v.number = n;
    push(std::move(v));
  }
  void push_tuple(std::vector<Value> items) {
    Value v;
    v.kind = Value::kTuple;
    if (items.size() <= 8) v.items = std::move(items);
    push(std::move(v));
  }

  // Checks a storage's persistent id against the record that holds its data.
  void check_storage(const Value& id) {
    const auto& t = id.items;
    if (id.kind != Value::kTuple || t.size() != 5 || t[0].kind != Value::kString ||
        t[0].text != "storage" || t[1].kind != Value::kGlobal || t[2].kind != Value::kString ||
        t[3].kind != Value::kString || t[4].kind != Value::kInt) {
      fail("a persistent id that is not a tensor storage");
    }
    const size_t item = storage_item_size(t[1].text);
    const std::optional<size_t> size = record_(t[2].text);
    if (item == 0) fail("a storage of unknown type " + t[1].text);
    if (!size) fail("a storage whose record '" + t[2].text.substr(0, 40) + "' is missing");
    if (t[4].number < 0 || static_cast<uint64_t>(t[4].number) > *size / item) {
      fail("a storage of " + std::to_string(t[4].number) + " elements in a record of " +
           std::to_string(*size) + " bytes");
    }
  }

  void step(uint8_t op) {
    switch (op) {
      case '(':
        marks_.push_back(stack_.size());
        return;
      case ')':
      case ']':
      case '}':
      case 'N':
      case 0x88:  // NEWTRUE
      case 0x89:  // NEWFALSE
        return push();
      case 'K':
        return push_int(static_cast<int64_t>(little(1)));
      case 'M':
        return push_int(static_cast<int64_t>(little(2)));
      case 'J':
        return push_int(static_cast<int32_t>(static_cast<uint32_t>(little(4))));
      case 'G':
        little(8);
        return push();
      case 0x8a: {  // LONG1
        const size_t n = little(1);
        if (n > 8) fail("an integer of more than 64 bits");
        need(n);
        pos_ += n;
        return push();
      }
      case 'X': {  // BINUNICODE
        const size_t n = little(4);
        need(n);
        Value v;
        v.kind = Value::kString;
        v.text = b_.substr(pos_, std::min<size_t>(n, 64));
        pos_ += n;
        return push(std::move(v));
      }
      case 'c': {  // GLOBAL
        const std::string module = line();
        const std::string name = line();
        if (!allowed_global(module, name)) {
          fail("GLOBAL " + module.substr(0, 60) + "." + name.substr(0, 60) +
               " is not a class these archives use");
        }
        Value v;
        v.kind = Value::kGlobal;
        v.text = module + "." + name;
        return push(std::move(v));
      }
      case 'q':
        return put(little(1));
      case 'r':
        return put(little(4));
      case 'h':
        return get(little(1));
      case 'j':
        return get(little(4));
      case 't':
        return push_tuple(pop_mark());
      case 0x85:    // TUPLE1
      case 0x86:    // TUPLE2
      case 0x87: {  // TUPLE3
        std::vector<Value> items(op - 0x84);
        for (size_t i = items.size(); i-- > 0;) items[i] = pop();
        return push_tuple(std::move(items));
      }
      case 'e':    // APPENDS
      case 'u': {  // SETITEMS
        const std::vector<Value> items = pop_mark();
        if (op == 'u' && items.size() % 2 != 0) fail("SETITEMS with an unpaired key");
        if (available() == 0) fail("APPENDS or SETITEMS without a container");
        return;
      }
      case 'a':  // APPEND
        take(1);
        if (available() == 0) fail("APPEND without a list");
        return;
      case 's':  // SETITEM
        take(2);
        if (available() == 0) fail("SETITEM without a dict");
        return;
      case 'b':  // BUILD
        take(1);
        if (available() == 0) fail("BUILD without an object");
        return;
      case 'R':   // REDUCE
      case 0x81:  // NEWOBJ
        take(2);
        return push();
      case 'Q':  // BINPERSID
        check_storage(pop());
        return push();
      default:
        fail("opcode " + std::to_string(op) + " is not one LibTorch writes");
    }
  }

  // Memo slots are written in order, so an index can never ask for more slots than values seen.
  void put(uint64_t index) {
    if (stack_.empty()) fail("a memo write with an empty stack");
    if (index > memo_.size()) fail("a memo index out of order");
    if (index == memo_.size()) memo_.emplace_back();
    memo_[index] = stack_.back();
  }
  void get(uint64_t index) {
    if (index >= memo_.size()) fail("a memo read of a slot never written");
    push(memo_[index]);
  }

  const std::string& b_;
  const std::string& what_;
  const RecordSize& record_;
  size_t pos_ = 0;
  std::vector<Value> stack_;
  std::vector<size_t> marks_;
  std::vector<Value> memo_;
};

}  // namespace

void check_pickle(const std::string& bytes, const std::string& what, const RecordSize& record) {
  PickleChecker(bytes, what, record).run();
}

}  // namespace xdd
