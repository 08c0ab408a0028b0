// SPDX-License-Identifier: GPL-2.0-or-later
// -c FILE -a ACCOUNT: defaults for imap-fetch's options from an offlineimaprc.
#pragma once

#include "options.hpp"

namespace oimap::imap_fetch {

/// Fills every option the command line left unset from the remote repository of the
/// account (spec §2.8, §9.1).  Throws ConfigError, NoInputError; Python-evaluated options
/// (*eval) are refused with a ConfigError naming the option.
void apply_account(Options& options);

}  // namespace oimap::imap_fetch
