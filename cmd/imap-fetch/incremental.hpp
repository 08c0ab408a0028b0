// SPDX-License-Identifier: GPL-2.0-or-later
// The incremental tiers of imap-fetch (doc/planner.md "Incremental listings"): what the
// last sync knew of each folder, and the STATUS round that finds the unchanged ones.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "imap/message.hpp"
#include "imap/session.hpp"

namespace oimap::imap_fetch {

/// What an earlier sync saw of a folder.
struct Known {
    uint32_t uid_validity = 0;
    uint64_t highest_modseq = 0;
    uint32_t uid_next = 0;  ///< 0: unknown (an earlier listing file has it, facts do)
    uint32_t exists = 0;
    /// true: exact facts of the status DB (nobody wrote it since), so STATUS may settle the
    /// folder; false: only a changes listing since highest_modseq (our own sync wrote it)
    bool from_facts = false;
};

/// Raw folder name -> Known.
using Previous = std::map<std::string, Known>;

/// Folders of an earlier remote-state listing (--changed-since-file).
Previous previous_from_listing(const std::string& path);
/// Folders whose facts in the status DBs of dir are current (--state-dir).
Previous previous_from_state(const std::string& dir);

/// STATUS of every folder of previous that has exact facts, when the server has CONDSTORE
/// (without it a flag change shows in no STATUS item): the folders whose UIDVALIDITY,
/// UIDNEXT, HIGHESTMODSEQ and MESSAGES are all unchanged, with that status.  Sent before
/// LIST: Dovecot answers a STATUS from its index only until the session has listed
/// (doc/QUIRKS.md); keep_listed() then drops those LIST did not return as selectable.
std::map<std::string, imap::MailboxStatus> unchanged_folders(imap::Session& session, const Previous& previous);

/// Erases from unchanged the folders that are not selectable members of folders.
void keep_listed(std::map<std::string, imap::MailboxStatus>& unchanged,
                 const std::vector<imap::MailboxInfo>& folders);

}  // namespace oimap::imap_fetch
