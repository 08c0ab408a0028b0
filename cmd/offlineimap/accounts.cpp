// SPDX-License-Identifier: GPL-2.0-or-later
#include "accounts.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "config/registry.hpp"
#include "connection.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "expressions.hpp"
#include "held.hpp"
#include "hooks.hpp"
#include "idle.hpp"
#include "mbnames.hpp"
#include "pipeline.hpp"
#include "profile.hpp"
#include "setup.hpp"
#include "signals.hpp"
#include "status/lock.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

std::mutex g_mbnames_mutex;

std::string elapsed(std::chrono::steady_clock::time_point start) {
    auto secs =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
            .count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(secs / 60),
                  static_cast<long long>(secs % 60));
    return buf;
}

// -1, and -d without "thread", force one thing at a time (spec §1).
bool single_threaded(const Options& options) {
    return options.single_thread || options.profile_dir ||
           (options.debug && options.debug->find("thread") == std::string::npos &&
            options.debug->find("all") == std::string::npos);
}

status::AccountLock lock_account(const std::string& metadata, const std::string& account) {
    try {
        return status::AccountLock::acquire(metadata, account);
    } catch (const TempError&) {
        throw TempError(
            cat("Could not lock account ", account, ". Is another instance using this account?"));
    }
}

config::ResolvedAccount resolve(const RunContext& ctx, const std::string& name) {
    config::check_supported(ctx.ini, name);
    config::ResolvedAccount account = config::resolve_account(ctx.ini, name);
    if ((!account.local.maildir && !account.local.imap) || !account.remote.imap)
        throw ConfigError(cat("account '", name, "': its remote repository must be of type IMAP"));
    return account;
}

// What an account's thread keeps between its syncs (spec §10.4).
struct AccountLoop {
    std::optional<double> autorefresh;  ///< minutes, from the last resolve
    int quicknum = 0;                   ///< offlineimap's counter of quick syncs
    uint64_t wakeups_seen = 0;          ///< SIGUSR1 already acted on
    int failures = 0;                   ///< consecutive failed syncs (spec §10.5)
    bool idle = false;                  ///< this sync is one idle folder's (mode "idle")
    /// idlefolders and what their connections need, from the last sync.
    std::vector<std::string> idlefolders;
    std::unique_ptr<config::ResolvedAccount> idle_account;
    std::optional<Endpoint> idle_endpoint;
    /// holdconnectionopen: connections kept between syncs, NOOPed every keepalive seconds
    /// (0: never) while sleeping.
    HeldConnections held;
    int keepalive = 0;
};

// holdconnectionopen (spec §10.3): a held connection per IMAP repository that asks for one,
// created at the first sync and kept by the loop.
void hold_connections(const RunContext& ctx, const config::ResolvedAccount& account,
                      bool utf8, AccountLoop& loop) {
    const config::ImapOptions* remote = account.remote.imap ? &*account.remote.imap : nullptr;
    const config::ImapOptions* local = account.local.imap ? &*account.local.imap : nullptr;
    if (remote && remote->holdconnectionopen && !loop.held.remote)
        loop.held.remote = std::make_unique<HeldConnection>(account.remote.name, utf8, ctx.ui);
    if (local && local->holdconnectionopen && !loop.held.local)
        loop.held.local = std::make_unique<HeldConnection>(account.local.name, false, ctx.ui);
    loop.keepalive = loop.held.remote ? remote->keepalive : loop.held.local ? local->keepalive : 0;
}

// Keeps what the idle folders' connections need (spec §10.6) for the next sleep.
void remember_idle(const RunContext& ctx, const config::ResolvedAccount& account,
                   const Endpoint& endpoint, AccountLoop& loop) {
    const auto& expr = account.remote.imap->idlefolders;
    if (loop.idle || !expr)
        return;
    loop.idlefolders =
        ctx.expressions.list(cat("[Repository ", account.remote.name, "] idlefolders"), *expr);
    loop.idle_account = std::make_unique<config::ResolvedAccount>(account);
    loop.idle_endpoint = endpoint;
    loop.idle_endpoint->imap = &*loop.idle_account->remote.imap;
}

// The remote folderincludes (spec §4.3), a Python list; -f sets it to [].
std::vector<std::string> folder_includes(const RunContext& ctx,
                                         const config::ResolvedAccount& account) {
    const auto& expr = account.remote.folderincludes;
    if (!expr)
        return {};
    return ctx.expressions.list(cat("[Repository ", account.remote.name, "] folderincludes"),
                                *expr);
}

// offlineimap's Account.__sync: quick < 0 always quick, quick = N: N quick syncs between
// full ones, counted in quicknum (reset by an interrupted sleep).
bool next_sync_is_quick(int quick, AccountLoop& loop) {
    if (quick < 0)
        return true;
    if (quick == 0)
        return false;
    if (loop.quicknum == 0 || loop.quicknum > quick) {
        loop.quicknum = 1;
        return false;
    }
    ++loop.quicknum;
    return true;
}

