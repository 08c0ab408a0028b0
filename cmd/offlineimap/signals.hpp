// SPDX-License-Identifier: GPL-2.0-or-later
// The signals of offlineimap(1) (spec §10.1): SIGUSR1 wakes every autorefresh sleep,
// SIGUSR2 and SIGABRT end the autorefresh loop after the current sync, SIGTERM, SIGINT and
// SIGHUP ask for a shutdown after the current step, sync-apply finishing the folder in hand
// (the second one also stops the running children, the third exits at once), SIGQUIT dumps
// the running children and aborts.
#pragma once

#include <signal.h>

#include <chrono>
#include <cstdint>
#include <functional>

namespace oimap::driver {

class Ui;

/// Installs the handlers and the thread that acts on them (through ui) for its lifetime.
/// One per run; ui must outlive it.
class SignalWatcher {
public:
    explicit SignalWatcher(Ui& ui);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;
};

/// True once a shutdown was asked for (SIGTERM, SIGINT, SIGHUP): no new stage, account or
/// hook is started.
bool abort_requested();

/// True once the autorefresh loop must end (SIGUSR2, SIGABRT, or a shutdown).
bool stop_looping();

/// Throws Error "interrupted" when a shutdown was asked for.
void check_abort();

/// Sends sync-apply(1)'s graceful stop request (SIGUSR1) to every running sync-apply: each
/// finishes the folder pair in hand, skips the rest of its plan and exits with status 75.
void request_apply_stop();

/// Blocks SIGUSR1 in the calling thread for its lifetime.  A child started meanwhile
/// inherits the mask, so a stop request sent before it installed its handler waits for it
/// instead of killing it.
class StopSignalBlock {
public:
    StopSignalBlock();
    ~StopSignalBlock();
    StopSignalBlock(const StopSignalBlock&) = delete;
    StopSignalBlock& operator=(const StopSignalBlock&) = delete;

private:
    sigset_t saved_;
};

/// How many SIGUSR1 were received so far; a sleeper remembers the count it has seen.
uint64_t wakeups();

enum class SleepEnd { kTimeout, kWoken, kStop };

/// Sleeps for duration; returns at once (kWoken) when a SIGUSR1 arrived after *seen (which
/// is then updated), or (kStop) when the loop must end.
SleepEnd sleep_for(std::chrono::milliseconds duration, uint64_t& seen);
/// The same, also ending (kTimeout) as soon as ready() is true; ready is asked under a lock
/// at the start and after each wake_sleepers(), so it must not call back into this file.
SleepEnd sleep_for(std::chrono::milliseconds duration, uint64_t& seen,
                   const std::function<bool()>& ready);

/// Wakes every sleep_for, to ask its ready() again (idlefolders: a folder changed).
void wake_sleepers();

}  // namespace oimap::driver
