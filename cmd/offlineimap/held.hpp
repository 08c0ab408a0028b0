// SPDX-License-Identifier: GPL-2.0-or-later
// holdconnectionopen (spec §10.3-10.4): the driver keeps one logged-in connection per IMAP
// repository of the account between syncs, and lends it to one child at a time (imap-fetch,
// sync-apply) through a socketpair it relays, so that later syncs skip connect, TLS and login.
// With keepalive, a thread sends NOOP on the held connections while the account sleeps.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connection.hpp"
#include "core/fs.hpp"
#include "process/run.hpp"

namespace oimap::imap {
class Session;
}

namespace oimap::driver {

class Ui;
class HeldConnection;

/// One loan: the child's end of the socketpair goes to spec.pass_fds; a thread relays bytes
/// between the driver's end and the held connection until the child closes its end.
class Lease {
public:
    Lease(HeldConnection& owner, fs::UniqueFd ours, fs::UniqueFd theirs);
    ~Lease();  ///< as finish(-1) when finish was not called
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    /// The child was started (or could not be): the driver's copy of its end is closed.
    void started();
    /// The child exited with code: waits for the relay; a non-zero code, or a connection
    /// that broke meanwhile, drops the held connection (opened again at the next loan).
    void finish(int code);

private:
    void relay();
    HeldConnection& owner_;
    fs::UniqueFd ours_, theirs_;
    std::atomic<bool> broken_{false};
    std::thread thread_;
    bool finished_ = false;
};

/// The held connection of one repository.  Thread-safe: the keepalive thread and the
/// account's syncs share it.
class HeldConnection {
public:
    /// repository: for messages; utf8: ENABLE UTF8=ACCEPT as imap-fetch(1) would
    /// (--utf8-folder-names), and then lend the connection to imap-fetch only.
    HeldConnection(std::string repository, bool utf8, Ui& ui);
    ~HeldConnection();  ///< LOGOUT
    HeldConnection(const HeldConnection&) = delete;
    HeldConnection& operator=(const HeldConnection&) = delete;

    /// Lends the connection (opening it with endpoint first when there is none, or when
    /// the server closed it) to the child of spec: adds "--<prefix>held-fd N" and
    /// "--<prefix>held-enabled LIST" to its arguments.  Returns nullptr, spec unchanged,
    /// when the connection is already lent, cannot be opened (a warning; the child then
    /// connects itself), or is not for this child (sync-apply under UTF8=ACCEPT).
    std::shared_ptr<Lease> lend(const Endpoint& endpoint, process::Spec& spec,
                                const std::string& prefix, bool is_fetch);
    /// NOOP on the connection unless it is lent or closed; a failure drops it (a warning).
    void keepalive();
    /// True while a connection is held (lent or not).
    bool is_open();

private:
    friend class Lease;
    bool ensure_open(const Endpoint& endpoint);
    void returned(bool keep);
    std::string greeting() const;

    std::string repository_;
    bool utf8_;
    Ui& ui_;
    std::mutex mutex_;
    std::unique_ptr<imap::Session> session_;
    std::vector<std::string> enabled_;
    bool lent_ = false;
    std::chrono::steady_clock::time_point last_used_;  ///< last exchange with the server
};

/// The held connections of an account: the remote's and a local IMAP repository's.
struct HeldConnections {
    std::unique_ptr<HeldConnection> remote, local;
};

/// keepalive (spec §10.4): while it exists, a thread sends NOOP on each held connection
/// every period; the destructor wakes it (an eventfd) and joins it.
class KeepAlive {
public:
    KeepAlive(HeldConnections& held, std::chrono::seconds period);
    ~KeepAlive();
    KeepAlive(const KeepAlive&) = delete;
    KeepAlive& operator=(const KeepAlive&) = delete;

private:
    HeldConnections& held_;
    std::chrono::seconds period_;
    fs::UniqueFd wake_;
    std::thread thread_;
};

}  // namespace oimap::driver
