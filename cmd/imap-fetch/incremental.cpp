// SPDX-License-Identifier: GPL-2.0-or-later
#include "incremental.hpp"

#include <fstream>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "format/remote_state.hpp"
#include "imap/status_scan.hpp"
#include "status/facts.hpp"

namespace oimap::imap_fetch {

Previous previous_from_listing(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw NoInputError(cat("cannot open '", path, "': no such file or not readable"));
    format::RemoteStateReader reader(in, path);
    Previous out;
    while (auto item = reader.next())
        if (auto* f = std::get_if<format::RemoteFolder>(&*item); f && f->listing != format::Listing::kNone)
            out[f->name] = {.uid_validity = f->uid_validity, .highest_modseq = f->highest_modseq};
    return out;
}

Previous previous_from_state(const std::string& dir) {
    Previous out;
    for (const auto& f : status::current_folder_facts_in(dir))
        out[f.remote] = {.uid_validity = f.uid_validity,
                         .highest_modseq = f.highest_modseq,
                         .uid_next = f.uid_next,
                         .exists = f.exists,
                         .from_facts = f.exact};
    log::debug(log::Category::kImap, cat(out.size(), " folders with current facts in '", dir, "'"));
    return out;
}

std::map<std::string, imap::MailboxStatus> unchanged_folders(imap::Session& session, const Previous& previous) {
    std::map<std::string, imap::MailboxStatus> out;
    if (!session.has_capability("CONDSTORE") && !session.is_enabled("CONDSTORE"))
        return out;
    std::vector<std::string> asked;
    for (const auto& [name, known] : previous)
        if (known.from_facts)
            asked.push_back(name);
    auto statuses = imap::status_mailboxes(session, asked);
    for (size_t i = 0; i < asked.size(); ++i) {
        const Known& k = previous.at(asked[i]);
        const auto& s = statuses[i];
        if (s && s->uid_validity == k.uid_validity && s->uid_next == k.uid_next &&
            s->highest_modseq == k.highest_modseq && s->highest_modseq != 0 && s->exists == k.exists)
            out[asked[i]] = *s;
    }
    return out;
}

void keep_listed(std::map<std::string, imap::MailboxStatus>& unchanged,
                 const std::vector<imap::MailboxInfo>& folders) {
    std::map<std::string, imap::MailboxStatus> kept;
    for (const auto& f : folders)
        if (auto u = unchanged.find(f.name); u != unchanged.end() && f.selectable())
            kept.insert(*u);
    unchanged = std::move(kept);
}

}  // namespace oimap::imap_fetch
