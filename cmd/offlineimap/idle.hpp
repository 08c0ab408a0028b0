// SPDX-License-Identifier: GPL-2.0-or-later
// idlefolders (spec §10.6): while an account sleeps between autorefresh syncs, one
// connection per idle folder watches the folder, so that a change on the server is synced
// within seconds instead of at the next refresh.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "connection.hpp"

namespace oimap::driver {

class Ui;

/// Started when the sleep starts, stopped (threads joined, connections logged out) when it
/// is destroyed.  Each folder's connection SELECTs the folder read-only and sends NOOP every
/// second; untagged EXISTS, EXPUNGE or FETCH data marks the folder as changed.
class IdleWatch {
public:
    /// endpoint must outlive the watch.  Connection failures are reported through ui as
    /// warnings; that folder is then synced at the next refresh only.
    IdleWatch(const Endpoint& endpoint, const std::vector<std::string>& folders, Ui& ui);
    ~IdleWatch();
    IdleWatch(const IdleWatch&) = delete;
    IdleWatch& operator=(const IdleWatch&) = delete;

    /// The folders (remote names) that changed since the last call, and forgets them.
    std::vector<std::string> take_changed();

private:
    void watch(const std::string& folder);
    void poll(imap::Session& session, const std::string& folder);

    const Endpoint& endpoint_;
    Ui& ui_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::set<std::string> changed_;
    std::vector<std::thread> threads_;
};

}  // namespace oimap::driver
