// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/transport.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

[[noreturn]] void network_error(std::string_view what, std::string_view peer, std::string_view why) {
    throw NetworkError(cat("cannot ", what, " '", peer, "': ", why));
}

// Waits until fd is ready for events; false on time-out.  timeout_seconds <= 0: no limit.
bool wait_ready(int fd, short events, int timeout_seconds) {
    pollfd p{fd, events, 0};
    int ms = timeout_seconds > 0 ? timeout_seconds * 1000 : -1;
    for (;;) {
        int n = poll(&p, 1, ms);
        if (n >= 0) return n > 0;
        if (errno != EINTR) return true;  // let the read or write report the error
    }
}

std::string timed_out(int seconds) { return cat("timed out after ", seconds, " seconds"); }

size_t read_fd(int fd, char* buffer, size_t size, const std::string& peer, int timeout) {
    if (!wait_ready(fd, POLLIN, timeout)) network_error("read from", peer, timed_out(timeout));
    for (;;) {
        ssize_t n = ::read(fd, buffer, size);
        if (n >= 0) return static_cast<size_t>(n);
        if (errno == ECONNRESET) return 0;
        if (errno != EINTR) network_error("read from", peer, std::strerror(errno));
    }
}

void write_fd(int fd, std::string_view bytes, const std::string& peer, int timeout) {
    while (!bytes.empty()) {
        if (!wait_ready(fd, POLLOUT, timeout)) network_error("write to", peer, timed_out(timeout));
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) network_error("write to", peer, std::strerror(errno));
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

// A non-blocking connect bounded by the time-out, so that a black-holed address does not
// take the kernel's minutes.
std::string try_connect(const addrinfo& ai, int timeout, fs::UniqueFd& out) {
    fs::UniqueFd fd(::socket(ai.ai_family, ai.ai_socktype | SOCK_CLOEXEC, ai.ai_protocol));
    if (!fd.valid()) return std::strerror(errno);
    int flags = fcntl(fd.get(), F_GETFL);
    fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
    if (::connect(fd.get(), ai.ai_addr, ai.ai_addrlen) != 0) {
        if (errno != EINPROGRESS) return std::strerror(errno);
        if (!wait_ready(fd.get(), POLLOUT, timeout)) return timed_out(timeout);
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) return std::strerror(err);
    }
    fcntl(fd.get(), F_SETFL, flags);
    int on = 1;
    setsockopt(fd.get(), SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    out = std::move(fd);
    return {};
}

class TunnelStream : public Stream {
public:
    TunnelStream(pid_t pid, fs::UniqueFd to, fs::UniqueFd from, std::string peer, int timeout)
        : pid_(pid), to_(std::move(to)), from_(std::move(from)), peer_(std::move(peer)), timeout_(timeout) {}
    ~TunnelStream() override;
    size_t read_some(char* buffer, size_t size) override {
        return read_fd(from_.get(), buffer, size, peer_, timeout_);
    }
    void write(std::string_view bytes) override { write_fd(to_.get(), bytes, peer_, timeout_); }
    const std::string& peer() const override { return peer_; }
    int poll_fd() const override { return from_.get(); }

private:
    pid_t pid_;
    fs::UniqueFd to_, from_;
    std::string peer_;
    int timeout_;
};

TunnelStream::~TunnelStream() {
    to_ = fs::UniqueFd();
    from_ = fs::UniqueFd();
    for (int i = 0; i < 50; ++i) {  // an IMAP server exits at end of input; give it 0.5 s
        if (waitpid(pid_, nullptr, WNOHANG) != 0) return;
        usleep(10000);
    }
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
}

int poll_milliseconds(std::chrono::steady_clock::duration left) {
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return static_cast<int>(std::clamp<decltype(ms)>(ms, 0, INT32_MAX));
}

}  // namespace

Input wait_for_input(Stream& stream, int wake_fd, std::chrono::milliseconds timeout) {
    if (stream.poll_fd() < 0) network_error("wait for", stream.peer(), "the connection cannot be polled");
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (stream.has_buffered()) return Input::kReady;
        pollfd fds[2] = {{stream.poll_fd(), POLLIN, 0}, {wake_fd, POLLIN, 0}};
        int n = ::poll(fds, wake_fd >= 0 ? 2 : 1, poll_milliseconds(deadline - std::chrono::steady_clock::now()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) network_error("wait for", stream.peer(), std::strerror(errno));
        if (wake_fd >= 0 && fds[1].revents != 0) return Input::kWoken;
        // A TLS record without data consumes the readability: poll again, no busy loop.
        if (fds[0].revents != 0 && stream.input_arrived()) return Input::kReady;
        if (n == 0 && std::chrono::steady_clock::now() >= deadline) return Input::kTimeout;
    }
}

size_t MeteredStream::read_some(char* buffer, size_t size) {
    if (wrote_since_read_) ++traffic_.round_trips;
    wrote_since_read_ = false;
    size_t n = inner_->read_some(buffer, size);
    traffic_.bytes_received += n;
    return n;
}

void MeteredStream::write(std::string_view bytes) {
    inner_->write(bytes);
    traffic_.bytes_sent += bytes.size();
    wrote_since_read_ = true;
}

SocketStream::SocketStream(fs::UniqueFd fd, std::string peer, int timeout_seconds)
    : fd_(std::move(fd)), peer_(std::move(peer)), timeout_(timeout_seconds) {}

size_t SocketStream::read_some(char* buffer, size_t size) {
    return read_fd(fd_.get(), buffer, size, peer_, timeout_);
}

void SocketStream::write(std::string_view bytes) { write_fd(fd_.get(), bytes, peer_, timeout_); }

std::unique_ptr<SocketStream> connect_tcp(const std::string& host, uint16_t port,
                                          AddressFamily family, int timeout_seconds) {
    addrinfo hints{};
    hints.ai_family = family == AddressFamily::kIpv4 ? AF_INET : family == AddressFamily::kIpv6 ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    std::string service = std::to_string(port);
    if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0)
        network_error("resolve", host, gai_strerror(rc));
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> owner(list, freeaddrinfo);
    std::string peer = cat(host, ":", port), why = "no address";
    for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
        fs::UniqueFd fd;
        why = try_connect(*ai, timeout_seconds, fd);
        if (why.empty()) return std::make_unique<SocketStream>(std::move(fd), peer, timeout_seconds);
    }
    network_error("connect to", peer, why);
}

std::unique_ptr<Stream> spawn_tunnel(const std::string& command, int timeout_seconds) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0) throw_errno("create a pipe for", command);
    fs::UniqueFd in_read(in[0]), in_write(in[1]);
    if (pipe2(out, O_CLOEXEC) != 0) throw_errno("create a pipe for", command);
    fs::UniqueFd out_read(out[0]), out_write(out[1]);
    pid_t pid = fork();
    if (pid < 0) throw_errno("start tunnel", command);
    if (pid == 0) {
        // Child: only async-signal-safe calls until exec.
        dup2(in_read.get(), 0);
        dup2(out_write.get(), 1);
        signal(SIGPIPE, SIG_DFL);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return std::make_unique<TunnelStream>(pid, std::move(in_write), std::move(out_read),
                                          cat("tunnel '", command, "'"), timeout_seconds);
}

}  // namespace oimap::imap
