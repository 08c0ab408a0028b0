// SPDX-License-Identifier: GPL-2.0-or-later
// From the command line to the in-memory configuration (spec §5.1 step 1): the config
// file, -k, --dry-run, -q, -f; and the list of active accounts.
#pragma once

#include <string>
#include <vector>

#include "config/ini.hpp"
#include "options.hpp"

namespace oimap::driver {

class Ui;

/// Finds and reads the config file (spec §1.1), then applies -k, --dry-run, -q and -f as
/// offlineimap does.  Throws ConfigError (missing file: offlineimap's own text).
config::Ini load_config(const Options& options);

/// The accounts to work on: -a, else [general] accounts; split on ',', leading blanks
/// stripped.  Unknown names are reported through ui ("The account 'X' does not exist"); if
/// any is unknown, or none is left, throws ConfigError "Valid accounts are: ...".
/// -f folders (comma-separated remote names): replaces the folderfilter (and an existing
/// folderincludes) of every account's remote repository in ini, as offlineimap does.
void apply_folders(config::Ini& ini, const std::string& folders);

std::vector<std::string> active_accounts(const config::Ini& ini, const Options& options, Ui& ui);

}  // namespace oimap::driver
