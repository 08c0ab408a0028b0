// SPDX-License-Identifier: GPL-2.0-or-later
// Listing many mailboxes over one connection, pipelined: EXAMINE and UID FETCH of the next
// mailboxes are sent before the replies of the earlier ones are read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "imap/session.hpp"

namespace oimap::imap {

struct ScanRequest {
    std::string mailbox;
    uint32_t since_uid_validity = 0;  ///< with since_modseq > 0: list only what changed
    uint64_t since_modseq = 0;
};

struct ScanResult {
    MailboxStatus status;
    bool changes_only = false;  ///< messages changed since since_modseq, plus vanished
    uint64_t since_modseq = 0;
    std::vector<MessageSummary> messages;  ///< in the order the server sent them
    std::string vanished;                  ///< UID set, for changes_only
    std::string error;  ///< non-empty: the mailbox could not be listed (server's text)
};

/// Lists every requested mailbox (read-only) and gives each result to sink with the index
/// of its request, mostly in request order (a mailbox listed again in full comes later).  A request with since_* is listed incrementally when
/// QRESYNC is enabled (VANISHED) or the server has CONDSTORE (expunged UIDs from UID SEARCH)
/// and UIDVALIDITY is unchanged, else in full.  At most window mailboxes
/// are in flight.  Throws ProtocolError and NetworkError for connection-level failures; a
/// mailbox-level NO goes into ScanResult::error.
void scan_mailboxes(Session& session, const std::vector<ScanRequest>& requests,
                    const std::function<void(size_t, ScanResult&&)>& sink, size_t window = 32);

}  // namespace oimap::imap
