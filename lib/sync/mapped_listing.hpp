// SPDX-License-Identifier: GPL-2.0-or-later
// A local repository of type IMAP (offlineimap3's MappedIMAP, spec §5.12) seen as a local
// store: the local server's remote-state listing and its UID mapping files make the
// local-state listing the planner diffs, so that planner and executor serve both kinds of
// local repository unchanged (doc/planner.md "IMAP <-> IMAP").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "status/uid_map.hpp"
#include "sync/planner_input.hpp"

namespace oimap::sync {

/// The subdir of every message of a mapped listing: the planner writes "<subdir>/<file_name>"
/// into the plan, which the mapped store (store_mapped_imap.hpp) reads back.
inline constexpr std::string_view kMappedSubdir = "cur";

/// "L<localuid>": the file name that stands for a message of the local server.
std::string mapped_file_name(uint32_t local_uid);
/// The local UID of a plan's file ("cur/L<uid>"), nullopt for any other name.
std::optional<uint32_t> mapped_local_uid(std::string_view file);

struct MappedListingOptions {
    /// The UID map of a local folder (its raw name); throws what loading throws.
    std::function<status::UidMap(const std::string& local_folder)> load_map;
    /// The FMD5 the planner expects of a local folder (md5 of its local visible name).
    std::function<std::string(const std::string& local_folder)> fmd5;
};

/// The local-state listing of a local IMAP repository.  Each selectable folder of local
/// (full listings only) becomes a local folder of the same raw name (offlineimap creates a
/// mapped folder with decode=False); each message a LocalMessage with: uid the remote UID
/// its map gives (0 when unmapped: it will be uploaded, offlineimap's negative UIDs), fmd5 the
/// folder's when mapped, flags the letters of its system flags (keywords are not carried,
/// spec §5.12), size its RFC822.SIZE, mtime its INTERNALDATE, and the file name
/// "cur/L<localuid>".  Map entries whose local UID is gone are not used (offlineimap drops
/// them; the mapped store drops them from the file).  Throws FormatError for a listing
/// that is not full ("changes"/"none": the local server is listed without facts).
LocalListing mapped_local_listing(const RemoteListing& local, const MappedListingOptions& options);

}  // namespace oimap::sync
