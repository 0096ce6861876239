#pragma once
// The global --store option (the run store database) shared by `runs`, `figure` and `export`,
// plus the small formatting helpers their output uses.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace xdd::cli {

// Adds --store to the root app once (later calls find it) and makes `sub` and the subcommands
// added to it after this call pass unknown options up, so `xdd runs list --store F` and
// `xdd --store F runs list` both work.
void add_store_option(CLI::App& root, CLI::App& sub);

// The --store value, or store::default_store_path() when it was not given.
std::filesystem::path store_path(const CLI::App& root);

// "0.123" with three decimals, "-" for NaN or a missing value.
std::string fixed3(double v);
std::string fixed3(const std::optional<double>& v);

}  // namespace xdd::cli
