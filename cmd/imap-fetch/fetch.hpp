// SPDX-License-Identifier: GPL-2.0-or-later
// The work of imap-fetch: connect, log in, list, and write the remote-state stream.
#pragma once

#include "options.hpp"

namespace oimap::imap_fetch {

/// The tool version written in the "tool" meta line and by --version.
inline constexpr const char* kVersion = "0.1.0";

/// Lists the account and writes the stream to stdout or, atomically, to -o FILE.  Returns
/// 0, or 1 when some folders could not be listed (each reported on stderr; their records
/// say "none").  Throws UsageError, NetworkError, AuthError, ProtocolError, IoError.
int run_fetch(const Options& options);

}  // namespace oimap::imap_fetch
