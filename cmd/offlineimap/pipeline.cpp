// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the stages exchange files in a private work directory rather than
// pipes: sync-plan needs both listings whole anyway, files let imap-fetch and maildir-scan
// run side by side, and a failed run leaves nothing half-read.  Each child's stderr goes to
// a file and is relayed line by line through the UI once the child has exited; the driver
// never parses it (house rule: porcelain never parses human-readable output).
#include "pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "connection.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "driver/plan_split.hpp"
#include "held.hpp"
#include "imap/utf7.hpp"
#include "profile.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "signals.hpp"
#include "stages.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

struct Stage {
    std::string name;
    process::Spec spec;
    std::string label;  ///< unique within the run: the stderr file's and the profile's name
    std::string stats;  ///< -P: the file of the stage's --stats, for the profile
    std::vector<std::shared_ptr<Lease>> leases;  ///< held connections lent to it
};

// "Establishing connection to ...", as offlineimap says it: when a connection is opened,
// so not when a held one will be lent (holdconnectionopen).
void connecting(Ui& ui, HeldConnection* held, const Connection& c, const std::string& repository) {
    if (held == nullptr || !held->is_open())
        ui.event("connecting", cat(c.host_port, "\n", repository),
                 cat("Establishing connection to ", c.display, " (", repository, ")"));
}

// holdconnectionopen: the stage uses the held connection instead of its own, when it can.
void borrow(Stage& stage, HeldConnection* held, const Endpoint* endpoint, const char* prefix,
            bool is_fetch) {
    if (held == nullptr || endpoint == nullptr)
        return;
    if (auto lease = held->lend(*endpoint, stage.spec, prefix, is_fetch))
        stage.leases.push_back(std::move(lease));
}

Stage make_stage(const std::string& name, process::Spec spec, const std::string& work_dir) {
    spec.stderr_path = work_dir + "/" + name + ".err";
    return {name, std::move(spec), name, {}};
}

// -P: an IMAP stage reports its round trips and bytes (imap-fetch(1), sync-apply(1) --stats).
Stage& measured(Stage& stage, const PipelineInput& in) {
    if (in.profile != nullptr) {
        stage.stats = cat(in.work_dir, "/", stage.label, ".stats");
        stage.spec.args.insert(stage.spec.args.end(), {"--stats", stage.stats});
    }
    return stage;
}

void relay(const Stage& stage, Ui& ui) {
    std::string text;
    try {
        text = fs::read_file(stage.spec.stderr_path);
    } catch (const Error&) {
        return;  // the child never started
    }
    for (std::string_view line : split(text, '\n'))
        if (!line.empty())
            ui.warn(line);
}

// Starts stages side by side and waits for them all; -P records each one.
std::vector<int> run_side_by_side(const std::vector<Stage>& stages, Profile* profile) {
    auto start = std::chrono::steady_clock::now();
    std::vector<int> codes;
    std::vector<process::Running> running;
    {
        StopSignalBlock block;  // children hold a stop request until they can act on it
        for (const auto& s : stages)
            running.emplace_back(s.spec);
    }
    for (const auto& s : stages)
        for (const auto& lease : s.leases)
            lease->started();
    if (abort_requested())
        request_apply_stop();  // the signal came while they were starting
    for (size_t i = 0; i < running.size(); ++i) {
        codes.push_back(running[i].wait());
        for (const auto& lease : stages[i].leases)
            lease->finish(codes.back());
        if (profile != nullptr)
            profile->stage(stages[i].label, seconds_since(start), running[i].user_seconds(),
                           running[i].system_seconds(), codes.back(), stages[i].stats);
    }
    return codes;
}

// imap-fetch(1) status 1: some folders, or folderincludes, could not be listed (each
// reported on its stderr, relayed); the stream leaves them out and the others go on.  A
// missing include gets offlineimap's "Invalid folderinclude:" error.
void report_unlisted(const PipelineInput& in, const Stage& stage, const StageFiles& files,
                     Ui& ui) {
    std::vector<std::string> encoded, missing;
    for (const std::string& name : in.folderincludes)
        encoded.push_back(imap::encode_mutf7(name));
    if (stage.label == "imap-fetch")
        missing = missing_includes(files.remote, encoded);
    for (const std::string& name : missing)
        ui.error(cat("folder '", name, "' does not exist or cannot be examined on '",
                     in.account->remote.name, "'"),
                 "Invalid folderinclude:");
    if (missing.empty())
        ui.error(cat("some folders could not be listed (", stage.name, " exit status 1)"));
}

// Runs the listing stages side by side; throws when one of them failed.
void run_listing(const PipelineInput& in, const std::vector<Stage>& stages,
                 const StageFiles& files, Ui& ui) {
    std::vector<int> codes = run_side_by_side(stages, in.profile);
    for (size_t i = 0; i < stages.size(); ++i)
        relay(stages[i], ui);
    for (size_t i = 0; i < stages.size(); ++i) {
        if (codes[i] == 1 && stages[i].name == "imap-fetch")
            report_unlisted(in, stages[i], files, ui);
        else if (codes[i] != 0)
            throw Error(ExitCode::kPartial,
                        cat(stages[i].name, " failed (exit status ", codes[i], ")"));
    }
}

