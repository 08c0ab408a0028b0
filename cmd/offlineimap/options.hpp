// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap's command line (spec §1): optparse semantics over cxxopts.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace oimap::driver {

/// The parsed command line; names follow offlineimap3's optparse destinations.
struct Options {
    bool help = false;
    bool version = false;       ///< --version
    bool full_version = false;  ///< -V
    bool dry_run = false;
    bool info = false;
    bool single_thread = false;  ///< -1
    bool syslog = false;         ///< -s
    bool once = false;           ///< -o
    bool quick = false;          ///< -q
    bool migrate_fmd5 = false;
    bool mbnames_prune = false;
    std::optional<std::string> profile_dir, accounts, config_file, debug, log_file, folders, ui,
        delete_folder;
    std::vector<std::string> overrides;  ///< every -k, in order
    std::vector<std::string> arguments;  ///< argv as given, for the log file's first record
};

/// A command-line error; offlineimap (optparse) prints the usage line and exits with 2.
struct OptionError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Parses argv.  Throws OptionError with optparse-like text ("no such option: -x").
Options parse_options(int argc, char** argv);

/// The --help text (stdout, exit 0).
std::string help_text();
/// "Usage: offlineimap [options]": the line optparse prints before a usage error.
std::string usage_line();

}  // namespace oimap::driver
