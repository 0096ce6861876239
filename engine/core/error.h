#pragma once
// Typed errors the engine throws. Each message names what is wrong in words a user can act on;
// the CLI prints it and exits 2, the app shows it in a modal. The engine never calls exit().
#include <stdexcept>
#include <string>

namespace xdd {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A parameter, flag or config key outside its valid range.
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

// A file whose content is not what it claims to be (wrong magic, truncated, corrupt checkpoint).
class DataError : public Error {
 public:
  using Error::Error;
};

// A file or folder that cannot be read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

// Training went wrong (a NaN or Inf loss, a diverged run).
class TrainingError : public Error {
 public:
  using Error::Error;
};

// Thrown from inside a training loop when the caller asked it to stop.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace xdd
