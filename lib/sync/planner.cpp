// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: one folder is planned as offlineimap3 accounts.py syncfolder does
// it: load the local list, the quick-mode test, the UIDVALIDITY check, the remote list,
// then the passes.  Where offlineimap would sync a folder it should not (UIDVALIDITY
// changed, spec §14), the folder gets a `skip` record instead; doc/planner.md gives the
// reasons.
#include "sync/planner.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "core/text.hpp"
#include "sync/folder_pairing.hpp"
#include "sync/mapped_listing.hpp"
#include "sync/planner_passes.hpp"
#include "sync/planner_view.hpp"

namespace oimap::sync {
namespace {

constexpr auto kLogCategory = log::Category::kPlan;

// A Maildir folder's UIDVALIDITY is always 42 (offlineimap3 folder/Maildir.py).
constexpr uint32_t kMaildirUidValidity = 42;

class FolderPlanner {
public:
    FolderPlanner(const FolderEntry& e, StateSource& state, const PlannerOptions& o,
                  PlanResult& out)
        : e_(e), state_(state), o_(o), out_(out) {}
    void plan();

private:
    bool unchanged_for_quick(const std::vector<LocalMsg>& local) const;
    bool uid_validity_problem(size_t local_count);
    bool apply_remote_startdate(FolderView& view, uint32_t& save_floor);
    bool apply_local_startdate(FolderView& view, uint32_t& save_floor);
    void push_start_uid(uint32_t floor);
    void skip(const std::string& reason, const std::string& message, bool warn);

