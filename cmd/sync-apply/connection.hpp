// SPDX-License-Identifier: GPL-2.0-or-later
// Opening the IMAP session of sync-apply from imap-fetch's connection options.
#pragma once

#include "../imap-fetch/options.hpp"
#include "imap/session.hpp"

namespace oimap::sync_apply {

/// The parser's stream threshold: messages below it are fetched many per command.
inline constexpr size_t kStreamThreshold = size_t{1} << 20;

/// Connects and logs in.  Throws UsageError (no server given), NetworkError, AuthError,
/// ProtocolError, IoError (password file).
void open_session(imap::Session& session, const imap_fetch::Options& options);

}  // namespace oimap::sync_apply
