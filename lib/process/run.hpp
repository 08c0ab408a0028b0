// SPDX-License-Identifier: GPL-2.0-or-later
// Children with redirections: a plumbing stage whose stdin, stdout and stderr are files, or
// a shell hook with a clean descriptor table and extra environment variables.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace oimap::process {

/// What to start and where its standard streams go.
struct Spec {
    std::string program;            ///< looked up in PATH unless it contains a '/'
    std::vector<std::string> args;  ///< without argv[0]
    std::string stdin_path;         ///< "" reads /dev/null
    std::string stdout_path;        ///< "" inherits ours; otherwise created or truncated
    std::string stderr_path;        ///< "" inherits ours; otherwise created or truncated
    /// Variables added to (or replacing in) our environment.
    std::vector<std::pair<std::string, std::string>> env;
    /// Close every descriptor but 0, 1 and 2 in the child (hooks); otherwise descriptors
    /// without FD_CLOEXEC are inherited (e.g. a password passed as /dev/fd/N).
    bool close_other_fds = false;
    /// Descriptors (opened with FD_CLOEXEC) this child alone inherits: the flag is cleared
    /// in the child between fork and exec, so children started meanwhile by other threads
    /// never see them (a held connection's socket, offlineimap's holdconnectionopen).
    std::vector<int> pass_fds;
};

/// A started child; the destructor waits for it if nobody did.
class Running {
public:
    /// Starts spec.  Throws IoError "cannot run '<program>': <reason>" (not found in PATH, or
    /// the start failed).
    explicit Running(const Spec& spec);
    ~Running();
    Running(Running&&) noexcept;
    Running& operator=(Running&&) noexcept;
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;

    /// Waits; returns the exit code, 128+N when killed by signal N.  Idempotent.
    int wait();
    int pid() const;
    /// CPU seconds the child used (user, system); zero until wait() returned.
    double user_seconds() const;
    double system_seconds() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Starts spec and waits for it; returns as Running::wait does.
int run(const Spec& spec);

/// A child started through Running and not yet waited for.
struct ChildInfo {
    int pid = 0;
    std::string command;  ///< program and arguments, joined by spaces
};

/// The children running now, oldest first (thread-safe; for signal forwarding and dumps).
std::vector<ChildInfo> running_children();

/// Sends signo to every running child; returns how many were signalled.
size_t signal_children(int signo);

}  // namespace oimap::process
