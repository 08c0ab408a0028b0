// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: Boost.Process v1 (Boost 1.74) starts the child with two bp::pipe
// objects; the parent closes the ends it does not use so that EOF propagates, and reads
// the child's stdout through its own buffer to split lines.
#include "process/spawn.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace bp = boost::process;

namespace oimap::process {
namespace {

// After the child's redirections and before exec: every descriptor above 2 (an account
// lock, an IMAP socket) is marked close-on-exec.  bp::limit_handles would also close the
// bp::pipe ends in Boost 1.74.  Only async-signal-safe calls here.
struct CloseOtherDescriptors : bp::extend::handler {
    template <typename Executor>
    void on_exec_setup(Executor&) const {
        if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
        long max = ::sysconf(_SC_OPEN_MAX);
        for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
};

}  // namespace

struct Child::Impl {
    bp::pipe to_child;
    bp::pipe from_child;
    bp::child child;
    std::string buffer;
    bool waited = false;
    int exit_code = 0;
};

Child::Child(const std::string& program, const std::vector<std::string>& args)
    : impl_(std::make_unique<Impl>()) {
    boost::filesystem::path exe = program;
    if (program.find('/') == std::string::npos) exe = bp::search_path(program);
    if (exe.empty()) throw IoError(cat("cannot run '", program, "': not found in PATH"));
    try {
        impl_->child = bp::child(exe, bp::args(args), bp::std_in < impl_->to_child,
                                 bp::std_out > impl_->from_child, CloseOtherDescriptors());
    } catch (const std::exception& e) {
        throw IoError(cat("cannot run '", program, "': ", e.what()));
    }
    // Keep only our ends, so that the child sees EOF on stdin and we see it on its stdout.
    ::close(impl_->to_child.native_source());
    impl_->to_child.assign_source(-1);
    ::close(impl_->from_child.native_sink());
    impl_->from_child.assign_sink(-1);
}

Child::~Child() {
    try {
        wait();
    } catch (...) {
        // A destructor must not throw; the child is gone either way.
    }
}

void Child::write_line(std::string_view line) {
    std::string data(line);
    data += '\n';
    size_t done = 0;
    while (done < data.size()) {
        int n = impl_->to_child.write(data.data() + done, static_cast<int>(data.size() - done));
        if (n <= 0) throw IoError("cannot write to child process: pipe closed");
        done += static_cast<size_t>(n);
    }
}

std::optional<std::string> Child::read_line() {
    for (;;) {
        size_t nl = impl_->buffer.find('\n');
        if (nl != std::string::npos) {
            std::string line = impl_->buffer.substr(0, nl);
            impl_->buffer.erase(0, nl + 1);
            return line;
        }
        char chunk[4096];
        int n = 0;
        try {
            n = impl_->from_child.read(chunk, sizeof chunk);
        } catch (const std::exception&) {
            n = 0;
        }
        if (n <= 0) return std::nullopt;
        impl_->buffer.append(chunk, static_cast<size_t>(n));
    }
}

int Child::wait() {
    if (impl_->waited) return impl_->exit_code;
    impl_->waited = true;
    if (impl_->to_child.is_open()) impl_->to_child.close();
    std::error_code ec;
    impl_->child.wait(ec);
    int native = impl_->child.native_exit_code();
    impl_->exit_code = WIFSIGNALED(native) ? 128 + WTERMSIG(native) : impl_->child.exit_code();
    return impl_->exit_code;
}

int Child::pid() const { return impl_->child.id(); }

}  // namespace oimap::process
