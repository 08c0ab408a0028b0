// SPDX-License-Identifier: GPL-2.0-or-later
// -c FILE -a ACCOUNT: defaults for sync-plan's options from an offlineimaprc.
#pragma once

#include "options.hpp"
#include "sync/planner.hpp"

namespace oimap::sync_plan {

/// Fills every option the command line left unset from the account's sections, and the
/// settings only an offlineimaprc has (nametrans, folderfilter, utf8foldernames) into
/// planner.  Explicit options win; the read-only, createfolders and sync_deletes settings
/// of either source turn the behaviour off.  Throws UsageError when only one of -c and -a is
/// given, ConfigError for an unusable configuration.
void apply_config(Options& opt, sync::PlannerOptions& planner);

}  // namespace oimap::sync_plan
