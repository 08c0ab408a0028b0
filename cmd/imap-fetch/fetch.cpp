// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: every folder is listed over one connection with scan_mailboxes
// (pipelined), results are kept in memory and written sorted by folder name and UID, as
// oimap-formats(5) requires; nothing is written before the whole listing succeeded.
#include "fetch.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "format/remote_state.hpp"
#include "imap/scan.hpp"
#include "imap/session.hpp"

#include "connection.hpp"
#include "includes.hpp"
#include "incremental.hpp"
#include "stats.hpp"

namespace oimap::imap_fetch {
namespace {

// The folders to list: every one from LIST/LSUB, or those named by --folder.
std::vector<imap::MailboxInfo> choose(std::vector<imap::MailboxInfo> all, const Options& o, const std::string& peer) {
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    all.erase(std::unique(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name == b.name; }), all.end());
    if (o.folders.empty()) return all;
    std::vector<imap::MailboxInfo> chosen;
    for (const auto& name : o.folders) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& m) { return m.name == name; });
        if (it == all.end()) throw NoInputError(cat("cannot list folder '", log::sanitize(name), "': no such mailbox on '", peer, "'"));
        chosen.push_back(*it);
    }
    std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    chosen.erase(std::unique(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) { return a.name == b.name; }), chosen.end());
    return chosen;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
    return out;
}

using Unchanged = std::map<std::string, imap::MailboxStatus>;

void write_folder(format::RemoteStateWriter& w, const imap::MailboxInfo& info, imap::ScanResult* scan,
                  const Unchanged& unchanged) {
    format::RemoteFolder f{.name = info.name, .delimiter = info.delimiter, .attributes = join(info.attributes)};
    if (auto u = unchanged.find(info.name); u != unchanged.end()) {
        // unchanged since the last sync (one STATUS): the planner completes it from the state
        f.uid_validity = u->second.uid_validity;
        f.uid_next = u->second.uid_next;
        f.highest_modseq = u->second.highest_modseq;
        f.exists = u->second.exists;
        f.listing = format::Listing::kNone;
        w.folder(f);
        return;
    }
    if (scan == nullptr || !scan->error.empty()) {
        f.listing = format::Listing::kNone;
        if (scan) f.uid_validity = scan->status.uid_validity;
        w.folder(f);
        return;
    }
    f.uid_validity = scan->status.uid_validity;
    f.uid_next = scan->status.uid_next;
    f.highest_modseq = scan->status.highest_modseq;
    f.exists = scan->status.exists;
    f.listing = scan->changes_only ? format::Listing::kChanges : format::Listing::kFull;
    f.since_modseq = scan->since_modseq;
    w.folder(f);
    auto& msgs = scan->messages;
    // Later FETCH data for a UID (an unsolicited update) wins over earlier data.
    std::stable_sort(msgs.begin(), msgs.end(), [](const auto& a, const auto& b) { return a.uid < b.uid; });
    for (size_t i = 0; i < msgs.size(); ++i) {
        if (i + 1 < msgs.size() && msgs[i + 1].uid == msgs[i].uid) continue;
        const auto& m = msgs[i];
        w.message({.folder = info.name, .uid = m.uid, .flags = m.flags, .size = m.size,
                   .internal_date = m.internal_date, .modseq = m.modseq});
    }
    if (scan->changes_only && !scan->vanished.empty()) w.vanished({.folder = info.name, .uid_set = scan->vanished});
}

// Lists every selectable folder, pipelined; the results are indexed like folders.
std::vector<std::optional<imap::ScanResult>> scan_all(imap::Session& session, const std::vector<imap::MailboxInfo>& folders,
                                                      const Previous& previous, const Unchanged& unchanged,
                                                      int window) {
    std::vector<imap::ScanRequest> requests;
    std::vector<size_t> folder_of;
    for (size_t i = 0; i < folders.size(); ++i) {
        if (!folders[i].selectable() || unchanged.count(folders[i].name)) continue;
        imap::ScanRequest r{.mailbox = folders[i].name};
        if (auto p = previous.find(r.mailbox); p != previous.end()) {
            r.since_uid_validity = p->second.uid_validity;
            r.since_modseq = p->second.highest_modseq;
        }
        requests.push_back(r);
        folder_of.push_back(i);
    }
    std::vector<std::optional<imap::ScanResult>> results(folders.size());
    imap::scan_mailboxes(session, requests, [&](size_t index, imap::ScanResult&& r) {
        results[folder_of[index]] = std::move(r);
    }, static_cast<size_t>(window));
    return results;
}

// Writes the stream; returns 1 when a folder could not be listed, else 0.
int write_listing(const Options& o, const std::string& user, const std::string& capabilities,
                  const std::vector<imap::MailboxInfo>& folders, std::vector<std::optional<imap::ScanResult>>& results,
                  const Unchanged& unchanged) {
    std::ostringstream out;
    format::RemoteStateWriter writer(out);
    writer.meta("host", o.host.value_or(o.tunnel.value_or("")));
    writer.meta("user", user);
    writer.meta("capabilities", capabilities);
    writer.meta("tool", cat("imap-fetch ", kVersion));
    int status = 0;
    for (size_t i = 0; i < folders.size(); ++i) {
        auto& r = results[i];
        if (r && !r->error.empty()) {
            log::error(cat("cannot list folder '", folders[i].name, "': ", r->error));
            status = 1;
        }
        write_folder(writer, folders[i], r ? &*r : nullptr, unchanged);
    }
    writer.finish();
    if (o.output) {
        fs::replace_file_atomically(*o.output, out.str());
    } else {
        fs::write_all(1, out.str(), "standard output");
    }
    return status;
}

}  // namespace

int run_fetch(const Options& o) {
    imap::ConnectOptions connect = connect_options(o);
    imap::Credentials creds = credentials(o);
    Previous previous = o.changed_since_file ? previous_from_listing(*o.changed_since_file)
                        : o.state_dir            ? previous_from_state(*o.state_dir)
                                                 : Previous{};
    imap::Session session;
    session.connect(connect);
    if (!session.authenticated() && creds.user.empty()) throw UsageError("cannot log in: no --user given");
    session.login(creds);
    std::vector<std::string> extensions{session.has_capability("QRESYNC") ? "QRESYNC" : "CONDSTORE"};
    if (o.utf8_folder_names) extensions.push_back("UTF8=ACCEPT");
    session.enable(extensions);
    Unchanged unchanged = unchanged_folders(session, previous);  // before LIST: doc/QUIRKS.md
    auto listed = session.list(o.reference.value_or(""), "*", o.subscribed_only);
    bool includes_found = add_includes(session, o.includes, listed);
    auto folders = choose(std::move(listed), o, session.peer());
    keep_listed(unchanged, folders);
    auto results = scan_all(session, folders, previous, unchanged, o.window);
    std::string capabilities;
    for (const auto& c : session.capabilities()) capabilities += (capabilities.empty() ? "" : " ") + c;
    session.logout();
    if (o.stats) write_stats(*o.stats, cat("imap-fetch ", kVersion), session.traffic());
    int status = write_listing(o, creds.user, capabilities, folders, results, unchanged);
    return includes_found ? status : 1;
}

}  // namespace oimap::imap_fetch
