// SPDX-License-Identifier: GPL-2.0-or-later
// One account sync as a pipeline of child processes (spec §5.3): imap-fetch and
// maildir-scan side by side, then sync-plan, then sync-apply (or, in dry-run, the plan).
#pragma once

#include <string>
#include <vector>

#include "config/ini.hpp"
#include "config/model.hpp"
#include "format/plan.hpp"

namespace oimap::driver {

class Ui;
class Profile;
struct PlanTotals;
struct Connection;
struct Endpoint;
class HeldConnection;

/// What the stages need besides the account.
struct PipelineInput {
    const config::Ini* ini = nullptr;  ///< the effective configuration (after -k, -f, -q)
    const config::ResolvedAccount* account = nullptr;
    const config::General* general = nullptr;
    const Connection* connection = nullptr;
    /// The local repository's connection when it is of type IMAP (spec §5.12), else null.
    const Connection* local_connection = nullptr;
    std::string work_dir;  ///< private scratch directory for the listings and the plan
    bool dry_run = false;
    bool quick = false;
    size_t connections = 1;      ///< sync-apply processes side by side (maxconnections, -1)
    std::string debug;           ///< our debug categories, passed to the children as OIMAP_DEBUG
    /// The remote folderincludes, evaluated; imap-fetch lists them even when LIST does not.
    std::vector<std::string> folderincludes;
    Profile* profile = nullptr;  ///< -P: the stages' times and the plan's counts go there
    const PlanTotals* totals = nullptr;  ///< the plan's totals, for sync-apply's progress
    /// holdconnectionopen: the repositories' held connections (null: each child connects),
    /// lent to one child at a time, and the endpoints they are opened with.
    HeldConnection* held = nullptr;
    const Endpoint* endpoint = nullptr;
    HeldConnection* local_held = nullptr;
    const Endpoint* local_endpoint = nullptr;
};

/// What happened, for mbnames and the exit status.
struct PipelineResult {
    std::vector<std::string> dispatched;  ///< local names of the folders synced, plan order
    bool uid_validity_problem = false;
    /// sync-apply copied an unseen message out of the remote INBOX (newmail_hook).
    bool new_mail = false;
};

/// Runs the stages.  A stage that fails is reported through ui; the account aborts (throws
/// Error) when listing or planning failed, and continues when only some operations of
/// sync-apply failed (they are reported, and counted by ui for the exit status).
PipelineResult run_pipeline(const PipelineInput& input, Ui& ui);

}  // namespace oimap::driver
