// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: Boost.Process v1 (Boost 1.74).  Redirections are files, never
// pipes, so no reader thread is needed and a child can never block on a full pipe while
// we wait for another.  bp::limit_handles closes every descriptor the child does not use.
#include "process/run.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <mutex>

#include "core/error.hpp"
#include "core/text.hpp"

namespace bp = boost::process;

namespace oimap::process {
namespace {

boost::filesystem::path find_program(const std::string& program) {
    boost::filesystem::path exe = program;
    if (program.find('/') == std::string::npos)
        exe = bp::search_path(program);
    if (exe.empty())
        throw IoError(cat("cannot run '", program, "': not found in PATH"));
    return exe;
}

bp::environment child_environment(const Spec& spec) {
    bp::environment env = boost::this_process::environment();
    for (const auto& [name, value] : spec.env)
        env[name] = value;
    return env;
}

// The four combinations of inherited/redirected stdout and stderr, each with or without
// limit_handles; Boost.Process v1 takes its properties as a variadic list.
template <typename... Extra>
bp::child start_with(const boost::filesystem::path& exe, const Spec& spec, Extra&&... extra) {
    std::string in = spec.stdin_path.empty() ? "/dev/null" : spec.stdin_path;
    bp::environment env = child_environment(spec);
    if (spec.stdout_path.empty() && spec.stderr_path.empty())
        return bp::child(exe, bp::args(spec.args), env, bp::std_in < in, extra...);
    if (spec.stdout_path.empty())
        return bp::child(exe, bp::args(spec.args), env,
                         bp::std_in<in, bp::std_err> spec.stderr_path, extra...);
    if (spec.stderr_path.empty())
        return bp::child(exe, bp::args(spec.args), env,
                         bp::std_in<in, bp::std_out> spec.stdout_path, extra...);
    return bp::child(exe, bp::args(spec.args), env, bp::std_in<in, bp::std_out> spec.stdout_path,
                     bp::std_err > spec.stderr_path, extra...);
}

// The registry behind running_children(): pid -> command line.
std::mutex g_children_mutex;
std::vector<ChildInfo> g_children;

void register_child(int pid, const Spec& spec) {
    std::string command = spec.program;
    for (const auto& a : spec.args)
        command += " " + a;
    std::lock_guard lock(g_children_mutex);
    g_children.push_back({pid, std::move(command)});
}

void unregister_child(int pid) {
    std::lock_guard lock(g_children_mutex);
    std::erase_if(g_children, [pid](const ChildInfo& c) { return c.pid == pid; });
}

}  // namespace

std::vector<ChildInfo> running_children() {
    std::lock_guard lock(g_children_mutex);
    return g_children;
}

size_t signal_children(int signo) {
    std::lock_guard lock(g_children_mutex);
    for (const auto& c : g_children)
        ::kill(c.pid, signo);
    return g_children.size();
}

struct Running::Impl {
    bp::child child;
    bool waited = false;
    int exit_code = 0;
    ::rusage usage{};
};

namespace {

double seconds(const ::timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

}  // namespace

Running::Running(const Spec& spec) : impl_(std::make_unique<Impl>()) {
    boost::filesystem::path exe = find_program(spec.program);
    // Between fork and exec (async-signal-safe calls only): spec.pass_fds lose FD_CLOEXEC.
    auto pass = bp::extend::on_exec_setup = [fds = spec.pass_fds](auto&) {
        for (int fd : fds)
            ::fcntl(fd, F_SETFD, 0);
    };
    try {
        impl_->child = spec.close_other_fds ? start_with(exe, spec, bp::limit_handles, pass)
                                            : start_with(exe, spec, pass);
    } catch (const std::exception& e) {
        throw IoError(cat("cannot run '", spec.program, "': ", e.what()));
    }
    register_child(impl_->child.id(), spec);
}

Running::~Running() {
    try {
        if (impl_)
            wait();
    } catch (...) {
        // A destructor must not throw; the child is reaped either way.
    }
}

Running::Running(Running&&) noexcept = default;
Running& Running::operator=(Running&&) noexcept = default;

int Running::wait() {
    if (impl_->waited)
        return impl_->exit_code;
    impl_->waited = true;
    // wait4 rather than bp::child::wait, for the child's resource usage (-P); the child is
    // then detached so that Boost does not wait for (or kill) it again.
    int pid = impl_->child.id();
    int native = 0;
    while (::wait4(pid, &native, 0, &impl_->usage) < 0 && errno == EINTR) {
    }
    impl_->child.detach();
    unregister_child(pid);
    impl_->exit_code = WIFSIGNALED(native) ? 128 + WTERMSIG(native) : WEXITSTATUS(native);
    return impl_->exit_code;
}

int Running::pid() const {
    return impl_->child.id();
}

double Running::user_seconds() const {
    return seconds(impl_->usage.ru_utime);
}

double Running::system_seconds() const {
    return seconds(impl_->usage.ru_stime);
}

int run(const Spec& spec) {
    return Running(spec).wait();
}

}  // namespace oimap::process
