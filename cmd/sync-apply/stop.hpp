// SPDX-License-Identifier: GPL-2.0-or-later
// The graceful stop request of sync-apply(1), SIGNALS: SIGUSR1, or the first SIGINT, asks
// the run to finish the folder pair in hand and skip the rest of the plan.
#pragma once

#include <cstdint>

namespace oimap::sync_apply {

/// Installs the handlers of SIGUSR1 and SIGINT (the second SIGINT has its default action)
/// and unblocks SIGUSR1, which offlineimap(1) starts its children with blocked so that a
/// request sent before this point waits for it.
void install_stop_handlers();

/// True once a stop was requested.
bool stop_requested();

/// The test hook OIMAP_TEST_HOLD_AFTER (tests/README.md): 0 when unset.
uint64_t test_hold_after();

}  // namespace oimap::sync_apply
