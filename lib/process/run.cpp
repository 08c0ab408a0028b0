// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: Boost.Process v1 (Boost 1.74).  Redirections are files, never
// pipes, so no reader thread is needed and a child can never block on a full pipe while
// we wait for another.  bp::limit_handles closes every descriptor the child does not use.
#include "process/run.hpp"

#include <sys/wait.h>

#include <boost/process.hpp>

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

}  // namespace

struct Running::Impl {
    bp::child child;
    bool waited = false;
    int exit_code = 0;
};

Running::Running(const Spec& spec) : impl_(std::make_unique<Impl>()) {
    boost::filesystem::path exe = find_program(spec.program);
    try {
        impl_->child =
            spec.close_other_fds ? start_with(exe, spec, bp::limit_handles) : start_with(exe, spec);
    } catch (const std::exception& e) {
        throw IoError(cat("cannot run '", spec.program, "': ", e.what()));
    }
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
    std::error_code ec;
    impl_->child.wait(ec);
    int native = impl_->child.native_exit_code();
    impl_->exit_code = WIFSIGNALED(native) ? 128 + WTERMSIG(native) : WEXITSTATUS(native);
    return impl_->exit_code;
}

int Running::pid() const {
    return impl_->child.id();
}

int run(const Spec& spec) {
    return Running(spec).wait();
}

}  // namespace oimap::process
