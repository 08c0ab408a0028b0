// SPDX-License-Identifier: GPL-2.0-or-later
// What a run does, in offlineimap's precedence (spec §1): --info, then
// --migrate-fmd5-using-nametrans, --mbnames-prune, --delete-folder, else a sync.
#pragma once

#include "config/ini.hpp"
#include "options.hpp"

namespace oimap::driver {

class Ui;

/// Runs the selected mode; failures are reported through ui or thrown as Error.
void run_mode(const config::Ini& ini, const Options& options, Ui& ui);

}  // namespace oimap::driver
