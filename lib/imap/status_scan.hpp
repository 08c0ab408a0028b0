// SPDX-License-Identifier: GPL-2.0-or-later
// The cheap questions of an incremental listing: STATUS of many mailboxes, pipelined
// (RFC 9051 §6.3.11, HIGHESTMODSEQ from RFC 7162 §3.1.6), and UID sets: the UIDs below
// UIDNEXT that a UID SEARCH ALL did not return are the expunged ones (the CONDSTORE tier,
// which has no VANISHED).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imap/message.hpp"
#include "imap/session.hpp"

namespace oimap::imap {

/// STATUS of each mailbox (MESSAGES UIDNEXT UIDVALIDITY, and HIGHESTMODSEQ when the server
/// has CONDSTORE), pipelined, at most window in flight; nullopt for a mailbox the server
/// refused.  The status's exists is MESSAGES.  Throws ProtocolError, NetworkError.
std::vector<std::optional<MailboxStatus>> status_mailboxes(Session& session,
                                                           const std::vector<std::string>& mailboxes,
                                                           size_t window = 64);

/// Reads "* STATUS mailbox (MESSAGES n ...)" into status; false for another response.
bool parse_status_response(const Response& r, MailboxStatus& status);

/// The UIDs of "* SEARCH n..." (RFC 9051 §7.3.4) or of "* ESEARCH ... UID ALL set"
/// (RFC 4731 §3.1), appended to uids as inclusive ranges; false for another response.
bool parse_search_ranges(const Response& r, std::vector<std::pair<uint32_t, uint32_t>>& uids);

/// The UIDs in [1, below) that are in none of ranges, as a sequence set ("1:3,7"); empty
/// when there are none.  ranges need not be sorted.
std::string uid_complement(std::vector<std::pair<uint32_t, uint32_t>> ranges, uint32_t below);

}  // namespace oimap::imap
