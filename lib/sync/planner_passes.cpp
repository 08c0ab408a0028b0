// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the passes run exactly as offlineimap3 folder/Base.py runs them
// (__syncmessagesto_copy/_delete/_flags), on a model of the three lists; each effect on a
// mailbox becomes an operation.  The final status row of each message is what counts:
// set-remote-flags carries it as `to`, set-local-flags carries the row after the first pass,
// and `record` operations at the end of the folder write the rows nothing else left right
// (re-associated messages, letters the server cannot hold, local-only changes).
#include "sync/planner_passes.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"

namespace oimap::sync {
namespace {

using format::OpKind;
using format::PlanOp;

struct LocalSlot {
    FlagSet flags;
    FlagSet original;
    const format::LocalMessage* file = nullptr;  ///< null for a message copied in this plan
    bool present = true;
    bool uploaded = false;
};

struct RemoteSlot {
    RemoteMsg msg;
    FlagSet original;
    bool present = true;
};

class Simulation {
public:
    Simulation(const FolderEntry& e, const FolderView& view, const std::vector<StatusRow>& status,
               const PlannerOptions& o);
    void remote_to_local();
    void local_to_remote();
    std::vector<PlanOp> operations();

private:
    using Written = std::unordered_map<uint32_t, FlagSet>;
    std::unordered_set<uint32_t> remote_flag_changes() const;
    void local_flag_ops(std::vector<PlanOp>& out, Written& written);
    void append_adoptions(std::vector<PlanOp>& out);
    RemoteSlot* remote(uint32_t uid);
    LocalSlot* local(uint32_t uid);
    const FlagSet* status(uint32_t uid) const;
    std::vector<uint32_t> sorted_status_uids() const;
    void delete_pass(bool from_remote);
    void add_op(std::vector<PlanOp>& group, PlanOp op);
    static std::string file_of(const format::LocalMessage& m) {
        std::string out;
        out.reserve(m.subdir.size() + 1 + m.file_name.size());
        return out.append(m.subdir).append(1, '/').append(m.file_name);
    }