    const FolderEntry& e_;
    StateSource& state_;
    const PlannerOptions& o_;
    PlanResult& out_;
    std::vector<StatusRow> rows_;
};

void FolderPlanner::skip(const std::string& reason, const std::string& message, bool warn) {
    if (warn)
        out_.warnings.push_back(message);
    out_.items.push_back(format::FolderSkip{e_.remote_name, e_.local_name, reason, message});
}

void FolderPlanner::plan() {
    rows_ = state_.status_rows(e_.status_name);
    bool created = e_.created_local || e_.created_remote;
    FolderView view{.local = local_messages(e_, o_, out_.warnings)};
    bool restricted = o_.maxage_cutoff || o_.remote_startdate || o_.local_startdate;
    if (o_.quick && !restricted && !created && unchanged_for_quick(view.local))
        return skip("unchanged", cat("Skipping ", e_.remote_name, " (not changed)"), false);
    if (!created && uid_validity_problem(view.local.size()))
        return;
    // A folder created on either side starts with an empty status (spec §4.4: purged).
    std::vector<StatusRow> status = created ? std::vector<StatusRow>{} : rows_;
    auto remote = remote_messages(e_, status, o_, out_.warnings);
    if (!remote)
        return skip("incomplete-listing",
                    cat("cannot plan folder '", e_.remote_name,
                        "': its remote listing is incomplete (changes or none) and does not "
                        "add up to the server's message count; a full listing is needed"),
                    true);
    view.remote = std::move(*remote);
    if (o_.maxsize)
        hide_oversized(view, e_, *o_.maxsize);
    if (o_.maxage_cutoff)
        apply_maxage(view, *o_.maxage_cutoff);
    uint32_t save_floor = 0;  // a first startdate sync: the floor to save
    if (o_.remote_startdate && !apply_remote_startdate(view, save_floor))
        return;
    if (o_.local_startdate && !apply_local_startdate(view, save_floor))
        return;
    uint32_t uid_validity = e_.remote ? e_.remote->folder.uid_validity : 0;
    out_.items.push_back(
        format::FolderPair{e_.remote_name, e_.local_name, e_.status_name, uid_validity, e_.fmd5});
    if (save_floor != 0)
        push_start_uid(save_floor);
    if (created)
        for (const auto& row : rows_)
            out_.items.push_back(format::PlanOp{
                .kind = format::OpKind::kForget, .folder = e_.remote_name, .uid = row.uid});
    auto ops = run_passes(e_, view, status, o_);
    log::debug(kLogCategory, cat("folder '", log::sanitize(e_.remote_name), "': ",
                                 view.remote.size(), " remote, ", view.local.size(), " local, ",
                                 status.size(), " status rows, ", ops.size(), " operations"));
    for (auto& op : ops)
        out_.items.push_back(std::move(op));
}

// offlineimap3 folder/Maildir.py and IMAP.py quickchanged(): the local UIDs (negative ones
// included) or flags differ from the status, or the server's message count does.
bool FolderPlanner::unchanged_for_quick(const std::vector<LocalMsg>& local) const {
    if (!e_.remote || e_.remote->folder.exists != rows_.size() || local.size() != rows_.size())
        return false;
    std::unordered_map<uint32_t, FlagSet> status;
    status.reserve(rows_.size());
    for (const auto& row : rows_)
        status[row.uid] = FlagSet::of(row.flags);
    for (const auto& m : local) {
        auto it = status.find(m.uid);
        if (m.uid == 0 || it == status.end() || it->second != m.flags)
            return false;
    }
    return true;
}

// spec §5.5: compared only when the local folder or the status has messages; a value that
// was never saved matches (sync-apply saves it).
bool FolderPlanner::uid_validity_problem(size_t local_count) {
    if (local_count == 0 && rows_.empty())
        return false;
    struct Check {
        const std::string& repository;
        const std::string& folder;
        uint32_t current;
    };
    const Check checks[] = {
        {o_.local_repository, e_.local_name,
         o_.local_uid_validity ? o_.local_uid_validity(e_.local_name) : kMaildirUidValidity},
        {o_.remote_repository, e_.real_name, e_.remote->folder.uid_validity},
    };
    for (const auto& c : checks) {
        auto saved = state_.saved_uid_validity(c.repository, status_basename(c.folder));
        if (!saved || *saved == c.current || c.current == 0)
            continue;
        out_.uid_validity_problem = true;
        skip("uidvalidity",
             cat("UID validity problem for folder ", c.folder, " (repo ", c.repository, ") (saved ",
                 *saved, "; got ", c.current,
                 "); skipping it. Please see FAQ and manual on how to handle this."),
             true);
        return true;
    }
    return false;
}

// The floor of a first startdate sync: the lowest UID received on or after the start date.
// With none, offlineimap saves 1, which lets the next run take every older message the date
// was meant to leave out; we save the next UID instead (doc/planner.md "startdate").
uint32_t first_uid_since(const std::vector<RemoteMsg>& remote, int64_t start, uint32_t uid_next) {
    uint32_t next = std::max<uint32_t>(uid_next, 1);
    for (const auto& m : remote) {
        if (m.date >= start)
            return m.uid;  // remote is in ascending UID order
        next = std::max(next, m.uid + 1);
    }
    return next;
}

// spec §5.7.3 with new = local, partial = remote: on the first run (no StartUID file) the
// local folder must be empty, and the floor is saved by the plan's save-start-uid, first in
// the pair; then only remote UIDs from the floor on take part.  False: the folder is skipped.
bool FolderPlanner::apply_remote_startdate(FolderView& view, uint32_t& save_floor) {
    auto floor = state_.saved_start_uid(o_.remote_repository, status_basename(e_.real_name));
    if (!floor) {
        if (!view.local.empty()) {
            skip("startdate", cat("To use startdate on Repository ", o_.remote_repository,
                                  ", Repository ", o_.local_repository, " must be empty"),
                 true);
            return false;
        }
        floor = first_uid_since(view.remote, *o_.remote_startdate,
                                e_.remote ? e_.remote->folder.uid_next : 0);
        save_floor = *floor;
    }
    std::erase_if(view.remote, [&](const RemoteMsg& m) { return m.uid < *floor; });
    return true;
}

// The local server's UID of a message of a mapped listing; 0 for a name that is not one.
uint32_t local_server_uid(const LocalMsg& m) {
    auto name = parse_mapped_name(cat(m.file->subdir, '/', m.file->file_name));
    return name ? name->local_uid : 0;
}

// spec §5.7.3 with new = remote, partial = local (a local IMAP repository): as above with the
// sides swapped.  The floor is a UID of the local server (offlineimap's UIDMaps messagelist
// keys), saved under the local repository; local messages below it do not take part.
bool FolderPlanner::apply_local_startdate(FolderView& view, uint32_t& save_floor) {
    auto floor = state_.saved_start_uid(o_.local_repository, status_basename(e_.local_name));
    if (!floor) {
        if (!view.remote.empty()) {
            skip("startdate", cat("To use startdate on Repository ", o_.local_repository,
                                  ", Repository ", o_.remote_repository, " must be empty"),
                 true);
            return false;
        }
        uint32_t first = 0, next = 1;
        for (const auto& m : view.local) {
            uint32_t uid = local_server_uid(m);
            next = std::max(next, uid + 1);
            if (m.file->mtime >= *o_.local_startdate && uid != 0 && (first == 0 || uid < first))
                first = uid;
        }
        floor = first != 0 ? first : next;  // none since the date: the next UID (see above)
        save_floor = *floor;
    }
    std::erase_if(view.local, [&](const LocalMsg& m) {
        uint32_t uid = local_server_uid(m);
        return uid != 0 && uid < *floor;
    });
    return true;
}

void FolderPlanner::push_start_uid(uint32_t floor) {
    bool local = o_.local_startdate.has_value();
    out_.items.push_back(format::PlanOp{
        .kind = format::OpKind::kSaveStartUid,
        .folder = e_.remote_name,
        .uid = floor,
        .file = cat("Repository-", local ? o_.local_repository : o_.remote_repository,
                    "/StartUID/", status_basename(local ? e_.local_name : e_.real_name))});
}

// doc/planner.md "Incremental listings": both sides report the folder unchanged since the
// facts were saved, which happened when it had nothing to do; its rows are not even read.
bool up_to_date(const FolderEntry& e, const PlannerOptions& o) {
    return e.remote && e.local && !e.created_local && !e.created_remote && !o.maxage_cutoff &&
           !o.remote_startdate && !o.local_startdate &&
           e.remote->folder.listing == format::Listing::kNone && e.remote->folder.uid_validity != 0 &&
           !e.local->folder.listed;
}

void plan_folder(const FolderEntry& entry, StateSource& state, const PlannerOptions& o, PlanResult& out) {
    if (up_to_date(entry, o)) {
        out.items.push_back(format::FolderSkip{entry.remote_name, entry.local_name, "up-to-date",
                                               cat("Syncing ", entry.remote_name, ": unchanged since the last sync")});
        return;
    }
    FolderEntry e = entry;
    LocalFolderListing rescanned;
    if (e.local && !e.local->folder.listed) {
        if (!o.local_rescan) {
            out.items.push_back(format::FolderSkip{
                e.remote_name, e.local_name, "incomplete-listing",
                cat("cannot plan folder '", e.remote_name, "': its local listing is 'none' and it cannot be read")});
            out.warnings.push_back(std::get<format::FolderSkip>(out.items.back()).message);
            return;
        }
        rescanned.folder = e.local->folder;
        rescanned.folder.listed = true;
        rescanned.messages = o.local_rescan(e.local->folder.name);
        rescanned.folder.messages = static_cast<uint32_t>(rescanned.messages.size());
        e.local = &rescanned;
    }
    size_t first = out.items.size();
    FolderPlanner(e, state, o, out).plan();
    bool settled = out.items.size() == first + 1 && std::holds_alternative<format::FolderPair>(out.items[first]);
    if (settled && e.remote && e.local && !e.created_local && !e.created_remote)
        out.settled.push_back({e.status_name, e.remote->folder, e.local->folder});
}

}  // namespace

PlanResult make_plan(const RemoteListing& remote, const LocalListing& local, StateSource& state,
                     const PlannerOptions& options) {
    PlanResult out;
    FolderPlan folders = pair_folders(remote, local, options);
    out.warnings = std::move(folders.warnings);
    if (options.quick &&
        (options.maxage_cutoff || options.remote_startdate || options.local_startdate))
        out.warnings.push_back(
            "Quick syncs (-q) not supported in conjunction with maxage or "
            "startdate; ignoring -q.");
    for (auto& op : folders.creates)
        out.items.push_back(std::move(op));
    for (const auto& entry : folders.entries) {
        if (entry.skip) {
            out.items.push_back(*entry.skip);
            continue;
        }
        plan_folder(entry, state, options, out);
    }
    return out;
}

}  // namespace oimap::sync
