// SPDX-License-Identifier: GPL-2.0-or-later
// The command line of sync-apply(1).  The connection options are imap-fetch's, in its
// Options struct, so that -c FILE -a ACCOUNT fills them the same way for both tools.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "../imap-fetch/options.hpp"

namespace oimap::sync_apply {

struct Options {
    imap_fetch::Options connection;  ///< host, port, user, TLS, tunnel, -c/-a, -d
    /// --local-host/--local-tunnel and the other --local-* connection flags: the local
    /// repository is IMAP (a MappedImapStore instead of the Maildir)
    std::optional<imap_fetch::Options> local_imap;
    std::string plan = "-";          ///< the plan file, "-" for stdin
    std::optional<std::string> root, sep, metadata, account;  ///< override the plan's meta
    std::optional<bool> fsync;  ///< default on
    bool lock = true;
    bool windows_compatible = false;
    size_t batch_size = 500;
    std::optional<unsigned> fetch_attempts;  ///< --fetch-attempts (offlineimap's retrycount)
    uint64_t test_stop_after = 0;
    std::optional<std::string> stats;  ///< --stats FILE: traffic and per-folder costs
    bool quiet = false;
    bool verbose = false;
};

/// Parses argv; throws UsageError for unknown options, bad values or stray arguments.
Options parse_options(int argc, char** argv);
std::string help_text();

}  // namespace oimap::sync_apply