    const FolderEntry& e_;
    const PlannerOptions& o_;
    std::vector<RemoteSlot> remote_;
    std::vector<uint32_t> local_uids_;  // ascending
    std::unordered_map<uint32_t, LocalSlot> local_;
    std::vector<const LocalMsg*> uidless_;
    size_t uidless_uploads_ = 0;  // the first copy_remote_ operations are their uploads
    std::unordered_map<uint32_t, FlagSet> status_;
    std::unordered_map<uint32_t, FlagSet> initial_status_;
    std::unordered_map<uint32_t, FlagSet> copied_;  // status rows written by copy-to-local
    std::unordered_map<uint32_t, FlagSet> after_remote_pass_;  // rows of re-flagged local files
    std::vector<PlanOp> copy_local_, forget_local_, delete_local_;
    std::vector<PlanOp> copy_remote_, forget_remote_, delete_remote_;
};

Simulation::Simulation(const FolderEntry& e, const FolderView& view,
                       const std::vector<StatusRow>& status, const PlannerOptions& o)
    : e_(e), o_(o) {
    remote_.reserve(view.remote.size());
    for (const auto& m : view.remote)
        remote_.push_back({.msg = m, .original = m.flags});
    local_.reserve(view.local.size());
    for (const auto& m : view.local) {
        if (m.uid == 0) {
            uidless_.push_back(&m);
            continue;
        }
        local_uids_.push_back(m.uid);
        local_.emplace(m.uid, LocalSlot{.flags = m.flags, .original = m.flags, .file = m.file});
    }
    std::sort(local_uids_.begin(), local_uids_.end());
    status_.reserve(status.size() + view.remote.size() + view.local.size());
    for (const auto& row : status)
        status_[row.uid] = FlagSet::of(row.flags);
    initial_status_ = status_;
}

RemoteSlot* Simulation::remote(uint32_t uid) {
    auto it = std::lower_bound(remote_.begin(), remote_.end(), uid,
                               [](const RemoteSlot& s, uint32_t u) { return s.msg.uid < u; });
    if (it == remote_.end() || it->msg.uid != uid || !it->present)
        return nullptr;
    return &*it;
}

LocalSlot* Simulation::local(uint32_t uid) {
    auto it = local_.find(uid);
    if (it == local_.end() || !it->second.present || it->second.uploaded)
        return nullptr;
    return &it->second;
}

const FlagSet* Simulation::status(uint32_t uid) const {
    auto it = status_.find(uid);
    return it == status_.end() ? nullptr : &it->second;
}

std::vector<uint32_t> Simulation::sorted_status_uids() const {
    std::vector<uint32_t> uids;
    uids.reserve(status_.size());
    for (const auto& [uid, flags] : status_)
        uids.push_back(uid);
    std::sort(uids.begin(), uids.end());
    return uids;
}

void Simulation::add_op(std::vector<PlanOp>& group, PlanOp op) {
    op.folder = e_.remote_name;
    group.push_back(std::move(op));
}

// Pass 1 with source remote: copy, delete, flags (spec §5.8.1-§5.8.3).
void Simulation::remote_to_local() {
    std::vector<uint32_t> copied;  // ascending, as remote_ is
    for (auto& r : remote_) {
        uint32_t uid = r.msg.uid;
        if (status(uid))
            continue;
        if (local(uid)) {
            // Already on the other side: only recorded, with the system letters offlineimap's
            // IMAP folder reports; the flags pass then adds the keyword letters.
            status_[uid] = r.msg.flags & system_letters();
            continue;
        }
        add_op(copy_local_, {.kind = OpKind::kCopyToLocal,
                             .uid = uid,
                             .flags = r.msg.flags.str(),
                             .time = r.msg.date,
                             .size = r.msg.size});
        local_[uid] = LocalSlot{.flags = r.msg.flags, .original = r.msg.flags};
        copied.push_back(uid);
        status_[uid] = r.msg.flags;
        copied_[uid] = r.msg.flags;
    }
    std::vector<uint32_t> merged;
    merged.reserve(local_uids_.size() + copied.size());
    std::merge(local_uids_.begin(), local_uids_.end(), copied.begin(), copied.end(),
               std::back_inserter(merged));
    local_uids_ = std::move(merged);
    delete_pass(true);
    for (auto& r : remote_) {
        LocalSlot* l = r.present ? local(r.msg.uid) : nullptr;
        if (!l)
            continue;
        const FlagSet* st = status(r.msg.uid);
        FlagSet base = st ? *st : FlagSet();
        FlagSet add = r.msg.flags - base, del = base - r.msg.flags;
        if (add.empty() && del.empty())
            continue;
        l->flags = (l->flags | add) - del;
        status_[r.msg.uid] = (base | add) - del;
    }
    for (const auto& r : remote_) {
        LocalSlot* l = r.present ? local(r.msg.uid) : nullptr;
        const FlagSet* st = status(r.msg.uid);
        if (l && st && l->flags != l->original)
            after_remote_pass_[r.msg.uid] = *st;
    }
}

// Candidates are status UIDs gone from the source.  A message still on the destination is
// deleted there, and its delete operation drops the status row once the deletion is
// durable; only a message gone from both sides is just forgotten.  (offlineimap forgets
// first: a run stopped in between then resurrects the deleted message; see QUIRKS.)
void Simulation::delete_pass(bool from_remote) {
    bool sync_deletes = from_remote ? o_.sync_deletes_remote : o_.sync_deletes_local;
    auto& forget = from_remote ? forget_local_ : forget_remote_;
    for (uint32_t uid : sorted_status_uids()) {
        bool in_source = from_remote ? remote(uid) != nullptr : local(uid) != nullptr;
        bool in_destination = from_remote ? local(uid) != nullptr : remote(uid) != nullptr;
        if (in_source || (!sync_deletes && in_destination))
            continue;
        status_.erase(uid);
        if (!in_destination) {
            add_op(forget, {.kind = OpKind::kForget, .uid = uid});
            continue;
        }
        if (from_remote) {
            LocalSlot* l = local(uid);
            l->present = false;
            if (l->file)
                add_op(delete_local_,
                       {.kind = OpKind::kDeleteLocal, .uid = uid, .file = file_of(*l->file)});
        } else {
            remote(uid)->present = false;
            add_op(delete_remote_, {.kind = OpKind::kDeleteRemote, .uid = uid});
        }
    }
}

// Pass 2 with source local.  Negative UIDs (files without a usable U=) come first.
void Simulation::local_to_remote() {
    uidless_uploads_ = uidless_.size();
    for (const LocalMsg* m : uidless_)
        add_op(copy_remote_, {.kind = OpKind::kCopyToRemote,
                              .file = file_of(*m->file),
                              .flags = m->flags.str(),
                              .time = m->file->mtime,
                              .size = m->file->size});
    for (uint32_t uid : local_uids_) {
        LocalSlot* l = local(uid);
        if (!l || status(uid))
            continue;
        if (remote(uid)) {
            status_[uid] = l->flags;
            continue;
        }
        add_op(copy_remote_, {.kind = OpKind::kCopyToRemote,
                              .file = file_of(*l->file),
                              .flags = l->flags.str(),
                              .time = l->file->mtime,
                              .size = l->file->size});
        l->uploaded = true;  // it comes back under a new UID; sync-apply records that row
    }
    delete_pass(false);
    for (uint32_t uid : local_uids_) {
        LocalSlot* l = local(uid);
        RemoteSlot* r = l ? remote(uid) : nullptr;
        if (!r)
            continue;
        const FlagSet* st = status(uid);
        FlagSet base = st ? *st : FlagSet();
        FlagSet add = l->flags - base, del = base - l->flags;
        if (add.empty() && del.empty())
            continue;
        // Only the system flags reach the server (spec §6.3); the status takes all letters.
        r->msg.flags = (r->msg.flags | (add & system_letters())) - (del & system_letters());
        status_[uid] = (base | add) - del;
    }
}

// doc/planner.md "UID-less local files": when the plan also downloads messages, a UID-less
// file may be a copy of one of them under a foreign name; its upload becomes
// adopt-or-copy-to-remote, ahead of the downloads, so that sync-apply looks for it on the
// server by Message-ID first (a download of a UID adopted then only records the file).
void Simulation::append_adoptions(std::vector<PlanOp>& out) {
    if (o_.upload_unmatched || copy_local_.empty() || uidless_uploads_ == 0)
        return;
    for (size_t i = 0; i < uidless_uploads_; ++i) {
        copy_remote_[i].kind = OpKind::kAdoptOrCopyToRemote;
        out.push_back(std::move(copy_remote_[i]));
    }
    copy_remote_.erase(copy_remote_.begin(),
                       copy_remote_.begin() + static_cast<std::ptrdiff_t>(uidless_uploads_));
    uidless_uploads_ = 0;
}

// Remote messages whose system letters change: they get set-remote-flags.
std::unordered_set<uint32_t> Simulation::remote_flag_changes() const {
    std::unordered_set<uint32_t> out;
    FlagSet sys = system_letters();
    for (const auto& r : remote_)
        if (r.present && (r.msg.flags & sys) != (r.original & sys))
            out.insert(r.msg.uid);
    return out;
}

// set-local-flags carries as its status the row offlineimap has after the remote -> local
// pass, not the local letters `to`: for a message whose flags changed on both sides, `to`
// holds local changes the server does not have yet, and a run stopped (or a UID STORE that
// failed) before set-remote-flags would leave a row that makes the next run take the server's
// lack of them for a removal on the server, and undo them in the file.
void Simulation::local_flag_ops(std::vector<PlanOp>& out, Written& written) {
    for (uint32_t uid : local_uids_) {
        const LocalSlot& l = local_.at(uid);
        if (!l.file || !l.present || l.uploaded || l.flags == l.original)
            continue;
        auto base = after_remote_pass_.find(uid);
        FlagSet row = base == after_remote_pass_.end() ? l.flags : base->second;
        out.push_back({.kind = OpKind::kSetLocalFlags,
                       .folder = e_.remote_name,
                       .uid = uid,
                       .file = file_of(*l.file),
                       .flags = l.flags.str(),
                       .status_flags = row.str()});
        written[uid] = row;
    }
}

// sync-apply writes the status row `to` after set-remote-flags, the op's status after
// set-local-flags and the op's flags after a copy; a `record` follows at the end only where
// the final row differs from what those left.
std::vector<PlanOp> Simulation::operations() {
    std::vector<PlanOp> out;
    Written written = copied_;
    auto append = [&](std::vector<PlanOp>& group) {
        for (auto& op : group)
            out.push_back(std::move(op));
    };
    auto remote_changes = remote_flag_changes();
    append_adoptions(out);
    append(copy_local_);
    append(forget_local_);
    append(delete_local_);
    local_flag_ops(out, written);
    append(copy_remote_);
    append(forget_remote_);
    append(delete_remote_);
    for (const auto& r : remote_) {
        if (!remote_changes.count(r.msg.uid))
            continue;
        FlagSet to = status_.at(r.msg.uid);
        out.push_back({.kind = OpKind::kSetRemoteFlags,
                       .folder = e_.remote_name,
                       .uid = r.msg.uid,
                       .flags = to.str(),
                       .from_flags = r.original.str()});
        written[r.msg.uid] = to;
    }
    for (uint32_t uid : sorted_status_uids()) {
        FlagSet now = status_.at(uid);
        auto w = written.find(uid);
        auto initial = initial_status_.find(uid);
        if (w != written.end() ? w->second == now
                               : initial != initial_status_.end() && initial->second == now)
            continue;
        out.push_back(
            {.kind = OpKind::kRecord, .folder = e_.remote_name, .uid = uid, .flags = now.str()});
    }
    return out;
}

}  // namespace

std::vector<format::PlanOp> run_passes(const FolderEntry& entry, const FolderView& view,
                                       const std::vector<StatusRow>& status,
                                       const PlannerOptions& options) {
    Simulation sim(entry, view, status, options);
    if (!options.local_readonly)
        sim.remote_to_local();
    if (!options.remote_readonly)
        sim.local_to_remote();
    return sim.operations();
}

}  // namespace oimap::sync
