// SPDX-License-Identifier: GPL-2.0-or-later
// -c FILE -a ACCOUNT: defaults for sync-apply's local and state options from an offlineimaprc
// (the connection options are filled by imap-fetch's apply_account).
#pragma once

#include "options.hpp"

namespace oimap::sync_apply {

/// Fills the options the command line left unset: --root and --sep from the local Maildir
/// repository, --metadata from [general], --account, fsync from [general] fsync, and
/// maildir-windows-compatible from the account.  Throws ConfigError, NoInputError.
void apply_local_account(Options& options);

}  // namespace oimap::sync_apply
