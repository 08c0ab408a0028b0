// SPDX-License-Identifier: GPL-2.0-or-later
// Where offlineimap3 keeps its state under the metadata directory (spec §7), and the small
// FolderValidity files (§7.2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::status {

/// The file name offlineimap3 derives from a folder name (folder/Base.py getfolderbasename,
/// spec §7.1): '' becomes "dot", every '/' becomes '.', and a name that is then exactly "."
/// becomes "dot" (Python's '$' also matches before a final newline: ".\n" gives "dot\n").
std::string folder_basename(std::string_view folder_name);

/// <metadata>/Account-<account>/LocalStatus-sqlite/<basename of status_folder>. The status
/// folder name is the remote visible name with the remote separator replaced by '.'.
std::string status_db_path(std::string_view metadata, std::string_view account,
                           std::string_view status_folder);

/// <metadata>/Account-<account>/LocalStatus/<basename>: the legacy plain-text status.
std::string legacy_status_path(std::string_view metadata, std::string_view account,
                               std::string_view status_folder);

/// <metadata>/Repository-<repository>/FolderValidity/<basename of folder>: the remote
/// folder's real name for an IMAP repository, the local name for a Maildir one.
std::string folder_validity_path(std::string_view metadata, std::string_view repository,
                                 std::string_view folder);

/// <metadata>/<account>.lock (spec §7.6).
std::string account_lock_path(std::string_view metadata, std::string_view account);

/// The saved UIDVALIDITY (Python's int(readline().strip())); nullopt if the file does not
/// exist. Throws FormatError "cannot read UIDVALIDITY from '<path>': ..." if it is not a
/// number, IoError if it cannot be read.
std::optional<uint32_t> read_folder_validity(const std::string& path);

/// Writes "<uid_validity>\n" atomically (temporary file, rename), creating the directory
/// (mode 0700) if needed; fsyncs only when durable.
void write_folder_validity(const std::string& path, uint32_t uid_validity, bool durable);

/// Folders whose state would share one file.
struct Collision {
    std::string basename;
    std::vector<std::string> folders;  ///< two or more, sorted
};

/// The groups of folder names with the same folder_basename (e.g. "a/b" and "a.b"), sorted
/// by basename. Duplicate names in the input count once.
std::vector<Collision> find_collisions(const std::vector<std::string>& folder_names);

/// Throws ConfigError "cannot keep state for folders 'a.b' and 'a/b': both map to the file
/// 'a.b'" for the first collision, naming every folder of it.
void check_no_collisions(const std::vector<std::string>& folder_names);

}  // namespace oimap::status
