// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/sqlite.hpp"

#include <sqlite3.h>

#include <utility>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::status::sqlite {

Connection::Connection(const std::string& path, int timeout_ms, bool read_only) : path_(path) {
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw IoError(cat("cannot open status database '", path, "': ", message));
    }
    sqlite3_busy_timeout(db_, timeout_ms);
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Connection::~Connection() {
    if (db_)
        sqlite3_close(db_);
}

void Connection::fail(std::string_view what) const {
    throw IoError(cat("cannot ", what, " '", path_, "': ", sqlite3_errmsg(db_)));
}

void Connection::exec(const char* sql, std::string_view what) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(what);
}

Statement Connection::prepare(const char* sql) const {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) {
        fail("prepare a statement for");
    }
    return Statement(*this, statement);
}

bool Connection::has_table(std::string_view name) const {
    Statement query = prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
    query.bind(1, name);
    return query.step("read the schema of");
}

int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}

Statement::Statement(const Connection& connection, sqlite3_stmt* statement)
    : connection_(&connection), statement_(statement) {}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), statement_(std::exchange(other.statement_, nullptr)) {}

Statement::~Statement() {
    if (statement_)
        sqlite3_finalize(statement_);
}

Statement& Statement::bind(int index, int64_t value) {
    if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK)
        connection_->fail("bind for");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        connection_->fail("bind for");
    }
    return *this;
}

bool Statement::step(std::string_view what) {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    connection_->fail(what);
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(statement_, column);
}

std::string Statement::text(int column) const {
    auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (data == nullptr)
        return {};
    return std::string(data, static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
    connection_.exec("BEGIN IMMEDIATE", "begin a transaction on");
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            connection_.exec("ROLLBACK", "roll back");
        } catch (const Error&) {
            // Already rolled back by SQLite after the failure; nothing left to undo.
        }
    }
}

void Transaction::commit() {
    connection_.exec("COMMIT", "commit to");
    done_ = true;
}

}  // namespace oimap::status::sqlite
