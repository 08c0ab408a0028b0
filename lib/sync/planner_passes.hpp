// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap's per-folder passes (spec §5.8) run on in-memory lists: remote -> local copy,
// delete, flags, then local -> remote copy, delete, flags.  Internal to the planner.
#pragma once

#include <string>
#include <vector>

#include "format/plan.hpp"
#include "sync/planner_state.hpp"
#include "sync/planner_view.hpp"

namespace oimap::sync {

/// The message operations of one folder, grouped by kind in pass order:
/// copy-to-local, forget, delete-local, set-local-flags (pass set remote -> local, skipped
/// when the local side is read-only), copy-to-remote, forget, delete-remote,
/// set-remote-flags (local -> remote, skipped when the remote is read-only), and last the
/// `record` operations that write the status rows both pass sets left changed.  Each group
/// is in ascending UID order, copy-to-remote of UID-less files in listing order first.
std::vector<format::PlanOp> run_passes(const FolderEntry& entry, const FolderView& view,
                                       const std::vector<StatusRow>& status,
                                       const PlannerOptions& options);

}  // namespace oimap::sync
