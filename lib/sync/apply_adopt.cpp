// SPDX-License-Identifier: GPL-2.0-or-later
// adopt-or-copy-to-remote: a local file without a UID, in a folder whose plan also downloads
// messages, is first looked for on the server by its Message-ID (doc/planner.md "UID-less
// local files").  A server message with the same Message-ID and the same size, once line
// endings and X-OfflineIMAP header lines are discounted, that no local file carries and no
// status row names, is the file's message: the file is renamed to carry its UID, the
// server's system flags are set to the file's (the local letters win, as on any
// re-association), and the UID is recorded.  Every other file is uploaded (copy-to-remote).
//
// Implementation notes: one UID SEARCH (a few, for many files) and one UID FETCH of the
// candidates' sizes, flags and two header fields per batch; then the renames, the flag
// stores and one status transaction.  A crash before that transaction leaves renamed files
// without status rows, which the next plan records (re-association by U=); the later
// copy-to-local of an adopted UID finds its file and only records it.
#include <algorithm>
#include <set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "format/escape.hpp"
#include "maildir/flags.hpp"
#include "sync/apply.hpp"
#include "sync/apply_marker.hpp"

namespace oimap::sync {
namespace {

constexpr size_t kMaxHeader = 256 * 1024;

/// One header field: its name, its value unfolded, and its size as lines ending in CRLF.
struct Field {
    std::string name;
    std::string value;
    uint64_t crlf_bytes = 0;
};

bool same_name(std::string_view a, std::string_view b) {
    a = trim(a);
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

/// The fields of a header (LF or CRLF lines), up to the empty line that ends it.
std::vector<Field> header_fields(std::string_view header) {
    std::vector<Field> out;
    size_t at = 0;
    while (at < header.size()) {
        size_t lf = header.find('\n', at);
        std::string_view line = header.substr(at, lf == std::string_view::npos ? lf : lf - at);
        at = lf == std::string_view::npos ? header.size() : lf + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;
        if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {
            out.back().value += line;
            out.back().crlf_bytes += line.size() + 2;
            continue;
        }
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;  // not a field (an mbox From_ line)
        out.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)),
                       line.size() + 2});
    }
    return out;
}

/// The first Message-ID without its white space; empty when there is none, or when it has
/// bytes outside printable ASCII (no SEARCH without CHARSET could look for it).
std::string message_id(const std::vector<Field>& fields) {
    for (const auto& f : fields) {
        if (!same_name(f.name, "Message-ID")) continue;
        std::string id;
        for (char c : f.value) {
            if (c == ' ' || c == '\t') continue;
            if (c < 0x21 || c > 0x7e) return "";
            id += c;
        }
        return id;
    }
    return "";
}

/// The bytes of the X-OfflineIMAP lines, which uploads of offlineimap and ours add.
uint64_t marker_bytes(const std::vector<Field>& fields) {
    uint64_t bytes = 0;
    for (const auto& f : fields)
        if (same_name(f.name, kMarkerHeader)) bytes += f.crlf_bytes;
    return bytes;
}

/// What identifies a message: its Message-ID, and its size with CRLF line endings and
/// without X-OfflineIMAP lines.
struct Identity {
    std::string id;
    uint64_t size = 0;
};

Identity local_identity(const LocalStore& local, const std::string& file) {
    auto source = local.open_message(file);
    std::string head;
    char buffer[8192];
    while (head.size() < kMaxHeader && head.find("\n\n") == std::string::npos &&
           head.find("\n\r\n") == std::string::npos) {
        size_t n = source->read(buffer, sizeof buffer);
        if (n == 0) break;
        head.append(buffer, n);
    }
    auto fields = header_fields(head);
    Identity out{message_id(fields)};
    if (out.id.empty()) return out;
    uint64_t crlf = upload_body([&] { return local.open_message(file); }, "")->size();
    out.size = crlf - std::min(crlf, marker_bytes(fields));
    return out;
}

Identity remote_identity(const FoundMessage& m) {
    auto fields = header_fields(m.header);
    return {message_id(fields), m.size - std::min(m.size, marker_bytes(fields))};
}

}  // namespace

void Applier::adopt_or_copy_to_remote(const std::vector<format::PlanOp>& ops) {
    std::vector<Identity> local(ops.size());
    std::set<std::string> ids;
    for (size_t i = 0; i < ops.size(); ++i) {
        if (recovered_.count(ops[i].file) || !local_.exists(ops[i].file)) continue;
        local[i] = local_identity(local_, ops[i].file);
        if (!local[i].id.empty()) ids.insert(local[i].id);
    }
    std::vector<FoundMessage> found;
    if (!ids.empty()) found = remote_.find_message_ids({ids.begin(), ids.end()});
    std::vector<Identity> remote;
    for (const auto& m : found) remote.push_back(remote_identity(m));
    StatusChange change;
    std::vector<FlagChange> flags;
    std::vector<format::PlanOp> uploads;
    std::set<uint32_t> taken;
    for (size_t i = 0; i < ops.size(); ++i) {
        const FoundMessage* match = nullptr;
        for (size_t k = 0; k < found.size() && !match && !local[i].id.empty(); ++k) {
            uint32_t uid = found[k].uid;
            if (remote[k].id == local[i].id && remote[k].size == local[i].size &&
                !taken.count(uid) && !local_.file_of(uid) && !status_.flags(uid))
                match = &found[k];
        }
        if (!match) {
            uploads.push_back(ops[i]);
            continue;
        }
        taken.insert(match->uid);
        adopt(ops[i].file, *match, change, flags);
    }
    store_flag_changes(remote_, flags);
    report_.done += change.put.size();
    commit(change);
    if (!uploads.empty()) copy_to_remote(uploads);
}

void Applier::adopt(const std::string& file, const FoundMessage& message, StatusChange& change,
                    std::vector<FlagChange>& flags) {
    std::string letters = local_.flags_of(file);
    local_.assign_uid(file, message.uid);
    flags.push_back({message.uid, maildir::flags_from_imap(message.flags, {}).letters, letters});
    change.put.emplace_back(message.uid, letters);
    if (auto it = open_intents_.find(file); it != open_intents_.end()) {
        change.remove_intents.push_back(it->second.id);
        open_intents_.erase(it);
    }
    log::info(cat("'", format::escape(file), "' is UID ", message.uid, " of '",
                  log::sanitize(pair_->remote),
                  "' (same Message-ID and size): recorded, not uploaded"));
}

}  // namespace oimap::sync
