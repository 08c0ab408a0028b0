// SPDX-License-Identifier: GPL-2.0-or-later
// Thin RAII wrappers over the SQLite C API; every failure becomes an IoError naming the
// database file. Private to lib/status.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace oimap::status::sqlite {

class Statement;

/// An open database connection.
class Connection {
public:
    /// Opens path read-write (creating it), or read-only, with a busy timeout: offlineimap
    /// retries "database is locked" for ever, we wait up to timeout_ms. Throws IoError.
    Connection(const std::string& path, int timeout_ms, bool read_only = false);
    Connection(Connection&&) noexcept;
    ~Connection();

    /// Runs one or more statements without results; throws IoError "cannot <what> '<path>':
    /// <sqlite message>".
    void exec(const char* sql, std::string_view what);
    Statement prepare(const char* sql) const;
    /// True if the table exists.
    bool has_table(std::string_view name) const;
    [[noreturn]] void fail(std::string_view what) const;
    const std::string& path() const { return path_; }
    int64_t last_insert_rowid() const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

/// A prepared statement; bind indexes are 1-based, column indexes 0-based.
class Statement {
public:
    Statement(const Connection& connection, sqlite3_stmt* statement);
    Statement(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, std::string_view text);
    /// Steps once: true if a row is available, false when done; throws IoError.
    bool step(std::string_view what);
    void reset();
    bool is_null(int column) const;
    int64_t int64(int column) const;
    std::string text(int column) const;

private:
    const Connection* connection_;
    sqlite3_stmt* statement_;
};

/// BEGIN IMMEDIATE ... COMMIT; rolled back if destroyed before commit().
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    void commit();

private:
    Connection& connection_;
    bool done_ = false;
};

}  // namespace oimap::status::sqlite
