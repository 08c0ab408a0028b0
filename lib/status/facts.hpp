// SPDX-License-Identifier: GPL-2.0-or-later
// Per-folder facts of the last sync that found a pair unchanged (issue 8, doc/planner.md
// "Incremental listings"): the server's UIDVALIDITY/UIDNEXT/HIGHESTMODSEQ/MESSAGES and the
// Maildir's new/ and cur/ mtimes, kept in our table oimap_folder of the pair's status DB.
// They are trusted only while nobody wrote the file since: the SQLite file change counter
// (header offset 24, incremented by every write transaction in rollback-journal mode) must
// still be the one saved with them, so offlineimap3 (or a sync that changed rows) touching
// the file invalidates them without reading a single status row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oimap::status {

namespace sqlite {
class Connection;
}

struct FolderFacts {
    std::string remote;  ///< raw remote mailbox name
    std::string local;   ///< local folder name (local separator)
    uint32_t uid_validity = 0;
    uint32_t uid_next = 0;
    uint64_t highest_modseq = 0;  ///< 0: no CONDSTORE
    uint32_t exists = 0;          ///< MESSAGES, also the number of status rows
    int64_t new_mtime_ns = 0;     ///< mtime of the folder's new/ when it was scanned
    int64_t cur_mtime_ns = 0;     ///< mtime of cur/
    int64_t scanned_ns = 0;       ///< when that scan started (CLOCK_REALTIME)
    /// Read back only. true: nobody wrote the file since the facts were saved, so they are
    /// the state exactly (STATUS may settle the folder). false: only our own code wrote it
    /// since (sync-apply's changes), so the rows are the server's state at a modseq at least
    /// highest_modseq, and a listing of the changes since highest_modseq completes them.
    bool exact = true;
};

/// Stores facts in the existing status DB at path, with the change counter the file has
/// after this commit.  Throws IoError.
void save_folder_facts(const std::string& path, const FolderFacts& facts);

/// The facts saved in path if nobody but our own code wrote the file since (see exact);
/// nullopt when there are none, another program wrote the file (offlineimap3, the sqlite3
/// shell), or the file is missing or unreadable (a cache: never an error).
std::optional<FolderFacts> current_folder_facts(const std::string& path);

/// current_folder_facts() of every status file in dir (a missing dir has none).
std::vector<FolderFacts> current_folder_facts_in(const std::string& dir);

/// Called by our writers inside their write transaction, after their changes: keeps the
/// facts usable for a changes listing (exact becomes false).  Throws IoError.
void note_our_write(sqlite::Connection& db);

/// The SQLite file change counter of path; nullopt when it cannot be read.
std::optional<uint32_t> change_counter(const std::string& path);

}  // namespace oimap::status
