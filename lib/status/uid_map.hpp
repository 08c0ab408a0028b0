// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap3's UID mapping files of a local repository of type IMAP (spec §5.12,
// folder/UIDMaps.py): <metadata>/Repository-<local>/UIDMapping/<basename of the local folder>,
// one "<localuid>:<remoteuid>" line per message.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace oimap::status {

/// Local UID -> remote UID, both positive.
using UidMap = std::map<uint32_t, uint32_t>;

/// <metadata>/Repository-<repository>/UIDMapping/<folder_basename(local_folder)>.
std::string uid_map_path(std::string_view metadata, std::string_view repository,
                         std::string_view local_folder);

/// How load_uid_map treats the file's companions.
enum class UidMapAccess {
    kReadOnly,  ///< only reads the map (sync-plan): no lock file; a leftover .tmp is kept,
                ///< silently
    kOwner,     ///< as offlineimap: takes the lockf lock on "<path>.lock" (created if needed)
                ///< and deletes a leftover "<path>.tmp"
};

/// Reads the map at path; a missing file is an empty map.  For the owner, a leftover
/// "<path>.tmp" gives offlineimap's warning ("a previous run might have leave the UIDMaps file in
/// incorrect state; ...").  Throws FormatError "cannot read UID map '<path>': line N: ..." for a
/// line that is not two positive numbers separated by ':' (offlineimap would stop there too),
/// IoError when the file cannot be read.
UidMap load_uid_map(const std::string& path, UidMapAccess access);

/// Replaces the map at path with map, as offlineimap's _savemaps: "<path>.tmp" written (and
/// fsynced when durable), renamed over path (the directory fsynced when durable), under the
/// lockf lock on "<path>.lock" (left behind, as offlineimap leaves it).  Lines are in
/// ascending local UID order.  Creates the directory (mode 0700).  Throws IoError.
void save_uid_map(const std::string& path, const UidMap& map, bool durable);

/// The text of map as save_uid_map writes it.
std::string format_uid_map(const UidMap& map);

/// Parses the text of a map file; source names it in errors.  Throws FormatError.
UidMap parse_uid_map(std::string_view text, const std::string& source);

}  // namespace oimap::status
