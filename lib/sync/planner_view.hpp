// SPDX-License-Identifier: GPL-2.0-or-later
// The message lists of one folder as offlineimap's sync sees them: local UIDs only when the
// FMD5 matches (spec §6.6), remote flags as letters (§6.3), narrowed by maxsize and maxage
// (§5.7).  Internal to the planner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/folder_pairing.hpp"
#include "sync/planner_flags.hpp"

namespace oimap::sync {

struct RemoteMsg {
    uint32_t uid = 0;
    FlagSet flags;  ///< system letters plus mapped keyword letters
    uint64_t size = 0;
    int64_t date = 0;  ///< INTERNALDATE
};

struct LocalMsg {
    uint32_t uid = 0;  ///< 0: no usable UID (offlineimap's negative UID)
    FlagSet flags;
    const format::LocalMessage* file = nullptr;
};

struct FolderView {
    std::vector<RemoteMsg> remote;  ///< ascending UID
    std::vector<LocalMsg> local;    ///< listing order; at most one file per UID
};

/// The local messages of the entry: maxsize applied, a later file with an already seen UID
/// replaces the earlier one (which becomes invisible, with a warning).
std::vector<LocalMsg> local_messages(const FolderEntry& entry, const PlannerOptions& options,
                                     std::vector<std::string>& warnings);

/// The remote messages of the entry (maxsize is applied by hide_oversized), or nullopt when
/// its listing is not enough to plan it: a "changes" listing is completed from the status
/// rows (minus vanished UIDs), a "none" listing is the status rows, and either must then
/// have as many messages as the server's count.  Unmapped keywords go to warnings.
std::optional<std::vector<RemoteMsg>> remote_messages(const FolderEntry& entry,
                                                      const std::vector<StatusRow>& status,
                                                      const PlannerOptions& options,
                                                      std::vector<std::string>& warnings);

/// Removes from both lists every UID that maxsize hides on either side (the server's size
/// counts CRLF, the file's LF, so a message near the limit is hidden on one side only, and
/// offlineimap would then delete the other copy); doc/planner.md.
void hide_oversized(FolderView& view, const FolderEntry& entry, uint64_t maxsize);

/// Narrows both lists to the maxage window of offlineimap's cachemessagelists_upto_date.
void apply_maxage(FolderView& view, int64_t cutoff);

/// The Unix time of the first run of digits in a file name (offlineimap's re_timestampmatch);
/// nullopt without one.
std::optional<int64_t> filename_timestamp(const std::string& name);

}  // namespace oimap::sync
