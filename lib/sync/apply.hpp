// SPDX-License-Identifier: GPL-2.0-or-later
// The executor of sync-apply: carries out a plan (oimap-formats(5)) against the local
// Maildir, the remote server and the status database, in order, in batches, recording each
// change only after it is durable on the side it changed (doc/crash-safety.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "format/plan.hpp"
#include "sync/store.hpp"

namespace oimap::sync {

struct ApplyOptions {
    size_t batch_size = 500;   ///< operations of one kind carried out together, at most
    uint64_t batch_bytes = uint64_t{32} << 20;  ///< downloads of one batch: bytes, at most
    uint64_t stop_after = 0;   ///< test hook: throw TestStop after this many durable steps
    /// Attempts of a batch of downloads whose connection broke (offlineimap's retrycount,
    /// spec §9): after a NetworkError the remote store reconnects and the batch is carried
    /// out again, up to this many times in all.  1: no retry.
    unsigned fetch_attempts = 2;
    /// A graceful stop request, asked before each folder pair is opened: when it returns
    /// true the pair in hand has been finished and the run ends (ApplyReport::cut_short).
    std::function<bool()> stop_requested;
    /// Test hook: after this many durable steps, wait (up to a minute) until stop_requested.
    uint64_t hold_after = 0;
    /// Called when a folder pair is opened (its remote name) and when the pairs end (""): a
    /// skip record, a stop request or the end of the plan; for per-folder statistics.
    std::function<void(const std::string&)> pair_boundary;
    std::function<uint64_t()> random;  ///< 0..9999999999 for markers; default: std::random_device
};

/// What a run did; each failure was also reported on stderr.
struct ApplyReport {
    uint64_t done = 0;            ///< operations carried out, or found already done
    uint64_t stale = 0;           ///< operations refused because their precondition failed
    uint64_t failed = 0;          ///< operations that failed
    uint64_t failed_folders = 0;  ///< folder pairs abandoned after a failure
    uint64_t skipped_pairs = 0;   ///< pairs skipped (UIDVALIDITY changed, or a plan skip)
    uint64_t steps = 0;           ///< durable steps taken
    /// A stop request ended the run before these pairs (and the rest of the plan).
    bool cut_short = false;
    /// 75 if the run was cut short, else 2 if a pair was skipped, else 1 if anything failed
    /// or was stale, else 0.
    int exit_code() const;
};

/// Thrown by the --test-stop-after hook; carries exit status 100.
struct TestStop : Error {
    explicit TestStop(const std::string& m) : Error(ExitCode::kTestStop, m) {}
};

class Applier {
public:
    Applier(LocalStore& local, RemoteStore& remote, StatusStore& status, ApplyOptions options);

    /// Carries out every item of plan, or those up to the folder pair in hand when a stop is
    /// requested.  Failures of one folder are reported and counted and
    /// the other folders go on; throws FormatError for a malformed plan (after carrying out
    /// what came before it), TestStop for the test hook.
    void run(format::PlanReader& plan);
    const ApplyReport& report() const { return report_; }

private:
    bool stop_before(const format::PlanItem& next);
    void item(const format::PlanItem& item);
    void open_pair(const format::FolderPair& pair);
    void skip(const format::FolderSkip& skip);
    void folder_op(const format::PlanOp& op);
    void queue(const format::PlanOp& op);
    void flush();
    void run_batch(const std::vector<format::PlanOp>& ops);
    void folder_failed(const Error& e);
    /// After a NetworkError in attempt of a batch of kind: true when the store reconnected
    /// and the batch is to be carried out again; else the folder is reported failed.
    bool retry_after(const NetworkError& e, format::OpKind kind, unsigned attempt);
    void stale(const format::PlanOp& op, const std::string& why);
    void commit(const StatusChange& change);
    void step();
    void hold();
    void boundary(const std::string& remote);

    void copy_to_local(const std::vector<format::PlanOp>& ops);
    void record(const std::vector<format::PlanOp>& ops);
    void forget(const std::vector<format::PlanOp>& ops);
    void delete_local(const std::vector<format::PlanOp>& ops);
    void delete_remote(const std::vector<format::PlanOp>& ops);
    void set_local_flags(const std::vector<format::PlanOp>& ops);
    void set_remote_flags(const std::vector<format::PlanOp>& ops);
    void save_start_uid(const std::vector<format::PlanOp>& ops);

    /// One upload of a batch: its op, its journalled intent and marker.
    struct Upload {
        const format::PlanOp* op = nullptr;
        int64_t intent = 0;
        std::string marker;
    };
    void recover_intents();
    std::vector<Upload> journal_uploads(const std::vector<format::PlanOp>& ops);
    void copy_to_remote(const std::vector<format::PlanOp>& ops);
    void adopt_or_copy_to_remote(const std::vector<format::PlanOp>& ops);
    void adopt(const std::string& file, const FoundMessage& message, StatusChange& change,
               std::vector<FlagChange>& flags);
    void finish_uploads(const std::vector<Upload>& uploads,
                        std::vector<std::optional<uint32_t>>& uids, const std::vector<bool>& taken);
    std::string new_marker(const std::string& file);
    void finish_upload(const std::string& file, uint32_t uid, int64_t intent, StatusChange& change);

    LocalStore& local_;
    RemoteStore& remote_;
    StatusStore& status_;
    ApplyOptions options_;
    ApplyReport report_;
    std::vector<format::PlanOp> pending_;
    uint64_t pending_bytes_ = 0;  ///< sizes of the downloads in pending_
    std::optional<format::FolderPair> pair_;
    bool pair_usable_ = false;
    std::map<std::string, UploadIntent> open_intents_;  ///< by file: not found on the server
    std::set<std::string> recovered_;  ///< files whose upload an intent showed was done
};

}  // namespace oimap::sync
