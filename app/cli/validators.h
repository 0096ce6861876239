#pragma once
// CLI11 checks whose messages read well (CLI11's NonNegativeNumber prints the largest double as
// its upper bound).
#include <CLI/CLI.hpp>

#include <string>

namespace xdd::cli {

inline CLI::Validator non_negative() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        double number = 0;
        if (!CLI::detail::lexical_cast(value, number) || !(number >= 0)) {
          return "Value " + value + " must be a number >= 0";
        }
        return {};
      },
      ">= 0", "NONNEGATIVE");
}

}  // namespace xdd::cli
