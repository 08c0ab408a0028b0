// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the handler only counts and writes(2) a constant message, both
// async-signal-safe.  The children share our process group, so a Ctrl-C on the terminal
// reaches them too and they stop where they are (sync-apply resumes cleanly next run); a
// SIGTERM sent to the driver alone lets the running stage finish.  Either way the driver
// then unwinds: the account lock file and the work directory are removed.
#include "signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "core/error.hpp"

namespace oimap::driver {
namespace {

std::atomic<int> g_signals{0};
int g_out_fd = 2;

constexpr char kWarning[] =
    "Preparing to shutdown after sync (this may take some time), press CTRL-C three times to "
    "shutdown immediately\n";
constexpr char kThrice[] = "Signaled thrice. Aborting!\n";

extern "C" void on_signal(int) {
    int count = ++g_signals;
    if (count >= 3) {
        (void)!::write(g_out_fd, kThrice, sizeof kThrice - 1);
        ::_exit(1);
    }
    (void)!::write(g_out_fd, kWarning, sizeof kWarning - 1);
}

}  // namespace

void install_signal_handlers(std::FILE* out) {
    g_out_fd = ::fileno(out);
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(sig, &sa, nullptr);
}

bool abort_requested() {
    return g_signals.load() > 0;
}

void check_abort() {
    if (abort_requested())
        throw Error(ExitCode::kPartial, "interrupted: shutting down");
}

}  // namespace oimap::driver
