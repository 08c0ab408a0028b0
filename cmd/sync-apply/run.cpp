// SPDX-License-Identifier: GPL-2.0-or-later
#include "run.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "connection.hpp"
#include "../imap-fetch/stats.hpp"
#include "meter.hpp"
#include "progress.hpp"
#include "stop.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"
#include "maildir/filename.hpp"
#include "status/lock.hpp"
#include "sync/apply.hpp"
#include "sync/store_imap.hpp"
#include "sync/store_maildir.hpp"
#include "sync/store_mapped_imap.hpp"
#include "sync/store_status.hpp"

namespace oimap::sync_apply {
namespace {

/// The value of an option, else of the plan's meta line key; UsageError if neither.
std::string setting(const std::optional<std::string>& option, const format::PlanReader& plan,
                    const std::string& key, const char* flag) {
    if (option) return *option;
    auto it = plan.stream().meta().find(key);
    if (it != plan.stream().meta().end()) return it->second;
    throw UsageError(cat("cannot apply the plan: it has no '", key, "' meta line; give ", flag));
}

std::string meta_or(const format::PlanReader& plan, const std::string& key, const std::string& fallback) {
    auto it = plan.stream().meta().find(key);
    return it == plan.stream().meta().end() ? fallback : it->second;
}

void summarise(const sync::ApplyReport& r) {
    log::verbose(cat(r.done, " operations done, ", r.stale, " stale, ", r.failed, " failed, ",
                  r.failed_folders, " folders failed, ", r.skipped_pairs, " folders skipped"));
}

// The local side: the Maildir, or with --local-host/--local-tunnel a folder of the local IMAP
// server and its UID map (spec §5.12); local_session is that server's session.
std::unique_ptr<sync::LocalStore> local_store(const Options& o, const format::PlanReader& plan,
                                              imap::Session& local_session, const std::string& root,
                                              const std::string& metadata) {
    if (o.local_imap) {
        uint64_t stop_after_appends = 0;  // test hook (tests/README.md)
        if (const char* n = std::getenv("OIMAP_TEST_STOP_AFTER_LOCAL_APPENDS"))
            stop_after_appends = parse_number<uint64_t>(n).value_or(0);
        open_session(local_session, *o.local_imap);
        return std::make_unique<sync::MappedImapStore>(
            local_session, sync::MappedImapOptions{.metadata = metadata,
                                                   .repository = meta_or(plan, "local-repository", ""),
                                                   .fsync = o.fsync.value_or(true),
                                                   .stop_after_appends = stop_after_appends});
    }
    std::string sep = o.sep.value_or(meta_or(plan, "local-sep", "."));
    return std::make_unique<sync::MaildirStore>(sync::MaildirStoreOptions{
        .root = root, .sep = sep.empty() ? '.' : sep[0],
        .info_sep = maildir::info_separator(o.windows_compatible), .fsync = o.fsync.value_or(true)});
}

int apply(const Options& o, format::PlanReader& plan) {
    std::string root = o.local_imap ? std::string() : setting(o.root, plan, "local-root", "--root");
    std::string metadata = setting(o.metadata, plan, "metadata", "--metadata");
    std::string account = setting(o.account, plan, "account", "--account");
    std::optional<status::AccountLock> lock;
    if (o.lock) lock.emplace(status::AccountLock::acquire(metadata, account));

    imap::Session session;
    open_session(session, o.connection);
    imap::Session local_session;
    std::unique_ptr<sync::LocalStore> local = local_store(o, plan, local_session, root, metadata);
    sync::SqliteStatus status({.metadata = metadata, .account = account,
                               .remote_repository = meta_or(plan, "remote-repository", ""),
                               // The mapped store saves the local server's own UIDVALIDITY.
                               .local_repository = o.local_imap ? std::string()
                                                                : meta_or(plan, "local-repository", ""),
                               .fsync = o.fsync.value_or(true)});
    sync::ImapStore remote(session, kStreamThreshold);
    remote.set_connect([&] { open_session(session, o.connection); });
    std::optional<ProgressStatus> progress;
    if (const char* path = std::getenv("OIMAP_PROGRESS"); path != nullptr && *path != '\0')
        progress.emplace(status, path);
    sync::StatusStore& recorded = progress ? static_cast<sync::StatusStore&>(*progress) : status;
    FolderMeter meter(session);
    sync::Applier applier(*local, remote, recorded,
                          {.batch_size = o.batch_size, .stop_after = o.test_stop_after,
                           .fetch_attempts = o.fetch_attempts.value_or(2),
                           .stop_requested = stop_requested, .hold_after = test_hold_after(),
                           .pair_boundary = [&](const std::string& f) { meter.boundary(f); }});
    applier.run(plan);
    summarise(applier.report());
    session.logout();
    if (o.local_imap) local_session.logout();
    if (o.stats)
        imap_fetch::write_stats(*o.stats, cat("sync-apply ", kVersion), session.traffic(),
                                meter.folders());
    return applier.report().exit_code();
}

}  // namespace

int run_apply(const Options& o) {
    if (o.plan == "-") {
        format::PlanReader plan(std::cin, "stdin");
        return apply(o, plan);
    }
    std::ifstream file(o.plan, std::ios::binary);
    if (!file) throw NoInputError(cat("cannot open '", log::sanitize(o.plan), "': no such file or not readable"));
    format::PlanReader plan(file, o.plan);
    return apply(o, plan);
}

}  // namespace oimap::sync_apply
