// SPDX-License-Identifier: GPL-2.0-or-later
// Typed views of mailbox and message data (RFC 9051 §7.2-§7.5, RFC 7162), read from the
// generic response tree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imap/response.hpp"

namespace oimap::imap {

/// One LIST/LSUB entry (RFC 9051 §7.3.1).
struct MailboxInfo {
    std::string name;                     ///< raw, as the server sent it
    std::string delimiter;                ///< empty for NIL
    std::vector<std::string> attributes;  ///< as sent ("\HasNoChildren")
    /// False for \Noselect and \NonExistent (case-insensitive).
    bool selectable() const;
};

/// What SELECT/EXAMINE reported.
struct MailboxStatus {
    uint32_t uid_validity = 0;
    uint32_t uid_next = 0;
    uint64_t highest_modseq = 0;  ///< 0 when absent or NOMODSEQ
    uint32_t exists = 0;
    bool read_only = false;
};

/// The summary of one message from UID FETCH.
struct MessageSummary {
    uint32_t uid = 0;
    std::string flags;  ///< space-separated, as sent
    uint64_t size = 0;
    int64_t internal_date = 0;  ///< Unix seconds
    uint64_t modseq = 0;
};

/// Reads "* LIST (attrs) delim name"; throws ProtocolError for another shape.
MailboxInfo parse_list_response(const Response& r);
/// Updates status from one untagged response of SELECT/EXAMINE (EXISTS, UIDVALIDITY,
/// UIDNEXT, HIGHESTMODSEQ, NOMODSEQ); other responses are ignored.
void apply_select_response(const Response& r, MailboxStatus& status);
/// Reads "* n FETCH (...)" into summary; false when it has no UID (an unsolicited flag
/// update).  Throws ProtocolError for malformed items.
bool parse_fetch_summary(const Response& r, MessageSummary& summary);
/// RFC 9051 §9 date-time "dd-Mon-yyyy hh:mm:ss +zzzz" (day may be space-padded) as Unix
/// seconds; throws ProtocolError naming the text.
int64_t parse_internal_date(std::string_view text);
/// The date-time string for APPEND, in UTC ("+0000").
std::string format_internal_date(int64_t seconds);
/// "1:3,5,7:8" from UIDs in any order, duplicates removed (spec §8.4).
std::string make_uid_set(std::vector<uint32_t> uids);

}  // namespace oimap::imap
