// SPDX-License-Identifier: GPL-2.0-or-later
// The connection options of imap-fetch (and of sync-apply, which takes the same flags)
// translated into lib/imap's: one place for both programs.
#pragma once

#include "imap/session.hpp"
#include "options.hpp"

namespace oimap::imap_fetch {

/// Where and how to connect; with --held-fd N the connection offlineimap(1) lends
/// (holdconnectionopen: already authenticated, closed without LOGOUT).  Throws UsageError
/// when neither a host nor a tunnel is given, or --held-fd is below 3, ConfigError for a
/// TLS level and version that do not go together.
imap::ConnectOptions connect_options(const Options& o);
/// Who logs in; reads the first line of --password-file / --oauth2-token-file (IoError).
imap::Credentials credentials(const Options& o);

}  // namespace oimap::imap_fetch
