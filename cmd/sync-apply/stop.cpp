// SPDX-License-Identifier: GPL-2.0-or-later
#include "stop.hpp"

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::sync_apply {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop(int) {
    g_stop = true;
}

void install(int sig, int flags) {
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | flags;
    ::sigaction(sig, &sa, nullptr);
}

}  // namespace

void install_stop_handlers() {
    install(SIGUSR1, 0);
    install(SIGINT, SA_RESETHAND);  // a second Ctrl-C stops at once, as usual
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
}

bool stop_requested() {
    return g_stop.load();
}

uint64_t test_hold_after() {
    const char* value = std::getenv("OIMAP_TEST_HOLD_AFTER");
    if (value == nullptr || *value == '\0')
        return 0;
    auto n = parse_number<uint64_t>(value);
    if (!n)
        throw UsageError(cat("cannot use OIMAP_TEST_HOLD_AFTER '", value, "': not a number"));
    return *n;
}

}  // namespace oimap::sync_apply
