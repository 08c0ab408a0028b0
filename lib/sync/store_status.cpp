// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the rows are loaded once per pair, so that a "put" becomes offlineimap's
// INSERT for a new UID and its UPDATE for a known one (a re-applied plan, or an upload found
// again after a crash, must not hit the UNIQUE constraint).  Intents are dropped in the same
// transaction that records their UIDs.
#include "sync/store_status.hpp"

#include <ctime>

#include "core/error.hpp"
#include "core/text.hpp"
#include "status/paths.hpp"

namespace oimap::sync {
namespace {

// The file must hold value after every run: a folder re-created on the server, or an empty
// one whose UIDVALIDITY changed, would otherwise be skipped by every later plan.  It is
// rewritten (atomically) only when it differs, which costs nothing on most runs.
void write_validity(const std::string& path, uint32_t value, bool durable) {
    std::optional<uint32_t> saved;
    try {
        saved = status::read_folder_validity(path);
    } catch (const FormatError&) {
        // Not a number: replaced below.
    }
    if (saved != value) status::write_folder_validity(path, value, durable);
}

}  // namespace

void SqliteStatus::open_pair(const std::string& status, const std::string& remote,
                             const std::string& local, uint32_t uid_validity) {
    db_.reset();
    std::string path = cat(options_.metadata, "/Account-", options_.account, "/LocalStatus-sqlite/", status);
    db_ = std::make_unique<status::Db>(status::Db::open(path, {.fsync = options_.fsync}));
    rows_ = db_->load();
    if (!options_.remote_repository.empty())
        write_validity(
            status::folder_validity_path(options_.metadata, options_.remote_repository, remote),
            uid_validity, options_.fsync);
    if (!options_.local_repository.empty())
        write_validity(
            status::folder_validity_path(options_.metadata, options_.local_repository, local), 42,
            options_.fsync);
}

void SqliteStatus::save_start_uid(const std::string& file, uint32_t uid) {
    // "<decimal>\n", like a FolderValidity file (offlineimap3 Base.save_min_uid).
    status::write_folder_validity(cat(options_.metadata, "/", file), uid, options_.fsync);
}

status::Db& SqliteStatus::db() const {
    if (!db_) throw IoError("cannot use the status database: no folder pair is open");
    return *db_;
}

std::optional<std::string> SqliteStatus::flags(uint32_t uid) const {
    auto it = rows_.find(uid);
    if (it == rows_.end()) return std::nullopt;
    return it->second.flags;
}

void SqliteStatus::apply(const StatusChange& change) {
    status::Batch batch;
    status::StatusRows next = rows_;
    for (const auto& [uid, flags] : change.put) {
        if (next.count(uid)) {
            batch.update_flags(uid, flags);
        } else {
            batch.insert(status::StatusRow{.uid = uid, .flags = flags});
        }
        next[uid].uid = uid;
        next[uid].flags = flags;
    }
    for (uint32_t uid : change.remove) {
        if (next.erase(uid)) batch.remove(uid);
    }
    batch.remove_intents = change.remove_intents;
    if (!batch.empty()) db().apply(batch);
    rows_ = std::move(next);
}

std::vector<int64_t> SqliteStatus::add_intents(
    const std::vector<std::pair<std::string, std::string>>& files_and_markers) {
    return db().add_intents(files_and_markers, static_cast<int64_t>(::time(nullptr)));
}

std::vector<UploadIntent> SqliteStatus::intents() const {
    std::vector<UploadIntent> out;
    for (const auto& i : db().intents()) out.push_back(UploadIntent{i.id, i.local_file, i.marker});
    return out;
}

}  // namespace oimap::sync
