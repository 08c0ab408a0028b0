// SPDX-License-Identifier: GPL-2.0-or-later
// presynchook and postsynchook (spec §10.7).
#pragma once

#include <string>
#include <string_view>

namespace oimap::driver {

class Ui;

/// Runs cmd with "sh -c" (stdin empty, stdout and stderr captured into files under
/// work_dir, no other descriptor inherited, OFFLINEIMAPSYNCMODE=mode) and logs "Calling hook:
/// <cmd>", its output and its return code as offlineimap does.  A failing hook does not stop
/// the sync; a hook that cannot be started is logged as an error.  With dry_run only the
/// "[DRYRUN] Calling hook: ..." line is logged.  An empty cmd does nothing.
void call_hook(Ui& ui, const std::string& cmd, std::string_view mode, bool dry_run,
               const std::string& work_dir);

}  // namespace oimap::driver
