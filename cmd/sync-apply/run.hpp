// SPDX-License-Identifier: GPL-2.0-or-later
// The work of sync-apply: read the plan's header, take the account lock, open the stores,
// carry the plan out, report.
#pragma once

#include "options.hpp"

namespace oimap::sync_apply {

inline constexpr const char* kVersion = "0.1.0";

/// Returns the exit status of ApplyReport::exit_code (0, 1 or 2).  Throws UsageError,
/// FormatError (malformed plan), NoInputError, NetworkError, AuthError, TempError (account
/// locked), IoError, and TestStop for --test-stop-after.
int run_apply(const Options& options);

}  // namespace oimap::sync_apply
