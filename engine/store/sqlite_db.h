#pragma once
// A thin RAII layer over the SQLite C API: one connection, prepared statements and transactions.
// Every SQLite failure becomes a typed error that names the database file, so callers never see
// raw result codes.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace xdd::sql {

class Database {
 public:
  // Opens (and creates if missing) `file`. IoError when it cannot be opened.
  explicit Database(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows we need.
  void exec(const std::string& sql);
  // Runs a statement that returns one text value (a PRAGMA, for example).
  std::string query_text(const std::string& sql);

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& file() const { return file_; }

  // Throws the typed error for SQLite result `rc` while doing `what`: DataError for a corrupt or
  // foreign file, IoError for disk, permission and lock problems.
  [[noreturn]] void fail(int rc, const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind_null(int index);
  // Binds NULL for an empty optional or a NaN (JSON and SQLite have no NaN).
  Statement& bind(int index, std::optional<double> value);

  // Advances to the next row; false once the statement is done.
  bool step();
  // Steps a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::optional<double> optional_real(int column) const;
  std::string text(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so a busy database waits in
// busy_timeout instead of failing half-way), ROLLBACK in the destructor unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// A deferred read transaction: every query inside it sees the same committed state (in WAL mode a
// reader takes a snapshot and never blocks the writer). Ends in the destructor.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

}  // namespace xdd::sql
