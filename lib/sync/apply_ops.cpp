// SPDX-License-Identifier: GPL-2.0-or-later
// The batched message operations of the executor.  Each batch first changes the side it
// changes (durably: the stores fsync before they return), then records the whole batch in
// one status transaction.  An operation already done (a crash came between the change and
// its record) is only recorded; one whose precondition fails is reported as stale.
#include <map>

#include "core/text.hpp"
#include "format/escape.hpp"
#include "maildir/crlf.hpp"
#include "maildir/flags.hpp"
#include "sync/apply.hpp"

namespace oimap::sync {
namespace {

using format::PlanOp;

/// Downloads arrive with CRLF; Maildir files hold LF (spec §5.15).
class LfSink : public MessageSink {
public:
    explicit LfSink(std::unique_ptr<MessageSink> target) : target_(std::move(target)) {}
    void write(std::string_view chunk) override {
        buffer_.clear();
        converter_.convert(chunk, buffer_);
        if (!buffer_.empty()) target_->write(buffer_);
    }
    void finish() override {
        buffer_.clear();
        converter_.finish(buffer_);
        if (!buffer_.empty()) target_->write(buffer_);
        target_->finish();
        finished_ = true;
    }
    bool finished() const { return finished_; }

private:
    std::unique_ptr<MessageSink> target_;
    maildir::CrlfToLf converter_;
    std::string buffer_;
    bool finished_ = false;
};

/// The letters of a that b lacks.
std::string minus(const std::string& a, const std::string& b) {
    std::string out;
    for (char c : a)
        if (!maildir::has_flag(b, c)) out += c;
    return out;
}

std::string imap_list(const std::vector<std::string>& flags) {
    std::string out;
    for (const auto& f : flags) out += (out.empty() ? "" : " ") + f;
    return out;
}

}  // namespace

void Applier::copy_to_local(const std::vector<PlanOp>& ops) {
    StatusChange change;
    std::map<uint32_t, const PlanOp*> wanted;
    for (const auto& op : ops) {
        // Delivered before a crash, or adopted by adopt-or-copy-to-remote: the file's letters
        // are what both sides have then.
        if (auto file = local_.file_of(op.uid))
            change.put.emplace_back(op.uid, local_.flags_of(*file));
        else
            wanted.emplace(op.uid, &op);
    }
    std::vector<FetchRequest> fetches;
    for (const auto& [uid, op] : wanted) fetches.push_back({uid, op->size});
    std::map<uint32_t, LfSink*> sinks;
    auto open = [&](uint32_t uid) -> std::unique_ptr<MessageSink> {
        auto it = wanted.find(uid);
        if (it == wanted.end() || sinks.count(uid)) return nullptr;
        auto sink = std::make_unique<LfSink>(local_.deliver(uid, it->second->flags, it->second->time));
        sinks[uid] = sink.get();
        return sink;
    };
    try {
        if (!fetches.empty()) remote_.fetch(fetches, open);
    } catch (const Error&) {
        local_.flush();
        for (const auto& [uid, sink] : sinks)
            if (local_.file_of(uid)) change.put.emplace_back(uid, wanted[uid]->flags);
        commit(change);  // what is delivered is recorded before the folder is abandoned
        throw;
    }
    local_.flush();
    for (const auto& [uid, op] : wanted) {
        if (local_.file_of(uid))
            change.put.emplace_back(uid, op->flags);
        else
            stale(*op, "the message is no longer on the server");
    }
    report_.done += change.put.size();
    commit(change);
}

void Applier::record(const std::vector<PlanOp>& ops) {
    StatusChange change;
    for (const auto& op : ops) change.put.emplace_back(op.uid, op.flags);
    report_.done += ops.size();
    commit(change);
}

void Applier::forget(const std::vector<PlanOp>& ops) {
    StatusChange change;
    for (const auto& op : ops) change.remove.push_back(op.uid);
    report_.done += ops.size();
    commit(change);
}

void Applier::delete_local(const std::vector<PlanOp>& ops) {
    StatusChange change;
    for (const auto& op : ops) {
        if (local_.exists(op.file)) {
            local_.remove(op.file);
        } else if (auto other = local_.file_of(op.uid)) {
            stale(op, cat("the file is now '", format::escape(*other), "'"));
            continue;
        }
        change.remove.push_back(op.uid);
    }
    report_.done += change.remove.size();
    commit(change);
}

void Applier::delete_remote(const std::vector<PlanOp>& ops) {
    StatusChange change;
    for (const auto& op : ops) change.remove.push_back(op.uid);
    remote_.remove(change.remove);
    report_.done += ops.size();
    commit(change);
}

void Applier::set_local_flags(const std::vector<PlanOp>& ops) {
    StatusChange change;
    for (const auto& op : ops) {
        std::string flags = maildir::normalize_flags(op.flags);
        if (local_.exists(op.file)) {
            local_.set_flags(op.file, flags);
        } else {
            auto other = local_.file_of(op.uid);
            if (!other || local_.flags_of(*other) != flags) {
                stale(op, other ? cat("the file is now '", format::escape(*other), "'")
                                : std::string("the file is gone"));
                continue;
            }
        }
        change.put.emplace_back(op.uid, maildir::normalize_flags(op.status_flags.value_or(op.flags)));
    }
    report_.done += change.put.size();
    commit(change);
}

void store_flag_changes(RemoteStore& remote, const std::vector<FlagChange>& changes) {
    std::map<std::string, std::vector<uint32_t>> add, remove;
    std::map<std::string, std::vector<std::string>> lists;
    for (const auto& c : changes) {
        auto plus = maildir::flags_to_imap(minus(c.to, c.from));
        auto less = maildir::flags_to_imap(minus(c.from, c.to));
        if (!plus.empty()) add[imap_list(plus)].push_back(c.uid), lists[imap_list(plus)] = plus;
        if (!less.empty()) remove[imap_list(less)].push_back(c.uid), lists[imap_list(less)] = less;
    }
    for (const auto& [key, uids] : add) remote.store_flags(uids, true, lists[key]);
    for (const auto& [key, uids] : remove) remote.store_flags(uids, false, lists[key]);
}

void Applier::set_remote_flags(const std::vector<PlanOp>& ops) {
    std::vector<FlagChange> changes;
    StatusChange change;
    for (const auto& op : ops) {
        changes.push_back({op.uid, op.from_flags, op.flags});
        change.put.emplace_back(op.uid, maildir::normalize_flags(op.flags));
    }
    store_flag_changes(remote_, changes);
    report_.done += ops.size();
    commit(change);
}

// Before any message operation of its pair (the plan puts it first): a first startdate sync
// stopped after some downloads must find the floor saved, or its next run would refuse the
// now non-empty folder (spec §5.7.3).
void Applier::save_start_uid(const std::vector<PlanOp>& ops) {
    for (const auto& op : ops) {
        status_.save_start_uid(op.file, op.uid);
        ++report_.done;
        step();
    }
}

}  // namespace oimap::sync
