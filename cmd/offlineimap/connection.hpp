// SPDX-License-Identifier: GPL-2.0-or-later
// The connection options of imap-fetch(1) and sync-apply(1) for an account's remote
// repository (spec §2.8, §9), and the password handed to them through a descriptor.
#pragma once

#include <string>
#include <vector>

#include "config/credentials.hpp"
#include "config/model.hpp"
#include "core/fs.hpp"

namespace oimap::driver {

/// Explicit flags for the plumbing; the password never appears in them.
struct Connection {
    std::vector<std::string> args;  ///< --host ... --password-file /dev/fd/N ... (both tools)
    std::vector<std::string> listing_args;  ///< --reference, --utf8-folder-names (imap-fetch)
    fs::UniqueFd password;          ///< an anonymous in-memory file the children inherit
    std::string host;               ///< for messages ("tunnel:<cmd>" for a tunnel)
    int port = 0;
};

/// Builds the flags from the remote repository: host and port (or the tunnel), TLS, the
/// certificate checks, user and password (spec §9.1 order; *eval options through eval),
/// reference, utf8foldernames, socktimeout.  Throws ConfigError when no host is configured,
/// AuthError "no password for '<user>' on '<host>' ..." when no source gives one.
Connection make_connection(const config::ResolvedAccount& account, const config::General& general,
                           const config::EvalString& eval);

}  // namespace oimap::driver