// newmail_hook (spec §5.8.1): a Python callable of the remote repository; its failure is
// reported and does not fail the sync.
void call_newmail_hook(const RunContext& ctx, const config::ResolvedAccount& account) {
    try {
        ctx.expressions.call_hook(cat("[Repository ", account.remote.name, "] newmail_hook"),
                                  *account.remote.imap->newmail_hook);
    } catch (const Error& e) {
        ctx.ui.error(e.what(), "Calling newmail_hook");
    }
}

// After the pipeline: newmail_hook, the exit status, mbnames.
void record_result(const RunContext& ctx, const config::ResolvedAccount& account,
                   const PipelineResult& result, const AccountLoop& loop) {
    const std::string& name = account.account.name;
    if (result.new_mail && account.remote.imap->newmail_hook)
        call_newmail_hook(ctx, account);
    if (result.uid_validity_problem)
        ctx.ui.uid_validity_problem();
    if (result.dispatched.empty())
        throw ConfigError(cat("Account ", name, ": no folder to sync (folderfilter issue?)"));
    if (!loop.idle) {  // an idle sync dispatches one folder: the account's list stays
        std::lock_guard guard(g_mbnames_mutex);
        ctx.mbnames.account_done(
            name, account.local.maildir ? account.local.maildir->localfolders : std::string(),
            result.dispatched);
    }
}

// A local repository of type IMAP (spec §5.12): its server's connection, resolved as the
// remote's; nullopt for a Maildir.
std::optional<Connection> local_imap_connection(const RunContext& ctx,
                                                const config::ResolvedAccount& account,
                                                std::optional<Endpoint>& endpoint) {
    if (!account.local.imap)
        return std::nullopt;
    endpoint = resolve_endpoint(account, account.local, ctx.general, ctx.expressions.credentials(),
                                [&](const std::string& u) { return ctx.ui.getpass(u); });
    if (endpoint->password)
        ctx.ui.add_secret(*endpoint->password);
    return make_connection(*endpoint);
}

void sync_locked(const RunContext& ctx, const std::string& name, AccountLoop& loop) {
    config::ResolvedAccount account = resolve(ctx, name);
    loop.autorefresh = account.account.autorefresh;
    fs::make_directories(ctx.general.metadata + "/Account-" + name);
    if (account.local.maildir)  // as offlineimap, even in dry-run
        fs::make_directories(account.local.maildir->localfolders);
    status::AccountLock lock = lock_account(ctx.general.metadata, name);
    WorkDir work;
    bool quick = !loop.idle && next_sync_is_quick(account.account.quick, loop);
    const char* mode = loop.idle ? "idle" : quick ? "quick" : "full";
    bool dry_run = ctx.general.dry_run;
    call_hook(ctx.ui, account.account.presynchook, mode, dry_run, work.path());
    Endpoint endpoint = resolve_endpoint(account, ctx.general, ctx.expressions.credentials(),
                                         [&](const std::string& u) { return ctx.ui.getpass(u); });
    if (endpoint.password)
        ctx.ui.add_secret(*endpoint.password);
    remember_idle(ctx, account, endpoint, loop);
    Connection connection = make_connection(endpoint);
    std::optional<Endpoint> local_endpoint;
    std::optional<Connection> local_connection = local_imap_connection(ctx, account, local_endpoint);
    hold_connections(ctx, account, endpoint.utf8_folder_names, loop);
    PipelineInput input{
        .ini = &ctx.ini,
        .account = &account,
        .general = &ctx.general,
        .connection = &connection,
        .local_connection = local_connection ? &*local_connection : nullptr,
        .work_dir = work.path(),
        .dry_run = dry_run,
        .quick = quick,
        .connections = single_threaded(ctx.options)
                           ? 1
                           : static_cast<size_t>(std::max(1, account.remote.imap->maxconnections)),
        .debug = log::enabled_list(),
        .folderincludes = folder_includes(ctx, account),
        .held = loop.held.remote.get(),
        .endpoint = &endpoint,
        .local_held = loop.held.local.get(),
        .local_endpoint = local_endpoint ? &*local_endpoint : nullptr};
    std::optional<Profile> profile;
    if (ctx.options.profile_dir)
        input.profile = &profile.emplace();
    PipelineResult result = run_pipeline(input, ctx.ui);
    if (profile)
        profile->write(*ctx.options.profile_dir, name);
    record_result(ctx, account, result, loop);
    call_hook(ctx.ui, account.account.postsynchook, mode, dry_run, work.path());
}

// One sync of the account; false when it failed (reported through the UI).
bool sync_account(const RunContext& ctx, const std::string& name, AccountLoop& loop) {
    ctx.ui.event("acct", name, "*** Processing account " + name);
    auto start = std::chrono::steady_clock::now();
    bool ok = false;
    try {
        sync_locked(ctx, name, loop);
        ok = true;
    } catch (const Error& e) {
        ctx.ui.error(e.what());
    } catch (const std::exception& e) {
        ctx.ui.error(e.what(), cat("While attempting to sync account '", name, "'"));
    }
    ctx.ui.event("acctdone", name, cat("*** Finished account '", name, "' in ", elapsed(start)));
    return ok;
}

