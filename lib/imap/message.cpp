// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/message.hpp"

#include <algorithm>
#include <ctime>
#include <optional>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string join_flags(const std::vector<Value>& items, std::string_view what) {
    std::string out;
    for (const Value& v : items) out += (out.empty() ? "" : " ") + to_astring(v, what);
    return out;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int> digits(std::string_view s) {
    if (s.size() == 2 && s[0] == ' ') s.remove_prefix(1);
    return parse_number<int>(s);
}

}  // namespace

bool MailboxInfo::selectable() const {
    for (const auto& a : attributes)
        if (iequals(a, "\\Noselect") || iequals(a, "\\NonExistent")) return false;
    return true;
}

MailboxInfo parse_list_response(const Response& r) {
    if (r.values.size() < 3) throw ProtocolError(cat("cannot parse ", r.name, " response: '", log::sanitize(dump(r)), "'"));
    MailboxInfo info;
    for (const Value& v : to_list(r.values[0], "mailbox attributes"))
        info.attributes.push_back(to_astring(v, "mailbox attribute"));
    if (r.values[1].kind != Value::Kind::kNil) info.delimiter = to_astring(r.values[1], "hierarchy delimiter");
    info.name = to_astring(r.values[2], "mailbox name");
    return info;
}

void apply_select_response(const Response& r, MailboxStatus& status) {
    if (r.number && r.name == "EXISTS") status.exists = *r.number;
    if (!r.code || (r.code->args.empty() && r.code->name != "NOMODSEQ")) return;
    const auto& code = *r.code;
    if (code.name == "UIDVALIDITY") status.uid_validity = to_uint32(code.args[0], "UIDVALIDITY");
    if (code.name == "UIDNEXT") status.uid_next = to_uint32(code.args[0], "UIDNEXT");
    if (code.name == "HIGHESTMODSEQ") status.highest_modseq = to_uint64(code.args[0], "HIGHESTMODSEQ");
    if (code.name == "NOMODSEQ") status.highest_modseq = 0;
}

// RFC 9051 §7.5.2: msg-att pairs; RFC 7162 §3.1.4.1: MODSEQ (n).
bool parse_fetch_summary(const Response& r, MessageSummary& s) {
    if (r.values.empty()) throw ProtocolError("cannot parse FETCH response: no data");
    const auto& items = to_list(r.values[0], "FETCH data");
    bool has_uid = false;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        const Value& key = items[i];
        const Value& value = items[i + 1];
        if (key.is_atom("UID")) {
            s.uid = to_uint32(value, "UID");
            has_uid = true;
        } else if (key.is_atom("FLAGS")) {
            s.flags = join_flags(to_list(value, "FLAGS"), "flag");
        } else if (key.is_atom("RFC822.SIZE")) {
            s.size = to_uint64(value, "RFC822.SIZE");
        } else if (key.is_atom("INTERNALDATE")) {
            s.internal_date = parse_internal_date(to_astring(value, "INTERNALDATE"));
        } else if (key.is_atom("MODSEQ")) {
            const auto& list = to_list(value, "MODSEQ");
            if (list.size() != 1) throw ProtocolError("cannot parse MODSEQ: expected one number");
            s.modseq = to_uint64(list[0], "MODSEQ");
        }
    }
    return has_uid;
}

int64_t parse_internal_date(std::string_view text) {
    auto bad = [&] { return ProtocolError(cat("cannot parse INTERNALDATE '", log::sanitize(text), "'")); };
    // "dd-Mon-yyyy hh:mm:ss +zzzz" = 26 bytes, day space-padded or (leniently) one digit.
    if (text.size() == 25) return parse_internal_date(cat(" ", text));
    if (text.size() != 26 || text[2] != '-' || text[6] != '-' || text[11] != ' ' || text[14] != ':' ||
        text[17] != ':' || text[20] != ' ' || (text[21] != '+' && text[21] != '-'))
        throw bad();
    auto month = std::find(std::begin(kMonths), std::end(kMonths), to_upper(text.substr(3, 1)) +
                           std::string(text.substr(4, 2)));
    auto day = digits(text.substr(0, 2)), year = parse_number<int>(text.substr(7, 4));
    auto hour = parse_number<int>(text.substr(12, 2)), minute = parse_number<int>(text.substr(15, 2));
    auto second = parse_number<int>(text.substr(18, 2)), zone = parse_number<int>(text.substr(22, 4));
    if (month == std::end(kMonths) || !day || !year || !hour || !minute || !second || !zone || *day < 1 ||
        *day > 31 || *hour > 23 || *minute > 59 || *second > 60 || *zone % 100 > 59)
        throw bad();
    int64_t days = days_from_civil(*year, static_cast<unsigned>(month - std::begin(kMonths) + 1), static_cast<unsigned>(*day));
    int64_t offset = (*zone / 100 * 3600 + *zone % 100 * 60) * (text[21] == '-' ? -1 : 1);
    return days * 86400 + *hour * 3600 + *minute * 60 + *second - offset;
}

std::string format_internal_date(int64_t seconds) {
    time_t t = static_cast<time_t>(seconds);
    tm utc{};
    gmtime_r(&t, &utc);
    char buf[40];
    snprintf(buf, sizeof buf, "%02d-%s-%04d %02d:%02d:%02d +0000", utc.tm_mday, kMonths[utc.tm_mon],
             utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return buf;
}

std::string make_uid_set(std::vector<uint32_t> uids) {
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    std::string out;
    for (size_t i = 0; i < uids.size();) {
        size_t j = i;
        while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1) ++j;
        out += (out.empty() ? "" : ",") + std::to_string(uids[i]);
        if (j > i) out += ":" + std::to_string(uids[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace oimap::imap
