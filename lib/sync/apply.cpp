// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: items are read one at a time; message operations of one kind that
// follow each other in one pair are queued and carried out as one batch (flush), so memory
// is bounded by the batch size, never by the plan.  A failure inside a batch abandons the
// rest of that pair only; stale operations are counted one by one.
#include "sync/apply.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "core/log.hpp"
#include "core/text.hpp"
#include "format/escape.hpp"

namespace oimap::sync {
namespace {

constexpr auto kLogCategory = log::Category::kApply;

using format::OpKind;
using format::PlanOp;

bool batchable(OpKind kind) {
    return kind != OpKind::kCreateLocalFolder && kind != OpKind::kCreateRemoteFolder;
}

uint64_t default_random() {
    static std::random_device device;
    static std::mt19937_64 engine(device());
    return std::uniform_int_distribution<uint64_t>(0, 9999999999ull)(engine);
}

}  // namespace

int ApplyReport::exit_code() const {
    if (cut_short) return to_int(ExitCode::kTempFail);
    if (skipped_pairs > 0) return 2;
    if (stale > 0 || failed > 0 || failed_folders > 0) return 1;
    return 0;
}

Applier::Applier(LocalStore& local, RemoteStore& remote, StatusStore& status, ApplyOptions options)
    : local_(local), remote_(remote), status_(status), options_(std::move(options)) {
    if (!options_.random) options_.random = default_random;
    if (options_.batch_size == 0) options_.batch_size = 1;
}

void Applier::run(format::PlanReader& plan) {
    try {
        while (auto next = plan.next()) {
            if (stop_before(*next)) break;
            item(*next);
        }
    } catch (const FormatError&) {
        flush();
        throw;
    }
    flush();
    boundary("");
}

// A stop request takes effect between pairs: the pair in hand is finished first.
bool Applier::stop_before(const format::PlanItem& next) {
    auto* pair = std::get_if<format::FolderPair>(&next);
    if (pair == nullptr || !options_.stop_requested || !options_.stop_requested()) return false;
    log::info(cat("stop requested: not syncing '", log::sanitize(pair->remote),
                  "' and the rest of the plan"));
    report_.cut_short = true;
    return true;
}

void Applier::item(const format::PlanItem& item) {
    if (auto* pair = std::get_if<format::FolderPair>(&item)) return open_pair(*pair);
    if (auto* skipped = std::get_if<format::FolderSkip>(&item)) return skip(*skipped);
    const auto& op = std::get<PlanOp>(item);
    if (batchable(op.kind)) return queue(op);
    flush();
    folder_op(op);
}

void Applier::open_pair(const format::FolderPair& pair) {
    flush();
    boundary(pair.remote);
    pair_ = pair;
    pair_usable_ = false;
    open_intents_.clear();
    recovered_.clear();
    try {
        uint32_t uid_validity = remote_.select(pair.remote);
        // A pair of a folder created by this plan has no UIDVALIDITY to check yet (0).
        if (pair.uid_validity != 0 && uid_validity != pair.uid_validity) {
            log::error(cat("skipping folder '", log::sanitize(pair.remote), "': UIDVALIDITY is ",
                           uid_validity, ", the plan expects ", pair.uid_validity));
            ++report_.skipped_pairs;
            return;
        }
        local_.open_folder(pair.local, pair.fmd5);
        status_.open_pair(pair.status, pair.remote, pair.local, uid_validity);
        pair_usable_ = true;
        recover_intents();
    } catch (const TestStop&) {
        throw;
    } catch (const Error& e) {
        folder_failed(e);
    }
}

void Applier::skip(const format::FolderSkip& skipped) {
    flush();
    boundary("");
    pair_.reset();
    pair_usable_ = false;
    log::error(cat("skipping folder '", log::sanitize(skipped.remote), "' (", skipped.reason,
                   "): ", log::sanitize(skipped.message)));
    ++report_.skipped_pairs;
}

void Applier::folder_op(const PlanOp& op) {
    try {
        if (op.kind == OpKind::kCreateLocalFolder)
            local_.create_folder(op.folder);
        else
            remote_.create_folder(op.folder);
        ++report_.done;
        step();
    } catch (const TestStop&) {
        throw;
    } catch (const Error& e) {
        log::error(cat("cannot ", format::op_kind_name(op.kind), " '", log::sanitize(op.folder),
                       "': ", e.what()));
        ++report_.failed;
    }
}

// A batch of downloads also ends at batch_bytes, so that the files waiting in tmp/ for
// their one syncfs stay a bounded amount of unsynced data.
void Applier::queue(const PlanOp& op) {
    if (!pending_.empty() &&
        (pending_.front().kind != op.kind || pending_.size() >= options_.batch_size ||
         (op.kind == OpKind::kCopyToLocal && pending_bytes_ >= options_.batch_bytes)))
        flush();
    pending_.push_back(op);
    if (op.kind == OpKind::kCopyToLocal) pending_bytes_ += op.size;
}

void Applier::flush() {
    if (pending_.empty()) return;
    std::vector<PlanOp> ops;
    ops.swap(pending_);
    pending_bytes_ = 0;
    if (!pair_usable_) return;  // the pair was skipped or failed: already reported
    log::debug(kLogCategory, cat("batch of ", ops.size(), " ", format::op_kind_name(ops.front().kind)));
    for (unsigned attempt = 1;; ++attempt) {
        try {
            run_batch(ops);
            return;
        } catch (const TestStop&) {
            throw;
        } catch (const NetworkError& e) {
            if (!retry_after(e, ops.front().kind, attempt)) return;
        } catch (const Error& e) {
            folder_failed(e);
            return;
        }
    }
}

// Downloads are the batches a second attempt can always carry out again: what the first
// delivered is found on disk and only recorded (copy_to_local).
bool Applier::retry_after(const NetworkError& e, OpKind kind, unsigned attempt) {
    if (kind == OpKind::kCopyToLocal && attempt < options_.fetch_attempts) {
        log::warning(cat("connection lost while fetching messages of '", log::sanitize(pair_ ? pair_->remote : ""),
                         "' (", e.what(), "); reconnecting, attempt ", attempt + 1, " of ",
                         options_.fetch_attempts));
        try {
            if (remote_.reconnect()) return true;
        } catch (const Error& again) {
            folder_failed(again);
            return false;
        }
    }
    folder_failed(e);
    return false;
}

void Applier::run_batch(const std::vector<PlanOp>& ops) {
    switch (ops.front().kind) {
        case OpKind::kCopyToLocal: return copy_to_local(ops);
        case OpKind::kRecord: return record(ops);
        case OpKind::kForget: return forget(ops);
        case OpKind::kDeleteLocal: return delete_local(ops);
        case OpKind::kDeleteRemote: return delete_remote(ops);
        case OpKind::kSetLocalFlags: return set_local_flags(ops);
        case OpKind::kSetRemoteFlags: return set_remote_flags(ops);
        case OpKind::kCopyToRemote: return copy_to_remote(ops);
        case OpKind::kAdoptOrCopyToRemote: return adopt_or_copy_to_remote(ops);
        case OpKind::kSaveStartUid: return save_start_uid(ops);
        case OpKind::kCreateLocalFolder:
        case OpKind::kCreateRemoteFolder: break;
    }
}

void Applier::folder_failed(const Error& e) {
    std::string name = pair_ ? pair_->remote : std::string();
    log::error(cat("cannot sync folder '", log::sanitize(name), "': ", e.what()));
    ++report_.failed_folders;
    pair_usable_ = false;
}

void Applier::stale(const PlanOp& op, const std::string& why) {
    log::error(cat("stale operation ", format::op_kind_name(op.kind), " in '",
                   log::sanitize(op.folder), "' UID ", op.uid, ": ", why));
    ++report_.stale;
}

void Applier::commit(const StatusChange& change) {
    local_.flush();  // what the change records must be durable first
    if (change.empty()) return;
    status_.apply(change);
    step();
}

void Applier::step() {
    ++report_.steps;
    if (options_.stop_after != 0 && report_.steps >= options_.stop_after)
        throw TestStop(cat("stopped after ", report_.steps, " durable steps (--test-stop-after)"));
    if (options_.hold_after != 0 && report_.steps == options_.hold_after) hold();
}

void Applier::boundary(const std::string& remote) {
    if (options_.pair_boundary) options_.pair_boundary(remote);
}

void Applier::hold() {
    using namespace std::chrono_literals;
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (options_.stop_requested && !options_.stop_requested() &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
}

}  // namespace oimap::sync
