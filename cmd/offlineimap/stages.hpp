// SPDX-License-Identifier: GPL-2.0-or-later
// The command lines of the four plumbing tools for one account: explicit flags only.
#pragma once

#include <string>
#include <vector>

#include "config/ini.hpp"
#include "process/run.hpp"

namespace oimap::driver {

struct PipelineInput;

/// Where the stage programs are: beside this executable when they are there (an installed
/// or freshly built tree), else found in PATH.
std::string stage_program(const std::string& name);

/// The files of one account run inside the work directory.
struct StageFiles {
    std::string remote, local, plan, config;
    explicit StageFiles(const std::string& work_dir)
        : remote(work_dir + "/remote.tsv"),
          local(work_dir + "/local.tsv"),
          plan(work_dir + "/plan.tsv"),
          config(work_dir + "/offlineimaprc") {}
};

process::Spec fetch_spec(const PipelineInput& in, const StageFiles& files);
process::Spec scan_spec(const PipelineInput& in, const StageFiles& files);
/// imap-fetch of a local IMAP repository's server (always full listings), into files.local.
process::Spec local_fetch_spec(const PipelineInput& in, const StageFiles& files);
process::Spec plan_spec(const PipelineInput& in, const StageFiles& files);
/// sync-apply for the plan at plan.
process::Spec apply_spec(const PipelineInput& in, const std::string& plan);

/// Writes ini to path (mode 0600) so that a child reading "-c path -a account" sees the
/// configuration after -k, -f and -q: every section with every option it sees, raw, except
/// the secrets (remotepass, remotepasseval, oauth2_*).
void write_effective_config(const config::Ini& ini, const std::string& path);

}  // namespace oimap::driver
