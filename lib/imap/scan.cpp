// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: for each mailbox two commands go out back to back, EXAMINE and
// UID FETCH 1:*.  If EXAMINE fails, RFC 9051 §6.3.2 (and RFC 3501 §6.3.1) leave no mailbox
// selected, so the FETCH behind it fails too and can never list the previous mailbox.
// Replies are read in order, so untagged data always belongs to the oldest command.
#include "imap/scan.hpp"

#include <deque>

#include "core/log.hpp"
#include "core/text.hpp"
#include "imap/status_scan.hpp"

namespace oimap::imap {
namespace {

constexpr auto kLogCategory = log::Category::kImap;

struct InFlight {
    size_t index;
    std::string examine_tag;
    std::string fetch_tag;
    bool incremental;
    std::string search_tag;  ///< CONDSTORE without QRESYNC: UID SEARCH for the expunged UIDs
};

std::string failure(const Response& r) {
    return cat(r.status == Status::kNo ? "NO " : "BAD ", r.code ? "[" + r.code->name + "] " : "", r.text);
}

bool wants_changes(const Session& s, const ScanRequest& r) {
    bool condstore = s.is_enabled("QRESYNC") || s.is_enabled("CONDSTORE") || s.has_capability("CONDSTORE");
    return r.since_modseq > 0 && r.since_uid_validity > 0 && condstore;
}

// RFC 7162 §3.1.4 CHANGEDSINCE lists changed messages; without QRESYNC's VANISHED
// (§3.2.5.2) the expunged UIDs are those below UIDNEXT that UID SEARCH ALL does not return,
// asked compactly with ESEARCH (RFC 4731) when the server has it.
InFlight start(Session& s, const std::vector<ScanRequest>& requests, size_t index, bool incremental) {
    const ScanRequest& r = requests[index];
    InFlight f{index, s.send(s.select_command(r.mailbox, true)), {}, incremental, {}};
    f.fetch_tag = s.send(s.summary_command("1:*", incremental ? r.since_modseq : 0));
    if (incremental && !s.is_enabled("QRESYNC"))
        f.search_tag = s.send(Command("UID SEARCH").raw(s.has_capability("ESEARCH") ? "RETURN (ALL) ALL" : "ALL"));
    return f;
}

// Reads the replies of one mailbox; false when it must be listed again in full.
bool finish(Session& s, const ScanRequest& request, const InFlight& f, ScanResult& out) {
    Response examined = s.wait(f.examine_tag, [&](const Response& r) { apply_select_response(r, out.status); });
    if (examined.status != Status::kOk) out.error = failure(examined);
    // Untagged data goes to the oldest command in flight: a pipelined SEARCH's answer can
    // arrive before the FETCH's completion, so it is taken wherever it comes.
    std::vector<std::pair<uint32_t, uint32_t>> present;
    Response fetched = s.wait(f.fetch_tag, [&](const Response& r) {
        if (!f.search_tag.empty() && parse_search_ranges(r, present)) return;
        MessageSummary m;
        if (r.name == "FETCH" && parse_fetch_summary(r, m)) out.messages.push_back(std::move(m));
        if (r.name == "VANISHED" && !r.values.empty()) {
            const std::string& set = to_astring(r.values.back(), "VANISHED UIDs");
            out.vanished += (out.vanished.empty() ? "" : ",") + set;
        }
    });
    Response searched;
    if (!f.search_tag.empty())
        searched = s.wait(f.search_tag, [&](const Response& r) { parse_search_ranges(r, present); });
    // UID FETCH 1:* in an empty mailbox is an error on some servers; nothing is missing.
    if (out.error.empty() && fetched.status != Status::kOk && out.status.exists > 0) out.error = failure(fetched);
    if (out.error.empty() && !f.search_tag.empty() && searched.status != Status::kOk) out.error = failure(searched);
    if (!out.error.empty() || !f.incremental) return true;
    if (out.status.uid_validity != request.since_uid_validity || out.status.highest_modseq == 0) return false;
    out.changes_only = true;
    out.since_modseq = request.since_modseq;
    if (!f.search_tag.empty())
        out.vanished = uid_complement(std::move(present), out.status.uid_next);
    return true;
}

}  // namespace

void scan_mailboxes(Session& session, const std::vector<ScanRequest>& requests,
                    const std::function<void(size_t, ScanResult&&)>& sink, size_t window) {
    std::deque<InFlight> flight;
    size_t next = 0;
    while (next < requests.size() || !flight.empty()) {
        while (next < requests.size() && flight.size() < std::max<size_t>(window, 1)) {
            flight.push_back(start(session, requests, next, wants_changes(session, requests[next])));
            ++next;
        }
        InFlight f = flight.front();
        flight.pop_front();
        ScanResult result;
        if (!finish(session, requests[f.index], f, result)) {
            log::debug(kLogCategory, cat("UIDVALIDITY or modseq of '", requests[f.index].mailbox,
                                         "' does not allow an incremental listing: listing it in full"));
            flight.push_back(start(session, requests, f.index, false));
            continue;
        }
        sink(f.index, std::move(result));
    }
}

}  // namespace oimap::imap
