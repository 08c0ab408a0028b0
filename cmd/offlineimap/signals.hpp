// SPDX-License-Identifier: GPL-2.0-or-later
// SIGINT, SIGTERM and SIGHUP as offlineimap handles them (spec §10.1): the first ones ask
// for a shutdown after the current step, the third exits at once.
#pragma once

#include <cstdio>

namespace oimap::driver {

/// Installs the handlers; the warning goes to out (the UI's console stream).
void install_signal_handlers(std::FILE* out);

/// True once a shutdown was asked for: no new stage, account or hook is started.
bool abort_requested();

/// Throws Error "interrupted" when a shutdown was asked for.
void check_abort();

}  // namespace oimap::driver
