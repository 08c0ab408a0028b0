// SPDX-License-Identifier: GPL-2.0-or-later
// One folder's status database, the SQLite file offlineimap3's LocalStatusSQLite keeps
// (spec §7.3): a row per message synchronised, keyed by the remote UID, with the Maildir
// flag letters both sides last agreed on. The only SQLite user in the project.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace oimap::status {

/// One row of the status table.
struct StatusRow {
    uint32_t uid = 0;
    std::string flags;             ///< Maildir letters, stored as given (callers normalize)
    int64_t mtime = 0;             ///< 0 except with GmailMaildir label sync
    std::set<std::string> labels;  ///< stored ', '-joined in sorted order
};

using StatusRows = std::map<uint32_t, StatusRow>;

/// offlineimap's label string: ', '-joined sorted labels, and its inverse (split on ',',
/// strip, drop empty items; NULL reads as no labels).
std::string join_labels(const std::set<std::string>& labels);
std::set<std::string> split_labels(std::string_view text);

/// A group of status changes applied in one transaction, with offlineimap3's statements.
struct Batch {
    struct Op {
        enum class Kind { kInsert, kUpdateFlags, kUpdateLabels, kUpdateMtime, kDelete } kind;
        StatusRow row;            ///< uid always; the other fields as the kind needs
        bool with_mtime = false;  ///< kUpdateLabels: also set mtime
    };
    std::vector<Op> ops;

    /// INSERT; applying it fails if the UID is already there.
    void insert(StatusRow row) { ops.push_back({Op::Kind::kInsert, std::move(row)}); }
    void update_flags(uint32_t uid, std::string flags);
    void update_labels(uint32_t uid, std::set<std::string> labels, std::optional<int64_t> mtime);
    void update_mtime(uint32_t uid, int64_t mtime);
    void remove(uint32_t uid);
    /// Intents (Db::add_intents) to drop in the same transaction.
    std::vector<int64_t> remove_intents;
    bool empty() const { return ops.empty() && remove_intents.empty(); }
};

/// How open() found the file.
enum class Opened { kExisting, kCreated, kUpgraded };

/// Our own per-folder state, kept beside offlineimap's. It is a cache: offlineimap3 does
/// not maintain it, so it is valid only while status_fingerprint() of the rows still equals
/// the fingerprint saved with it.
struct FolderState {
    std::optional<uint32_t> uid_validity;
    std::optional<uint64_t> highest_modseq;
    std::optional<uint32_t> uid_next;
    std::string fingerprint;  ///< status_fingerprint() when this was saved
};

/// An upload about to happen: journalled before APPEND so a crash can be resolved by
/// searching the server for the X-OfflineIMAP marker.
struct Intent {
    int64_t id = 0;
    std::string local_file;  ///< the file name being uploaded, relative to the folder
    std::string marker;      ///< the X-OfflineIMAP header value
    int64_t created = 0;     ///< Unix seconds
};

struct DbOptions {
    bool fsync = true;  ///< synchronous=FULL when on, NORMAL when off
};

/// An open status database. Not thread-safe.
class Db {
public:
    /// Opens path (creating the file and its directory, mode 0700, if needed). A file
    /// without the metadata table gets offlineimap3's schema (kCreated); a version-1 file is
    /// upgraded to version 2 (kUpgraded). Throws IoError naming path if SQLite fails (a file
    /// that is not a database included) and FormatError if metadata has no db_version.
    static Db open(const std::string& path, DbOptions options = {});

    Db(Db&&) noexcept;
    Db& operator=(Db&&) noexcept;
    ~Db();

    Opened opened() const;
    const std::string& path() const;

    /// Every row (offlineimap loads the whole table at folder start).
    StatusRows load() const;
    /// Applies every operation in one transaction; on failure nothing is applied and
    /// IoError is thrown ("cannot update status '<path>': UNIQUE constraint failed ...").
    void apply(const Batch& batch);

    FolderState folder_state() const;
    void save_folder_state(const FolderState& state);

    /// Journals an intent and returns its id.
    int64_t add_intent(const std::string& local_file, const std::string& marker, int64_t now);
    /// Journals intents (local file, marker) in one transaction; returns their ids in order.
    std::vector<int64_t> add_intents(
        const std::vector<std::pair<std::string, std::string>>& files_and_markers, int64_t now);
    void remove_intent(int64_t id);
    std::vector<Intent> intents() const;

    /// Removes the file and its rollback journal, as offlineimap does when it creates a
    /// folder; a missing file is fine. Throws IoError otherwise.
    static void purge(const std::string& path);

private:
    struct Impl;
    explicit Db(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Everything a status file holds, read without changing it.
struct StatusSnapshot {
    int version = 0;  ///< db_version; 0 for a file without offlineimap's tables
    StatusRows rows;
    FolderState state;
    std::vector<Intent> intents;
};

/// Reads the status file at path read-only: nothing is created or upgraded (a version-1
/// file reads with mtime 0 and no labels), for tools that must not write (sync-plan).
/// nullopt if the file does not exist. Throws IoError and FormatError as Db::open does.
std::optional<StatusSnapshot> read_status(const std::string& path);

/// A digest of the rows (uid, flags, mtime, labels), to tell whether anyone changed the
/// status since our FolderState was saved.
std::string status_fingerprint(const StatusRows& rows);

}  // namespace oimap::status
