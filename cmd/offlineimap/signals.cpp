// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the handler only counts and writes the signal number to a pipe
// (async-signal-safe); a watcher thread reads the pipe and acts through the UI, and wakes
// the sleepers through a condition variable, so a signal takes effect at once (offlineimap
// looks every 10 s).  The first shutdown signal is forwarded to the running sync-apply
// children as their stop request (SIGUSR1): each finishes the folder pair in hand and exits
// 75; the other stages finish.  The children share our process group, so a Ctrl-C on the
// terminal reaches them too: sync-apply takes its first SIGINT as the same request, the
// other stages stop where they are.  A second signal is forwarded to every running child as
// SIGTERM.  Either way the driver then unwinds: the account lock file and the work
// directory are removed.
#include "signals.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "core/text.hpp"
#include "process/run.hpp"
#include "stages.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

std::atomic<int> g_terms{0};
std::atomic<bool> g_stop_looping{false};
std::atomic<uint64_t> g_wakeups{0};
int g_pipe[2] = {-1, -1};
int g_console_fd = 2;
std::mutex g_mutex;
std::condition_variable g_cv;
std::thread g_watcher;

constexpr char kWarning[] =
    "Preparing to shutdown after sync (this may take some time), press CTRL-C three times to "
    "shutdown immediately";
constexpr char kThrice[] = "Signaled thrice. Aborting!\n";
constexpr int kSignals[] = {SIGUSR1, SIGUSR2, SIGABRT, SIGTERM, SIGINT, SIGHUP, SIGQUIT};

bool is_shutdown(int sig) {
    return sig == SIGTERM || sig == SIGINT || sig == SIGHUP;
}

extern "C" void on_signal(int sig) {
    int saved = errno;
    if (is_shutdown(sig) && ++g_terms >= 3) {
        (void)!::write(g_console_fd, kThrice, sizeof kThrice - 1);
        ::_exit(1);
    }
    unsigned char byte = static_cast<unsigned char>(sig);
    (void)!::write(g_pipe[1], &byte, 1);
    errno = saved;
}

void notify() {
    std::lock_guard lock(g_mutex);
    g_cv.notify_all();
}

// SIGQUIT: what each child is doing, then abort() as offlineimap does (core dump).
[[noreturn]] void dump_and_abort(Ui& ui) {
    std::string text = "SIGQUIT: running children:";
    for (const auto& c : process::running_children())
        text += cat("\n  pid ", c.pid, ": ", c.command);
    ui.warn(text);
    process::signal_children(SIGTERM);
    std::signal(SIGABRT, SIG_DFL);
    std::abort();
}

void act(int sig, Ui& ui) {
    if (sig == SIGUSR1) {
        ++g_wakeups;
    } else if (sig == SIGUSR2 || sig == SIGABRT) {
        ui.warn("Terminating after this sync...");
        g_stop_looping = true;
    } else if (is_shutdown(sig)) {
        ui.warn(kWarning);
        g_stop_looping = true;
        if (g_terms.load() >= 2)
            process::signal_children(SIGTERM);  // stop the children between durable steps
        else
            request_apply_stop();
    } else if (sig == SIGQUIT) {
        dump_and_abort(ui);
    }
    notify();
}

void watch(Ui* ui) {
    unsigned char byte;
    while (::read(g_pipe[0], &byte, 1) == 1 && byte != 0)
        act(byte, *ui);
}

}  // namespace

SignalWatcher::SignalWatcher(Ui& ui) {
    if (::pipe2(g_pipe, O_CLOEXEC) != 0)
        throw_errno("create", "signal pipe");
    g_console_fd = ::fileno(ui.console());
    g_watcher = std::thread(watch, &ui);
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : kSignals)
        ::sigaction(sig, &sa, nullptr);
}

SignalWatcher::~SignalWatcher() {
    for (int sig : kSignals)
        std::signal(sig, SIG_DFL);
    unsigned char stop = 0;
    (void)!::write(g_pipe[1], &stop, 1);
    g_watcher.join();
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
}

void request_apply_stop() {
    std::string program = stage_program("sync-apply") + " ";
    for (const auto& child : process::running_children())
        if (child.command.rfind(program, 0) == 0)
            ::kill(child.pid, SIGUSR1);
}

StopSignalBlock::StopSignalBlock() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    ::pthread_sigmask(SIG_BLOCK, &set, &saved_);
}

StopSignalBlock::~StopSignalBlock() {
    ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr);
}

bool abort_requested() {
    return g_terms.load() > 0;
}

bool stop_looping() {
    return g_stop_looping.load();
}

void check_abort() {
    if (abort_requested())
        throw Error(ExitCode::kPartial, "interrupted: shutting down");
}

uint64_t wakeups() {
    return g_wakeups.load();
}

SleepEnd sleep_for(std::chrono::milliseconds duration, uint64_t& seen) {
    return sleep_for(duration, seen, {});
}

void wake_sleepers() {
    notify();
}

SleepEnd sleep_for(std::chrono::milliseconds duration, uint64_t& seen,
                   const std::function<bool()>& ready) {
    std::unique_lock lock(g_mutex);
    auto woken = [&] {
        return g_wakeups.load() != seen || g_stop_looping.load() || (ready && ready());
    };
    g_cv.wait_for(lock, duration, woken);
    if (g_stop_looping.load())
        return SleepEnd::kStop;
    if (g_wakeups.load() != seen) {
        seen = g_wakeups.load();
        return SleepEnd::kWoken;
    }
    return SleepEnd::kTimeout;
}

}  // namespace oimap::driver
