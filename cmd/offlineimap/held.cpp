// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the relay copies raw bytes below the driver's parser, so the
// driver's session must have nothing in flight and nothing unread when it lends the
// connection: it is lent only between two of its own completed commands, after a NOOP
// whenever the server sent something unasked (a BYE, an EXISTS).  The child's end of the
// socketpair has FD_CLOEXEC and is passed to that child alone (process::Spec::pass_fds), so
// the relay sees end of file exactly when that child is gone.
#include "held.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "core/error.hpp"
#include "core/text.hpp"
#include "imap/session.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

// Unused longer than this, a held connection is checked with NOOP before it is lent: a
// connection that died silently (a NAT, a server restart) then costs a time-out here, not a
// failed child.
constexpr std::chrono::seconds kCheckAfter(30);

bool readable_now(int fd) {
    pollfd p{fd, POLLIN, 0};
    return fd >= 0 && ::poll(&p, 1, 0) > 0;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

void add(std::vector<std::string>& args, const std::string& flag, const std::string& value) {
    args.push_back(flag);
    args.push_back(value);
}

}  // namespace

Lease::Lease(HeldConnection& owner, fs::UniqueFd ours, fs::UniqueFd theirs)
    : owner_(owner), ours_(std::move(ours)), theirs_(std::move(theirs)) {
    thread_ = std::thread([this] { relay(); });
}

Lease::~Lease() {
    if (!finished_)
        finish(-1);
}

void Lease::started() {
    theirs_ = fs::UniqueFd();
}

void Lease::finish(int code) {
    theirs_ = fs::UniqueFd();
    if (thread_.joinable())
        thread_.join();
    finished_ = true;
    owner_.returned(code == 0 && !broken_);
}

// Both ways until the child closes its end; the server closing ours (or failing) breaks
// the connection, and the child then reads end of file.
void Lease::relay() {
    imap::Stream& server = *owner_.session_->stream();
    char buffer[65536];
    try {
        for (;;) {
            imap::Input in = imap::wait_for_input(server, ours_.get(), std::chrono::hours(24));
            if (in == imap::Input::kTimeout)
                continue;
            if (in == imap::Input::kWoken) {
                ssize_t n = ::read(ours_.get(), buffer, sizeof buffer);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    return;  // the child is done with it
                server.write(std::string_view(buffer, static_cast<size_t>(n)));
                continue;
            }
            size_t n = server.read_some(buffer, sizeof buffer);
            if (n == 0)
                throw NetworkError("the server closed the connection");
            fs::write_all(ours_.get(), std::string_view(buffer, n), "held connection");
        }
    } catch (const std::exception&) {
        broken_ = true;
        ::shutdown(ours_.get(), SHUT_RDWR);
    }
}

HeldConnection::HeldConnection(std::string repository, bool utf8, Ui& ui)
    : repository_(std::move(repository)), utf8_(utf8), ui_(ui) {}

HeldConnection::~HeldConnection() {
    if (session_)
        session_->logout();
}

// The greeting the child reads first: already authenticated, the server's capabilities.
std::string HeldConnection::greeting() const {
    std::vector<std::string> caps(session_->capabilities().begin(), session_->capabilities().end());
    return cat("* PREAUTH [CAPABILITY ", join(caps, " "), "] connection held by offlineimap\r\n");
}

