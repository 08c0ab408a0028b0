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
#include <utility>
#include <vector>

#include "status/uid_map.hpp"
#include "sync/planner_input.hpp"

namespace oimap::sync {

/// The subdir of every message of a mapped listing: the planner writes "<subdir>/<file_name>"
/// into the plan, which the mapped store (store_mapped_imap.hpp) reads back.
inline constexpr std::string_view kMappedSubdir = "cur";

/// The file name that stands for a message of the local server: "L<localuid>", and
/// ",U=<remoteuid>" after it while the message is mapped.  As a Maildir file is renamed when
/// it gets its UID, so that an operation planned before is seen to be stale, the name of a
/// message changes when it is mapped.
std::string mapped_file_name(uint32_t local_uid, uint32_t remote_uid = 0);

/// What a plan's file names: the local UID, and the remote UID it was mapped to (0: none).
struct MappedName {
    uint32_t local_uid = 0;
    uint32_t remote_uid = 0;
};
/// Parses "cur/L<uid>" or "cur/L<uid>,U=<uid>"; nullopt for any other name.
std::optional<MappedName> parse_mapped_name(std::string_view file);

/// A batch of deliveries to a local IMAP folder, journalled before their APPENDs
/// (store_mapped_imap.hpp, doc/crash-safety.md).
struct DeliveryJournal {
    uint32_t floor = 1;  ///< every local UID the server gives these messages is >= floor
    std::vector<std::pair<uint32_t, uint64_t>> entries;  ///< remote UID, size; APPEND order
};

/// <metadata>/Repository-<repository>/UIDMapping-pending/<basename of local_folder>.
std::string delivery_journal_path(std::string_view metadata, std::string_view repository,
                                  std::string_view local_folder);
std::string format_delivery_journal(const DeliveryJournal& journal);
/// nullopt when the file does not exist; FormatError when it is malformed.
std::optional<DeliveryJournal> read_delivery_journal(const std::string& path);

/// The (local UID, remote UID) pairs a journal proves: its entries, in order, paired with the
/// unmapped local messages at or above its floor of the same size (the server gives increasing
/// UIDs in APPEND order, RFC 9051 §2.3.1.1), skipping remote UIDs already mapped.
std::vector<std::pair<uint32_t, uint32_t>> resolve_delivery_journal(
    const DeliveryJournal& journal, const std::map<uint32_t, uint64_t>& sizes,
    const status::UidMap& map);

struct MappedListingOptions {
    /// The UID map of a local folder (its raw name); throws what loading throws.
    std::function<status::UidMap(const std::string& local_folder)> load_map;
    /// The FMD5 the planner expects of a local folder (md5 of its local visible name).
    std::function<std::string(const std::string& local_folder)> fmd5;
    /// The delivery journal of a local folder, if any: the messages it proves are listed as
    /// mapped (the mapped store saves that mapping when it opens the folder).
    std::function<std::optional<DeliveryJournal>(const std::string& local_folder)> load_journal;
};

/// The local-state listing of a local IMAP repository.  Each selectable folder of local
/// (full listings only) becomes a local folder of the same raw name (offlineimap creates a
/// mapped folder with decode=False); each message a LocalMessage with: uid the remote UID
/// its map gives (0 when unmapped: it will be uploaded, offlineimap's negative UIDs), fmd5 the
/// folder's when mapped, flags the letters of its system flags (keywords are not carried,
/// spec §5.12), size its RFC822.SIZE, mtime its INTERNALDATE, and the file name
/// mapped_file_name in "cur".  Map entries whose local UID is gone are not used (offlineimap drops
/// them; the mapped store drops them from the file).  Throws FormatError for a listing
/// that is not full ("changes"/"none": the local server is listed without facts).
LocalListing mapped_local_listing(const RemoteListing& local, const MappedListingOptions& options);

}  // namespace oimap::sync
