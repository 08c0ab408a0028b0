// SPDX-License-Identifier: GPL-2.0-or-later
// The command line of sync-plan(1).
#pragma once

#include <optional>
#include <string>

#include "maildir/flags.hpp"

namespace oimap::sync_plan {

struct Options {
    std::optional<std::string> remote;  ///< remote-state file, "-" for stdin
    std::optional<std::string> local;   ///< local-state file, "-" for stdin
    /// --local-imap FILE: the local repository is IMAP; FILE is its server's remote-state
    /// listing, "-" for stdin (instead of --local)
    std::optional<std::string> local_imap;
    std::optional<std::string> metadata;
    std::optional<std::string> account;
    std::optional<std::string> local_repository;
    std::optional<std::string> remote_repository;
    std::optional<char> local_sep;
    std::optional<std::string> local_root;
    bool quick = false;
    bool remote_readonly = false;
    bool local_readonly = false;
    bool no_create_remote_folders = false;
    bool no_create_local_folders = false;
    bool no_sync_deletes_remote = false;
    bool no_sync_deletes_local = false;
    std::optional<std::string> maxage;  ///< DAYS or YYYY-mm-dd, as given
    std::optional<std::string> remote_startdate;  ///< YYYY-mm-dd, as given
    std::optional<std::string> local_startdate;   ///< YYYY-mm-dd; with --local-imap only
    std::optional<uint64_t> maxsize;
    maildir::KeywordMap customflags;
    bool windows_compatible = false;
    bool upload_unmatched = false;
    bool save_facts = false;  ///< --save-facts
    std::optional<std::string> output;  ///< -o FILE; stdout otherwise
    std::optional<std::string> config_file;
    std::optional<std::string> config_account;  ///< -a
    std::optional<std::string> debug;
    bool help = false;
    bool version = false;
};

/// Parses argv; throws UsageError with a message naming the bad option or value.
Options parse_options(int argc, char** argv);

/// The --help text.
std::string help_text();

}  // namespace oimap::sync_plan