// With the mutex held.  Connects and logs in as the children would, and ENABLEs what
// imap-fetch(1) enables, once.
bool HeldConnection::ensure_open(const Endpoint& endpoint) {
    if (session_ != nullptr) {
        imap::Stream* s = session_->stream();
        bool stale = std::chrono::steady_clock::now() - last_used_ > kCheckAfter;
        if (s == nullptr || stale || s->has_buffered() || readable_now(s->poll_fd())) {
            try {
                if (s == nullptr)
                    throw NetworkError("not connected");
                session_->run(imap::Command("NOOP"), "check the held connection");
                last_used_ = std::chrono::steady_clock::now();
            } catch (const Error& e) {
                ui_.warn(cat("held connection of ", repository_, " lost (", e.what(),
                             "): opening a new one"));
                session_->close();
                session_.reset();
            }
        }
    }
    if (session_ != nullptr)
        return true;
    try {
        auto s = std::make_unique<imap::Session>();
        open_session(*s, endpoint);
        std::vector<std::string> extensions{s->has_capability("QRESYNC") ? "QRESYNC" : "CONDSTORE"};
        if (utf8_)
            extensions.push_back("UTF8=ACCEPT");
        s->enable(extensions);
        enabled_.clear();
        for (const char* e : {"QRESYNC", "CONDSTORE", "UTF8=ACCEPT"})
            if (s->is_enabled(e))
                enabled_.push_back(e);
        session_ = std::move(s);
        last_used_ = std::chrono::steady_clock::now();
        return true;
    } catch (const Error& e) {
        ui_.warn(cat("cannot hold a connection of ", repository_, " open: ", e.what()));
        return false;
    }
}

std::shared_ptr<Lease> HeldConnection::lend(const Endpoint& endpoint, process::Spec& spec,
                                            const std::string& prefix, bool is_fetch) {
    std::lock_guard lock(mutex_);
    // Under UTF8=ACCEPT mailbox names are UTF-8; sync-apply(1) speaks modified UTF-7.
    if (lent_ || (utf8_ && !is_fetch) || !ensure_open(endpoint))
        return nullptr;
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return nullptr;  // the child connects itself
    fs::UniqueFd ours(fds[0]), theirs(fds[1]);
    fs::write_all(ours.get(), greeting(), "held connection");
    spec.pass_fds.push_back(theirs.get());
    add(spec.args, cat("--", prefix, "held-fd"), std::to_string(theirs.get()));
    if (!enabled_.empty())
        add(spec.args, cat("--", prefix, "held-enabled"), join(enabled_, ","));
    lent_ = true;
    return std::make_shared<Lease>(*this, std::move(ours), std::move(theirs));
}

void HeldConnection::returned(bool keep) {
    std::lock_guard lock(mutex_);
    lent_ = false;
    last_used_ = std::chrono::steady_clock::now();
    if (!keep && session_ != nullptr) {
        session_->close();  // a command may still be in flight: no LOGOUT
        session_.reset();
    }
}

bool HeldConnection::is_open() {
    std::lock_guard lock(mutex_);
    return session_ != nullptr;
}

void HeldConnection::keepalive() {
    std::lock_guard lock(mutex_);
    if (lent_ || session_ == nullptr)
        return;
    try {
        session_->run(imap::Command("NOOP"), "keep the connection alive");
        last_used_ = std::chrono::steady_clock::now();
    } catch (const Error& e) {
        ui_.warn(cat("held connection of ", repository_, " lost (", e.what(),
                     "): a new one is opened at the next sync"));
        session_->close();
        session_.reset();
    }
}

KeepAlive::KeepAlive(HeldConnections& held, std::chrono::seconds period)
    : held_(held), period_(period), wake_(::eventfd(0, EFD_CLOEXEC)) {
    if (!wake_.valid())
        throw_errno("create", "eventfd for keepalive");
    thread_ = std::thread([this] {
        for (;;) {
            pollfd p{wake_.get(), POLLIN, 0};
            int n = ::poll(&p, 1, static_cast<int>(period_.count() * 1000));
            if (n < 0 && errno == EINTR)
                continue;
            if (n != 0)
                return;
            for (HeldConnection* h : {held_.remote.get(), held_.local.get()})
                if (h != nullptr)
                    h->keepalive();
        }
    });
}

KeepAlive::~KeepAlive() {
    uint64_t one = 1;
    (void)!::write(wake_.get(), &one, sizeof one);
    thread_.join();
}

}  // namespace oimap::driver
