// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the file stays in SQLite's default rollback-journal mode, as
// offlineimap3 leaves it. We never switch to WAL: WAL is a persistent property of the file,
// it needs -wal and -shm files beside it and shared memory (no network file systems, no
// read-only copies), and users copy or back up ~/.offlineimap as plain files and go back to
// offlineimap3 at will. A rollback-journal file is complete in itself after every commit.
// offlineimap3 commits after each statement; we commit once per Batch, which is atomic too.
#include "status/db.hpp"
#include "status/facts.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "status/schema.sql.hpp"
#include "status/sqlite.hpp"

namespace oimap::status {
namespace {

constexpr auto kLogCategory = log::Category::kStatus;
constexpr int kBusyTimeoutMs = 60'000;

// The version in metadata, or nullopt when there is no metadata table (a new or empty file:
// offlineimap's "DatabaseError -> create").
std::optional<int> stored_version(const sqlite::Connection& db) {
    if (!db.has_table("metadata"))
        return std::nullopt;
    sqlite::Statement query = db.prepare(sql::kSelectVersion);
    if (!query.step("read the version of")) {
        throw FormatError(cat("cannot use status database '", db.path(), "': no db_version"));
    }
    auto version = parse_number<int>(trim(query.text(0)));
    if (!version) {
        throw FormatError(cat("cannot use status database '", db.path(), "': db_version '",
                              log::sanitize(query.text(0)), "' is not a number"));
    }
    return version;
}

Opened create_or_upgrade(sqlite::Connection& db) {
    sqlite::Transaction transaction(db);
    std::optional<int> version = stored_version(db);
    Opened opened = Opened::kExisting;
    if (!version) {
        log::debug(kLogCategory, cat("creating status database '", db.path(), "'"));
        db.exec(sql::kCreate, "create the schema of");
        opened = Opened::kCreated;
    } else if (*version < sql::kCurrentVersion) {
        log::debug(kLogCategory, cat("upgrading '", db.path(), "' from version 1 to version 2"));
        db.exec(sql::kUpgradeFromV1, "upgrade");
        opened = Opened::kUpgraded;
    }
    transaction.commit();
    return opened;
}

}  // namespace

struct Db::Impl {
    sqlite::Connection db;
    Opened opened = Opened::kExisting;
};

std::string join_labels(const std::set<std::string>& labels) {
    std::string out;
    for (const auto& label : labels)
        out += (out.empty() ? "" : ", ") + label;
    return out;
}

std::set<std::string> split_labels(std::string_view text) {
    // Python's str.strip(): the ASCII whitespace it knows, \x1c-\x1f included.
    constexpr std::string_view kSpace = " \t\n\r\v\f\x1c\x1d\x1e\x1f";
    std::set<std::string> out;
    for (std::string_view item : split(text, ',')) {
        size_t begin = item.find_first_not_of(kSpace);
        if (begin == std::string_view::npos)
            continue;
        size_t end = item.find_last_not_of(kSpace);
        out.emplace(item.substr(begin, end - begin + 1));
    }
    return out;
}

void Batch::update_flags(uint32_t uid, std::string flags) {
    ops.push_back({Op::Kind::kUpdateFlags, StatusRow{.uid = uid, .flags = std::move(flags)}});
}

void Batch::update_labels(uint32_t uid, std::set<std::string> labels,
                          std::optional<int64_t> mtime) {
    ops.push_back({Op::Kind::kUpdateLabels,
                   StatusRow{.uid = uid, .mtime = mtime.value_or(0), .labels = std::move(labels)},
                   mtime.has_value()});
}

void Batch::update_mtime(uint32_t uid, int64_t mtime) {
    ops.push_back({Op::Kind::kUpdateMtime, StatusRow{.uid = uid, .mtime = mtime}});
}

void Batch::remove(uint32_t uid) {
    ops.push_back({Op::Kind::kDelete, StatusRow{.uid = uid}});
}

Db Db::open(const std::string& path, DbOptions options) {
    fs::make_directories(fs::dirname(path), 0700);
    sqlite::Connection db(path, kBusyTimeoutMs);
    db.exec(options.fsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", "configure");
    Opened opened = create_or_upgrade(db);
    return Db(std::make_unique<Impl>(Impl{std::move(db), opened}));
}

Db::Db(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Db::Db(Db&&) noexcept = default;
Db& Db::operator=(Db&&) noexcept = default;
Db::~Db() = default;

Opened Db::opened() const {
    return impl_->opened;
}
const std::string& Db::path() const {
    return impl_->db.path();
}

namespace {

void bind_op(sqlite::Statement& statement, const Batch::Op& op) {
    const StatusRow& row = op.row;
    using Kind = Batch::Op::Kind;
    switch (op.kind) {
        case Kind::kInsert:
            statement.bind(1, int64_t(row.uid)).bind(2, row.flags).bind(3, row.mtime);
            statement.bind(4, join_labels(row.labels));
            return;
        case Kind::kUpdateFlags:
            statement.bind(1, row.flags).bind(2, int64_t(row.uid));
            return;
        case Kind::kUpdateLabels:
            statement.bind(1, join_labels(row.labels));
            if (op.with_mtime) {
                statement.bind(2, row.mtime).bind(3, int64_t(row.uid));
            } else {
                statement.bind(2, int64_t(row.uid));
            }
            return;
        case Kind::kUpdateMtime:
            statement.bind(1, row.mtime).bind(2, int64_t(row.uid));
            return;
        case Kind::kDelete:
            statement.bind(1, int64_t(row.uid));
            return;
    }
}

const char* sql_of(const Batch::Op& op) {
    using Kind = Batch::Op::Kind;
    switch (op.kind) {
        case Kind::kInsert:
            return sql::kInsert;
        case Kind::kUpdateFlags:
            return sql::kUpdateFlags;
        case Kind::kUpdateLabels:
            return op.with_mtime ? sql::kUpdateLabelsMtime : sql::kUpdateLabels;
        case Kind::kUpdateMtime:
            return sql::kUpdateMtime;
        case Kind::kDelete:
            return sql::kDelete;
    }
    return nullptr;
}

}  // namespace

void Db::apply(const Batch& batch) {
    if (batch.empty())
        return;
    sqlite::Transaction transaction(impl_->db);
    std::map<const char*, sqlite::Statement> statements;  // one prepared statement per SQL text
    for (const auto& op : batch.ops) {
        const char* text = sql_of(op);
        auto it = statements.find(text);
        if (it == statements.end())
            it = statements.emplace(text, impl_->db.prepare(text)).first;
        sqlite::Statement& statement = it->second;
        bind_op(statement, op);
        statement.step("update status");
        statement.reset();
    }
    if (!batch.remove_intents.empty() && impl_->db.has_table("oimap_intent")) {
        sqlite::Statement remove = impl_->db.prepare("DELETE FROM oimap_intent WHERE id=?");
        for (int64_t id : batch.remove_intents) {
            remove.bind(1, id);
            remove.step("update");
            remove.reset();
        }
    }
    note_our_write(impl_->db);
    transaction.commit();
    log::debug(kLogCategory, cat("applied ", batch.ops.size(), " changes to '", path(), "'"));
}

namespace {

FolderState read_folder_state(const sqlite::Connection& db) {
    FolderState state;
    if (!db.has_table("oimap_folder"))
        return state;
    sqlite::Statement query = db.prepare("SELECT key, value FROM oimap_folder");
    while (query.step("read")) {
        std::string key = query.text(0), value = query.text(1);
        if (key == "uidvalidity")
            state.uid_validity = parse_number<uint32_t>(value);
        if (key == "highestmodseq")
            state.highest_modseq = parse_number<uint64_t>(value);
        if (key == "uidnext")
            state.uid_next = parse_number<uint32_t>(value);
        if (key == "fingerprint")
            state.fingerprint = value;
    }
    return state;
}

std::vector<Intent> read_intents(const sqlite::Connection& db) {
    std::vector<Intent> out;
    if (!db.has_table("oimap_intent"))
        return out;
    sqlite::Statement query =
        db.prepare("SELECT id, local_file, marker, created FROM oimap_intent ORDER BY id");
    while (query.step("read")) {
        out.push_back({query.int64(0), query.text(1), query.text(2), query.int64(3)});
    }
    return out;
}

// Rows; a version-1 table has only id and flags.
StatusRows read_rows(const sqlite::Connection& db, int version) {
    StatusRows rows;
    sqlite::Statement query =
        db.prepare(version >= 2 ? sql::kSelectAll : "SELECT id,flags,0,'' from status");
    while (query.step("read")) {
        int64_t id = query.int64(0);
        if (id <= 0 || id > int64_t(UINT32_MAX)) {
            log::warning(cat("ignoring status row with id ", id, " in '", db.path(), "'"));
            continue;
        }
        auto uid = static_cast<uint32_t>(id);
        rows[uid] = StatusRow{.uid = uid,
                              .flags = query.text(1),
                              .mtime = query.is_null(2) ? 0 : query.int64(2),
                              .labels = split_labels(query.text(3))};
    }
    return rows;
}

}  // namespace

StatusRows Db::load() const {
    return read_rows(impl_->db, sql::kCurrentVersion);
}

FolderState Db::folder_state() const {
    return read_folder_state(impl_->db);
}

void Db::save_folder_state(const FolderState& state) {
    sqlite::Transaction transaction(impl_->db);
    impl_->db.exec(sql::kCreateExtra, "create our tables in");
    impl_->db.exec("DELETE FROM oimap_folder", "update");
    sqlite::Statement insert =
        impl_->db.prepare("INSERT INTO oimap_folder (key, value) VALUES (?, ?)");
    auto put = [&](const char* key, const std::string& value) {
        insert.bind(1, key).bind(2, value);
        insert.step("update");
        insert.reset();
    };
    if (state.uid_validity)
        put("uidvalidity", std::to_string(*state.uid_validity));
    if (state.highest_modseq)
        put("highestmodseq", std::to_string(*state.highest_modseq));
    if (state.uid_next)
        put("uidnext", std::to_string(*state.uid_next));
    put("fingerprint", state.fingerprint);
    transaction.commit();
}

int64_t Db::add_intent(const std::string& local_file, const std::string& marker, int64_t now) {
    return add_intents({{local_file, marker}}, now).front();
}

std::vector<int64_t> Db::add_intents(
    const std::vector<std::pair<std::string, std::string>>& files_and_markers, int64_t now) {
    sqlite::Transaction transaction(impl_->db);
    impl_->db.exec(sql::kCreateExtra, "create our tables in");
    sqlite::Statement insert = impl_->db.prepare(
        "INSERT INTO oimap_intent (local_file, marker, created) VALUES (?, ?, ?)");
    std::vector<int64_t> ids;
    for (const auto& [local_file, marker] : files_and_markers) {
        insert.bind(1, local_file).bind(2, marker).bind(3, now);
        insert.step("journal an upload in");
        insert.reset();
        ids.push_back(impl_->db.last_insert_rowid());
    }
    note_our_write(impl_->db);
    transaction.commit();
    return ids;
}

void Db::remove_intent(int64_t id) {
    if (!impl_->db.has_table("oimap_intent"))
        return;
    sqlite::Transaction transaction(impl_->db);
    sqlite::Statement remove = impl_->db.prepare("DELETE FROM oimap_intent WHERE id=?");
    remove.bind(1, id);
    remove.step("update");
    note_our_write(impl_->db);
    transaction.commit();
}

std::vector<Intent> Db::intents() const {
    return read_intents(impl_->db);
}

std::optional<StatusSnapshot> read_status(const std::string& path) {
    if (::access(path.c_str(), F_OK) != 0) {
        if (errno == ENOENT)
            return std::nullopt;
        throw_errno("read status database", path);
    }
    sqlite::Connection db(path, kBusyTimeoutMs, true);
    StatusSnapshot snapshot;
    snapshot.version = stored_version(db).value_or(0);
    if (snapshot.version == 0)
        return snapshot;
    snapshot.rows = read_rows(db, snapshot.version);
    snapshot.state = read_folder_state(db);
    snapshot.intents = read_intents(db);
    return snapshot;
}

void Db::purge(const std::string& path) {
    for (const std::string& file : {path, path + "-journal"}) {
        if (::unlink(file.c_str()) != 0 && errno != ENOENT)
            throw_errno("remove", file);
    }
}

std::string status_fingerprint(const StatusRows& rows) {
    // FNV-1a, 64 bits, over "uid|flags|mtime|labels\n" in UID order.
    uint64_t hash = 0xcbf29ce484222325ull;
    auto feed = [&hash](std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash ^= c;
            hash *= 0x100000001b3ull;
        }
    };
    for (const auto& [uid, row] : rows) {
        feed(cat(uid, '|', row.flags, '|', row.mtime, '|', join_labels(row.labels), '\n'));
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return cat(rows.size(), '-', hex);
}

}  // namespace oimap::status
