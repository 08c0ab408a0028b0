// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_view.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"

namespace oimap::sync {

std::vector<LocalMsg> local_messages(const FolderEntry& entry, const PlannerOptions& options,
                                     std::vector<std::string>& warnings) {
    std::vector<LocalMsg> out;
    if (!entry.local)
        return out;
    out.reserve(entry.local->messages.size());
    std::unordered_map<uint32_t, size_t> index;
    for (const auto& m : entry.local->messages) {
        if (options.maxsize && m.size > *options.maxsize)
            continue;
        LocalMsg msg{.uid = m.fmd5 == entry.fmd5 ? m.uid : 0, .file = &m};
        msg.flags = FlagSet::of(m.flags) | FlagSet::of(m.keywords);
        if (msg.uid == 0) {
            out.push_back(msg);
            continue;
        }
        auto [it, fresh] = index.try_emplace(msg.uid, out.size());
        if (fresh) {
            out.push_back(msg);
            continue;
        }
        LocalMsg& old = out[it->second];
        warnings.push_back(cat("folder '", entry.local_name, "': files '", old.file->subdir, "/",
                               old.file->file_name, "' and '", m.subdir, "/", m.file_name,
                               "' both carry UID ", msg.uid, "; ignoring the first"));
        old = msg;
    }
    return out;
}

namespace {

bool in_ranges(const std::vector<UidRange>& ranges, uint32_t uid) {
    for (const auto& [first, last] : ranges)
        if (uid >= first && uid <= last)
            return true;
    return false;
}

// A "changes" or "none" listing leaves out messages unchanged since the last sync: their
// flags are the status flags the remote can hold (system and mapped keyword letters).
std::vector<RemoteMsg> from_status(const RemoteFolderListing& r,
                                   const std::vector<StatusRow>& status, FlagSet representable) {
    std::vector<RemoteMsg> out;
    for (const auto& row : status)
        if (!in_ranges(r.vanished, row.uid))
            out.push_back({.uid = row.uid, .flags = FlagSet::of(row.flags) & representable});
    return out;
}

void overlay(std::vector<RemoteMsg>& base, std::vector<RemoteMsg> listed) {
    std::vector<RemoteMsg> merged;
    merged.reserve(base.size() + listed.size());
    auto b = base.begin();
    for (const auto& m : listed) {
        for (; b != base.end() && b->uid < m.uid; ++b)
            merged.push_back(*b);
        if (b != base.end() && b->uid == m.uid)
            ++b;
        merged.push_back(m);
    }
    merged.insert(merged.end(), b, base.end());
    base = std::move(merged);
}

}  // namespace

std::optional<std::vector<RemoteMsg>> remote_messages(const FolderEntry& entry,
                                                      const std::vector<StatusRow>& status,
                                                      const PlannerOptions& options,
                                                      std::vector<std::string>& warnings) {
    if (!entry.remote)
        return std::vector<RemoteMsg>{};
    const RemoteFolderListing& r = *entry.remote;
    ImapFlagMapper mapper(options.keywords);
    std::vector<RemoteMsg> listed;
    listed.reserve(r.messages.size());
    for (const auto& m : r.messages) {
        listed.push_back({.uid = m.uid,
                          .flags = mapper.letters(m.flags),
                          .size = m.size,
                          .date = m.internal_date});
    }
    auto skipped = mapper.take_skipped();
    if (!skipped.empty()) {
        std::string list;
        for (const auto& k : skipped)
            list += cat(list.empty() ? "" : ", ", "'", k, "'");
        warnings.push_back(cat("Unknown keywords skipped: [", list, "] in folder '", r.folder.name,
                               "'. You may want to change your configuration to include those"));
    }
    if (r.folder.listing == format::Listing::kFull)
        return listed;
    auto base = from_status(r, status, system_letters() | mapper.keyword_letters());
    overlay(base, std::move(listed));
    // A message the last sync did not record (a failed copy, a skipped folder) would be
    // missing from the completed list for good; the server's count shows it.
    if (base.size() != r.folder.exists)
        return std::nullopt;
    return base;
}

void hide_oversized(FolderView& view, const FolderEntry& entry, uint64_t maxsize) {
    std::unordered_set<uint32_t> hidden;
    if (entry.remote)
        for (const auto& m : entry.remote->messages)
            if (m.size >= maxsize)
                hidden.insert(m.uid);
    if (entry.local)
        for (const auto& m : entry.local->messages)
            if (m.size > maxsize && m.uid != 0 && m.fmd5 == entry.fmd5)
                hidden.insert(m.uid);
    if (hidden.empty())
        return;
    std::erase_if(view.remote, [&](const RemoteMsg& m) { return hidden.count(m.uid) > 0; });
    std::erase_if(view.local,
                  [&](const LocalMsg& m) { return m.uid != 0 && hidden.count(m.uid) > 0; });
}

std::optional<int64_t> filename_timestamp(const std::string& name) {
    size_t start = name.find_first_of("0123456789");
    if (start == std::string::npos)
        return std::nullopt;
    size_t end = name.find_first_not_of("0123456789", start);
    std::string_view digits = std::string_view(name).substr(start, end - start);
    if (digits.size() > 18)
        return INT64_MAX;
    return parse_number<int64_t>(digits);
}

namespace {

void window_by_uid(FolderView& view, uint32_t min_uid, bool narrow_local) {
    std::erase_if(view.remote, [&](const RemoteMsg& m) { return m.uid < min_uid; });
    if (narrow_local)
        std::erase_if(view.local, [&](const LocalMsg& m) { return m.uid != 0 && m.uid < min_uid; });
}

// offlineimap3 folder/Maildir.py _scanfolder(min_date): by file-name timestamp, then
// re-includes excluded files whose UID is above the smallest included UID.
void window_local_by_date(FolderView& view, int64_t cutoff) {
    auto within = [&](const LocalMsg& m) {
        auto t = filename_timestamp(m.file->file_name);
        return !t || *t >= cutoff;
    };
    uint32_t min_uid = 0;
    for (const auto& m : view.local)
        if (within(m) && m.uid != 0 && (min_uid == 0 || m.uid < min_uid))
            min_uid = m.uid;
    std::erase_if(view.local, [&](const LocalMsg& m) {
        return !within(m) && !(min_uid != 0 && m.uid > min_uid);
    });
}

}  // namespace

void apply_maxage(FolderView& view, int64_t cutoff) {
    // IMAP SEARCH SINCE <cut-off + 1 day> compares dates only; we take UTC days.
    const int64_t day = 86400;
    int64_t since = (cutoff + day) / day * day;
    auto first = std::find_if(view.remote.begin(), view.remote.end(),
                              [&](const RemoteMsg& m) { return m.date >= since; });
    if (first != view.remote.end()) {
        uint32_t min_uid = first->uid;
        for (auto it = first; it != view.remote.end(); ++it)
            if (it->date >= since)
                min_uid = std::min(min_uid, it->uid);
        window_by_uid(view, min_uid, true);
        return;
    }
    window_local_by_date(view, cutoff);
    uint32_t min_uid = 0;
    for (const auto& m : view.local)
        if (m.uid != 0 && (min_uid == 0 || m.uid < min_uid))
            min_uid = m.uid;
    if (min_uid == 0)
        view.remote.clear();
    else
        window_by_uid(view, min_uid, false);
}

}  // namespace oimap::sync