int run_one(const Stage& stage, Ui& ui, Profile* profile) {
    int code = run_side_by_side({stage}, profile).front();
    relay(stage, ui);
    return code;
}

// maildir-scan, or for a local IMAP repository (spec §5.12) imap-fetch of its server.
Stage local_listing(const PipelineInput& in, const StageFiles& files, Ui& ui) {
    if (in.local_connection == nullptr)
        return make_stage("maildir-scan", scan_spec(in, files), in.work_dir);
    connecting(ui, in.local_held, *in.local_connection, in.account->local.name);
    Stage stage = make_stage("imap-fetch-local", local_fetch_spec(in, files), in.work_dir);
    stage.name = "imap-fetch";
    borrow(stage, in.local_held, in.local_endpoint, "", true);
    return measured(stage, in);
}

void print_plan(const std::string& path) {
    std::string text = fs::read_file(path);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

// Runs one sync-apply per plan, side by side; returns the worst status (2 < 1 < others).
int run_applies(const PipelineInput& in, const std::vector<std::string>& plans,
                const std::string& label, Ui& ui) {
    std::vector<Stage> stages;
    std::vector<std::string> progress_files;
    for (size_t i = 0; i < plans.size(); ++i) {
        Stage s = make_stage(cat(label, "-", i), apply_spec(in, plans[i]), in.work_dir);
        s.name = "sync-apply";
        measured(s, in);
        if (i == 0) {
            borrow(s, in.held, in.endpoint, "", false);
            borrow(s, in.local_held, in.local_endpoint, "local-", false);
        }
        progress_files.push_back(cat(in.work_dir, "/", s.label, ".progress"));
        s.spec.env.emplace_back("OIMAP_PROGRESS", progress_files.back());
        stages.push_back(std::move(s));
    }
    std::vector<int> codes;
    {
        ProgressWatch watch(ui, in.account->account.name, progress_files, *in.totals);
        codes = run_side_by_side(stages, in.profile);
    }
    for (const auto& s : stages)
        relay(s, ui);
    auto rank = [](int c) { return c == 0 ? 0 : c == 2 ? 1 : c == 1 ? 2 : 3; };
    return *std::max_element(codes.begin(), codes.end(),
                             [&](int a, int b) { return rank(a) < rank(b); });
}

// sync-apply(1): 2 = a pair was skipped because its UIDVALIDITY changed since the plan,
// 1 = some operations failed (each reported on its stderr, relayed above).
void apply_status(int code, const PipelineInput& in, Ui& ui, PipelineResult& result) {
    // 75: a stop request cut the plan short after the folder in hand (a first SIGTERM).
    if (code == to_int(ExitCode::kTempFail) && abort_requested())
        check_abort();
    if (code == 2)
        result.uid_validity_problem = true;
    if (code == 1)
        ui.error("some operations failed",
                 cat("while syncing account '", in.account->account.name, "'"));
    if (code != 0 && code != 1 && code != 2)
        throw Error(ExitCode::kPartial, cat("sync-apply failed (exit status ", code, ")"));
}

}  // namespace

PipelineResult run_pipeline(const PipelineInput& in, Ui& ui) {
    check_abort();
    StageFiles files(in.work_dir);
    write_effective_config(*in.ini, files.config);
    connecting(ui, in.held, *in.connection, in.account->remote.name);
    Stage fetch = make_stage("imap-fetch", fetch_spec(in, files), in.work_dir);
    borrow(fetch, in.held, in.endpoint, "", true);
    run_listing(in, {measured(fetch, in), local_listing(in, files, ui)}, files, ui);
    check_abort();
    Stage plan = make_stage("sync-plan", plan_spec(in, files), in.work_dir);
    // sync-plan(1): 2 = the plan is complete but skips a folder for its UIDVALIDITY.
    if (int code = run_one(plan, ui, in.profile); code != 0 && code != 2)
        throw Error(ExitCode::kPartial, cat("sync-plan failed (exit status ", code, ")"));

    ReportNames names{
        in.account->remote.name,
        in.account->local.name,
        config::type_name(in.account->remote.type),
        config::type_name(in.account->local.type),
        cat(in.general->metadata, "/Account-", in.account->account.name, "/LocalStatus-sqlite"),
        in.account->account.name};
    PlanSummary summary = report_plan(files.plan, names, in.dry_run, ui);
    if (in.profile != nullptr)
        in.profile->plan(files.plan);
    PipelineResult result{summary.dispatched, summary.uid_validity_problem};
    if (in.dry_run) {
        print_plan(files.plan);
        return result;
    }
    if (summary.pairs.empty())
        return result;  // nothing for sync-apply to do
    check_abort();
    SplitPlan split = split_plan(files.plan, in.work_dir, in.connections);
    PlanTotals totals = plan_totals(files.plan);
    PipelineInput with_totals = in;
    with_totals.totals = &totals;
    if (!split.creations.empty())
        apply_status(run_applies(with_totals, {split.creations}, "sync-apply-create", ui), in, ui,
                     result);
    check_abort();
    apply_status(run_applies(with_totals, split.parts, "sync-apply", ui), in, ui, result);
    result.new_mail = summary.new_mail;
    return result;
}

}  // namespace oimap::driver
