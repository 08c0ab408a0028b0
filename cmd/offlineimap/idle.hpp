// SPDX-License-Identifier: GPL-2.0-or-later
// idlefolders (spec §10.6): while an account sleeps between autorefresh syncs, one
// connection per idle folder waits in IMAP IDLE (RFC 2177), so that a change on the server
// is synced within a second instead of at the next refresh.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "connection.hpp"
#include "core/fs.hpp"

namespace oimap::driver {

class Ui;

/// How the idle connections behave.
struct IdleSettings {
    /// keepalive: each IDLE is ended and re-issued this often (RFC 2177 §3: at most 29
    /// minutes, which is also what zero or less means, as offlineimap's default).
    std::chrono::seconds renew{29 * 60};
    /// Called (from a watching thread, no lock held) when a folder was marked as changed.
    std::function<void()> on_change;
};

/// Started when the sleep starts, stopped (threads woken through an eventfd and joined,
/// connections logged out) when it is destroyed.  Each folder's connection EXAMINEs the
/// folder and IDLEs; untagged EXISTS, EXPUNGE, FETCH or VANISHED data marks it as changed.
class IdleWatch {
public:
    /// endpoint must outlive the watch.  Connection failures are reported through ui as
    /// warnings, as is a server without IDLE (spec §10.6); that folder is then synced at
    /// the next refresh only.  Throws IoError when it cannot create its eventfd.
    IdleWatch(const Endpoint& endpoint, const std::vector<std::string>& folders, Ui& ui,
              IdleSettings settings);
    ~IdleWatch();
    IdleWatch(const IdleWatch&) = delete;
    IdleWatch& operator=(const IdleWatch&) = delete;

    /// True when a folder changed since the last take_changed().
    bool has_changed();
    /// The folders (remote names) that changed since the last call, and forgets them.
    std::vector<std::string> take_changed();

private:
    void watch(const std::string& folder);
    void idle(imap::Session& session, const std::string& folder);
    void mark_changed(const std::string& folder);

    const Endpoint& endpoint_;
    Ui& ui_;
    IdleSettings settings_;
    fs::UniqueFd wake_;
    std::mutex mutex_;
    std::set<std::string> changed_;
    std::vector<std::thread> threads_;
};

}  // namespace oimap::driver
