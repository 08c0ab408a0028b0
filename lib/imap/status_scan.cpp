// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/status_scan.hpp"

#include <algorithm>
#include <deque>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

// "1:3,7" (RFC 9051 §9 sequence-set, no "*") into ranges; throws ProtocolError.
void parse_set(std::string_view set, std::vector<std::pair<uint32_t, uint32_t>>& out) {
    for (std::string_view item : split(set, ',')) {
        size_t colon = item.find(':');
        auto lo = parse_number<uint32_t>(item.substr(0, colon));
        auto hi = colon == std::string_view::npos ? lo : parse_number<uint32_t>(item.substr(colon + 1));
        if (!lo || !hi)
            throw ProtocolError(cat("cannot parse UID set '", set, "'"));
        out.emplace_back(std::min(*lo, *hi), std::max(*lo, *hi));
    }
}

}  // namespace

bool parse_status_response(const Response& r, MailboxStatus& status) {
    if (r.name != "STATUS" || r.values.size() < 2)
        return false;
    const auto& items = to_list(r.values[1], "STATUS data");
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        const Value& key = items[i];
        if (key.is_atom("MESSAGES"))
            status.exists = to_uint32(items[i + 1], "MESSAGES");
        else if (key.is_atom("UIDNEXT"))
            status.uid_next = to_uint32(items[i + 1], "UIDNEXT");
        else if (key.is_atom("UIDVALIDITY"))
            status.uid_validity = to_uint32(items[i + 1], "UIDVALIDITY");
        else if (key.is_atom("HIGHESTMODSEQ"))
            status.highest_modseq = to_uint64(items[i + 1], "HIGHESTMODSEQ");
    }
    return true;
}

std::vector<std::optional<MailboxStatus>> status_mailboxes(Session& session,
                                                           const std::vector<std::string>& mailboxes,
                                                           size_t window) {
    bool condstore = session.has_capability("CONDSTORE") || session.is_enabled("CONDSTORE");
    std::vector<std::optional<MailboxStatus>> out(mailboxes.size());
    std::deque<std::pair<size_t, std::string>> flight;
    size_t next = 0;
    while (next < mailboxes.size() || !flight.empty()) {
        while (next < mailboxes.size() && flight.size() < std::max<size_t>(window, 1)) {
            Command c("STATUS");
            c.astring(mailboxes[next]).raw(condstore ? "(MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)"
                                                     : "(MESSAGES UIDNEXT UIDVALIDITY)");
            flight.emplace_back(next, session.send(c));
            ++next;
        }
        auto [index, tag] = flight.front();
        flight.pop_front();
        MailboxStatus status;
        Response done = session.wait(tag, [&](const Response& r) { parse_status_response(r, status); });
        if (done.status == Status::kOk)
            out[index] = status;
    }
    return out;
}

bool parse_search_ranges(const Response& r, std::vector<std::pair<uint32_t, uint32_t>>& uids) {
    if (r.name == "SEARCH") {
        for (const Value& v : r.values)
            if (v.kind == Value::Kind::kNumber) {
                uint32_t uid = to_uint32(v, "SEARCH UID");
                uids.emplace_back(uid, uid);
            }
        return true;
    }
    if (r.name != "ESEARCH")
        return false;
    for (size_t i = 0; i + 1 < r.values.size(); ++i)
        if (r.values[i].is_atom("ALL"))
            parse_set(r.values[i + 1].text, uids);
    return true;
}

std::string uid_complement(std::vector<std::pair<uint32_t, uint32_t>> ranges, uint32_t below) {
    std::sort(ranges.begin(), ranges.end());
    std::string out;
    auto emit = [&](uint64_t lo, uint64_t hi) {
        if (lo > hi)
            return;
        out += (out.empty() ? "" : ",") + (lo == hi ? std::to_string(lo) : cat(lo, ':', hi));
    };
    uint64_t next = 1;  // the smallest UID not yet accounted for
    for (const auto& [lo, hi] : ranges) {
        if (lo >= below)
            break;
        if (lo > next)
            emit(next, lo - 1);
        next = std::max<uint64_t>(next, uint64_t(hi) + 1);
    }
    if (below > 0)
        emit(next, below - 1);
    return out;
}

}  // namespace oimap::imap
