// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the stages exchange files in a private work directory rather than
// pipes: sync-plan needs both listings whole anyway, files let imap-fetch and maildir-scan
// run side by side, and a failed run leaves nothing half-read.  Each child's stderr goes to
// a file and is relayed line by line through the UI once the child has exited; the driver
// never parses it (house rule: porcelain never parses human-readable output).
#include "pipeline.hpp"

#include <algorithm>
#include <cstdio>

#include "connection.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "driver/plan_split.hpp"
#include "report.hpp"
#include "signals.hpp"
#include "stages.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

struct Stage {
    std::string name;
    process::Spec spec;
};

Stage make_stage(const std::string& name, process::Spec spec, const std::string& work_dir) {
    spec.stderr_path = work_dir + "/" + name + ".err";
    return {name, std::move(spec)};
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

// Runs stages side by side; throws when one of them failed.
void run_listing(const std::vector<Stage>& stages, Ui& ui) {
    std::vector<int> codes;
    {
        std::vector<process::Running> running;
        for (const auto& s : stages)
            running.emplace_back(s.spec);
        for (auto& r : running)
            codes.push_back(r.wait());
    }
    for (size_t i = 0; i < stages.size(); ++i)
        relay(stages[i], ui);
    for (size_t i = 0; i < stages.size(); ++i)
        if (codes[i] != 0)
            throw Error(ExitCode::kPartial,
                        cat(stages[i].name, " failed (exit status ", codes[i], ")"));
}

int run_one(const Stage& stage, Ui& ui) {
    int code = process::run(stage.spec);
    relay(stage, ui);
    return code;
}

const char* type_name(config::RepositoryType t) {
    switch (t) {
        case config::RepositoryType::kImap:
            return "IMAP";
        case config::RepositoryType::kGmail:
            return "Gmail";
        case config::RepositoryType::kMaildir:
            return "Maildir";
        case config::RepositoryType::kGmailMaildir:
            return "GmailMaildir";
    }
    return "?";
}

void print_plan(const std::string& path) {
    std::string text = fs::read_file(path);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

// Runs one sync-apply per plan, side by side; returns the worst status (2 < 1 < others).
int run_applies(const PipelineInput& in, const std::vector<std::string>& plans, Ui& ui) {
    std::vector<Stage> stages;
    for (size_t i = 0; i < plans.size(); ++i) {
        Stage s = make_stage(cat("sync-apply-", i), apply_spec(in, plans[i]), in.work_dir);
        s.name = "sync-apply";
        stages.push_back(std::move(s));
    }
    std::vector<int> codes;
    {
        std::vector<process::Running> running;
        for (const auto& s : stages)
            running.emplace_back(s.spec);
        for (auto& r : running)
            codes.push_back(r.wait());
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
    ui.event("connecting", cat(in.connection->host_port, "\n", in.account->remote.name),
             cat("Establishing connection to ", in.connection->display, " (",
                 in.account->remote.name, ")"));
    run_listing({make_stage("imap-fetch", fetch_spec(in, files), in.work_dir),
                 make_stage("maildir-scan", scan_spec(in, files), in.work_dir)},
                ui);
    check_abort();
    Stage plan = make_stage("sync-plan", plan_spec(in, files), in.work_dir);
    // sync-plan(1): 2 = the plan is complete but skips a folder for its UIDVALIDITY.
    if (int code = run_one(plan, ui); code != 0 && code != 2)
        throw Error(ExitCode::kPartial, cat("sync-plan failed (exit status ", code, ")"));

    ReportNames names{
        in.account->remote.name, in.account->local.name, type_name(in.account->remote.type),
        type_name(in.account->local.type),
        cat(in.general->metadata, "/Account-", in.account->account.name, "/LocalStatus-sqlite"),
        in.account->account.name};
    PlanSummary summary = report_plan(files.plan, names, in.dry_run, ui);
    PipelineResult result{summary.dispatched, summary.uid_validity_problem};
    if (in.dry_run) {
        print_plan(files.plan);
        return result;
    }
    if (summary.pairs.empty())
        return result;  // nothing for sync-apply to do
    check_abort();
    SplitPlan split = split_plan(files.plan, in.work_dir, in.connections);
    if (!split.creations.empty())
        apply_status(run_applies(in, {split.creations}, ui), in, ui, result);
    apply_status(run_applies(in, split.parts, ui), in, ui, result);
    return result;
}

}  // namespace oimap::driver
