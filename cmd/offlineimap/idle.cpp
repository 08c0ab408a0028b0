// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap sends IDLE (RFC 2177) on these connections; lib/imap's
// Session has no way yet to wait for server data and a stop request at once, so the
// connection polls with NOOP (RFC 9051 §6.1.2), which reports the same untagged EXISTS,
// EXPUNGE and FETCH data, once a second (doc/QUIRKS.md).
#include "idle.hpp"

#include <chrono>

#include "core/error.hpp"
#include "core/text.hpp"
#include "imap/command.hpp"
#include "imap/session.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

constexpr auto kPollInterval = std::chrono::seconds(1);

bool is_change(const imap::Response& r) {
    return r.kind == imap::Response::Kind::kUntagged &&
           (r.name == "EXISTS" || r.name == "EXPUNGE" || r.name == "FETCH" || r.name == "VANISHED");
}

}  // namespace

IdleWatch::IdleWatch(const Endpoint& endpoint, const std::vector<std::string>& folders, Ui& ui)
    : endpoint_(endpoint), ui_(ui) {
    for (const std::string& folder : folders)
        threads_.emplace_back([this, folder] { watch(folder); });
}

IdleWatch::~IdleWatch() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
        t.join();
}

std::vector<std::string> IdleWatch::take_changed() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out(changed_.begin(), changed_.end());
    changed_.clear();
    return out;
}

void IdleWatch::watch(const std::string& folder) {
    try {
        imap::Session session;
        open_session(session, endpoint_);
        std::string why;
        if (!session.select(folder, true, &why))
            throw ProtocolError(cat("cannot select '", folder, "': ", why));
        poll(session, folder);
        session.logout();
    } catch (const Error& e) {
        ui_.warn(cat("IDLE on folder '", folder, "' stopped: ", e.what(),
                     "; it is synced at the next refresh"));
    }
}

void IdleWatch::poll(imap::Session& session, const std::string& folder) {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (cv_.wait_for(lock, kPollInterval, [this] { return stop_.load(); }))
                return;
        }
        bool changed = false;
        session.run(imap::Command("NOOP"), "poll folder",
                    [&](const imap::Response& r) { changed = changed || is_change(r); });
        if (changed) {
            std::lock_guard lock(mutex_);
            changed_.insert(folder);
        }
    }
}

}  // namespace oimap::driver