// An idle folder's sync (spec §10.6): that folder only, hooks in mode "idle".
void sync_idle_folder(const RunContext& ctx, const std::string& name, AccountLoop& loop,
                      const std::string& folder) {
    config::Ini ini = ctx.ini;
    apply_folders(ini, folder);
    RunContext idle_ctx{ini, ctx.options, ctx.general, ctx.ui, ctx.mbnames, ctx.expressions};
    loop.idle = true;
    sync_account(idle_ctx, name, loop);
    loop.idle = false;
}

// Sleeps for step; an idle folder that changes meanwhile is synced at once (the watch wakes
// the sleep).
SleepEnd sleep_watching(const RunContext& ctx, const std::string& name, AccountLoop& loop,
                        IdleWatch* watch, std::chrono::milliseconds step) {
    if (watch == nullptr)
        return sleep_for(step, loop.wakeups_seen);
    auto deadline = std::chrono::steady_clock::now() + step;
    for (;;) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline -
                                                                 std::chrono::steady_clock::now());
        SleepEnd end = sleep_for(std::max(left, std::chrono::milliseconds(0)), loop.wakeups_seen,
                                 [watch] { return watch->has_changed(); });
        if (end != SleepEnd::kTimeout)
            return end;
        for (const std::string& folder : watch->take_changed())
            if (!stop_looping())
                sync_idle_folder(ctx, name, loop, folder);
        if (std::chrono::steady_clock::now() >= deadline)
            return SleepEnd::kTimeout;
    }
}

// The autorefresh sleep (UIBase.sleep): 10-second steps for the messages; a signal ends it
// at once.  Returns false when the loop must end.
bool sleep_refresh(const RunContext& ctx, const std::string& name, AccountLoop& loop) {
    Ui& ui = ctx.ui;
    long remaining = static_cast<long>(*loop.autorefresh * 60);
    std::optional<IdleWatch> watch;
    if (!loop.idlefolders.empty() && loop.idle_endpoint && remaining > 0)
        watch.emplace(*loop.idle_endpoint, loop.idlefolders, ui,
                      IdleSettings{std::chrono::seconds(loop.idle_account->remote.imap->keepalive),
                                   wake_sleepers});
    std::optional<KeepAlive> keepalive;
    if ((loop.held.remote || loop.held.local) && loop.keepalive > 0 && remaining > 0)
        keepalive.emplace(loop.held, std::chrono::seconds(loop.keepalive));
    SleepEnd end = SleepEnd::kTimeout;
    while (remaining > 0 && end == SleepEnd::kTimeout) {
        long step = std::min(10L, remaining);
        ui.sleeping(10, remaining);
        end =
            sleep_watching(ctx, name, loop, watch ? &*watch : nullptr, std::chrono::seconds(step));
        remaining -= step;
    }
    watch.reset();
    keepalive.reset();
    ui.sleeping(0, 0);
    if (end == SleepEnd::kWoken)
        loop.quicknum = 0;  // the sync after an interrupted sleep is a full one
    return end != SleepEnd::kStop;
}

// An account's thread (Account.syncrunner): sync, and with autorefresh (not -o) sleep and
// sync again until a signal ends the loop or 3 syncs in a row failed.
void account_loop(const RunContext& ctx, const std::string& name) {
    ctx.ui.event("registerthread", name, {});
    AccountLoop loop{.wakeups_seen = wakeups()};
    for (;;) {
        bool ok = sync_account(ctx, name, loop);
        loop.failures = ok ? 0 : loop.failures + 1;
        if (!loop.autorefresh || ctx.options.once || stop_looping() || loop.failures >= 3)
            return;
        if (!sleep_refresh(ctx, name, loop))
            return;
    }
}

void run_account(const RunContext& ctx, const std::string& name) {
    std::string thread_name = "Account sync " + name;
    {
        Ui::ThreadName thread(thread_name);
        account_loop(ctx, name);
    }
    ctx.ui.thread_exited(thread_name);
}

}  // namespace

WorkDir::WorkDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = cat(tmp && *tmp ? tmp : "/tmp", "/offlineimap.XXXXXX");
    if (::mkdtemp(tmpl.data()) == nullptr)
        throw_errno("create work directory", tmpl);
    path_ = tmpl;
}

WorkDir::~WorkDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void sync_accounts(const RunContext& ctx, const std::vector<std::string>& accounts) {
    size_t width = single_threaded(ctx.options)
                       ? 1
                       : static_cast<size_t>(std::max(1, ctx.general.maxsyncaccounts));
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i; !abort_requested() && (i = next++) < accounts.size();)
            run_account(ctx, accounts[i]);
    };
    std::vector<std::thread> threads;
    for (size_t t = 1; t < std::min(width, accounts.size()); ++t)
        threads.emplace_back(worker);
    worker();
    for (auto& t : threads)
        t.join();
}

}  // namespace oimap::driver
