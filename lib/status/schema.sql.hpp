// SPDX-License-Identifier: GPL-2.0-or-later
// The SQL of offlineimap3's LocalStatusSQLite (folder/LocalStatusSQLite.py), verbatim, and of
// our own extra tables, which offlineimap3 never reads (it only touches metadata and status).
#pragma once

namespace oimap::status::sql {

inline constexpr int kCurrentVersion = 2;

/// LocalStatusSQLiteFolder.__create_db, character for character, so that `.schema` of a
/// file we create is the same as of one offlineimap3 creates.
inline constexpr const char* kCreate =
    "CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));\n"
    "INSERT INTO metadata VALUES('db_version', '2');\n"
    "CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50), mtime INTEGER, labels "
    "VARCHAR(256));\n";

/// LocalStatusSQLiteFolder.__upgrade_db from version 1.
inline constexpr const char* kUpgradeFromV1 =
    "ALTER TABLE status ADD mtime INTEGER DEFAULT 0;\n"
    "ALTER TABLE status ADD labels VARCHAR(256) DEFAULT '';\n"
    "UPDATE metadata SET value='2' WHERE key='db_version';\n";

inline constexpr const char* kSelectVersion = "SELECT value from metadata WHERE key='db_version'";
inline constexpr const char* kSelectAll = "SELECT id,flags,mtime,labels from status";
inline constexpr const char* kInsert =
    "INSERT INTO status (id,flags,mtime,labels) VALUES (?,?,?,?)";
inline constexpr const char* kUpdateFlags = "UPDATE status SET flags=? WHERE id=?";
inline constexpr const char* kUpdateLabels = "UPDATE status SET labels=? WHERE id=?";
inline constexpr const char* kUpdateLabelsMtime = "UPDATE status SET labels=?, mtime=? WHERE id=?";
inline constexpr const char* kUpdateMtime = "UPDATE status SET mtime=? WHERE id=?";
inline constexpr const char* kDelete = "DELETE FROM status WHERE id=?";

/// Our extra tables, created only when something is first stored in them, so a status file
/// that holds nothing of ours has exactly offlineimap3's schema. offlineimap3 ignores them;
/// it deletes the whole file when it (re)creates a folder, which only loses this cache.
inline constexpr const char* kCreateExtra =
    "CREATE TABLE IF NOT EXISTS oimap_folder (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS oimap_intent (id INTEGER PRIMARY KEY, local_file TEXT NOT NULL, "
    "marker TEXT NOT NULL, created INTEGER NOT NULL);\n";

}  // namespace oimap::status::sql
