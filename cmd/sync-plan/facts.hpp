// SPDX-License-Identifier: GPL-2.0-or-later
// The incremental side of sync-plan (doc/planner.md "Incremental listings"): reading a
// local folder the listing skipped, and saving the facts of folders with nothing to do.
#pragma once

#include <string>
#include <vector>

#include "format/local_state.hpp"
#include "sync/planner.hpp"

namespace oimap::sync_plan {

/// The messages of local folder under root, as maildir-scan lists them.
std::vector<format::LocalMessage> rescan_local(const std::string& root, bool windows_compatible,
                                              const std::string& folder);

/// Saves the facts of every settled folder into its existing status DB under
/// metadata/Account-account; folders without a status DB, without local mtimes (no
/// maildir-scan --state-dir) or with a status count other than the server's are left.
/// A folder whose DB cannot be written is reported at debug level: the facts are a cache.
void save_settled(const std::string& metadata, const std::string& account,
                  const std::vector<sync::SettledFolder>& settled);

}  // namespace oimap::sync_plan
