// SPDX-License-Identifier: GPL-2.0-or-later
// -c FILE -a ACCOUNT: defaults for maildir-scan's options from an offlineimaprc.
#pragma once

#include "options.hpp"

namespace oimap::maildir_scan {

/// With -c and -a, fills what the command line left unset from the account's local Maildir
/// repository: --root (localfolders), --sep (sep), --windows-compatible (the account's
/// maildir-windows-compatible) and the customflag_x letters; options given on the command
/// line win. Without either, does nothing. Throws UsageError if only one of them is given,
/// ConfigError if the account or its Maildir repository cannot be read.
void apply_config(Options& opt);

}  // namespace oimap::maildir_scan
