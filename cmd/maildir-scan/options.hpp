// SPDX-License-Identifier: GPL-2.0-or-later
// The command line of maildir-scan(1).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "maildir/flags.hpp"

namespace oimap::maildir_scan {

struct Options {
    std::optional<std::string> root;
    std::optional<char> sep;           ///< --sep; '.' when neither it nor the offlineimaprc says
    std::vector<std::string> folders;  ///< empty: every folder under root
    bool windows_compatible = false;
    maildir::KeywordMap customflags;
    std::optional<std::string> output;  ///< -o FILE; stdout otherwise
    /// --state-dir: the account's status DBs; unchanged folders are listed "none"
    std::optional<std::string> state_dir;
    std::optional<std::string> config_file;
    std::optional<std::string> account;
    std::optional<std::string> debug;
    bool help = false;
    bool version = false;
};

/// Parses argv; throws UsageError with a message naming the bad option or value.
Options parse_options(int argc, char** argv);

/// The --help text.
std::string help_text();

}  // namespace oimap::maildir_scan
