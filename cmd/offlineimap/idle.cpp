// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap's IDLE thread (imapserver.py IdleThread) SELECTs, IDLEs
// until data arrives, ends IDLE with NOOP and syncs in that thread.  Here the syncs are the
// account thread's (child processes with their own connections), so a watching thread only
// marks its folder and wakes the sleeper, and goes on idling: nothing is lost between two
// IDLEs.  The eventfd is written once by the destructor and never read, so it wakes every
// thread, including one that is between two IDLEs.
#include "idle.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "imap/session.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

constexpr std::chrono::seconds kMaxIdle(29 * 60);  // RFC 2177 §3

bool is_change(const imap::Response& r) {
    return r.kind == imap::Response::Kind::kUntagged &&
           (r.name == "EXISTS" || r.name == "EXPUNGE" || r.name == "FETCH" || r.name == "VANISHED");
}

// imaplib2's identifier, which offlineimap's warning shows: the host (or the tunnel
// command) and a space.
std::string server_identifier(const Endpoint& e) {
    const config::ImapOptions& imap = *e.imap;
    if (imap.preauthtunnel)
        return *imap.preauthtunnel + " ";
    if (imap.transporttunnel)
        return *imap.transporttunnel + " ";
    return e.host + " ";
}

std::chrono::seconds renew_period(std::chrono::seconds asked) {
    return asked.count() <= 0 ? kMaxIdle : std::min(asked, kMaxIdle);
}

}  // namespace

IdleWatch::IdleWatch(const Endpoint& endpoint, const std::vector<std::string>& folders, Ui& ui,
                     IdleSettings settings)
    : endpoint_(endpoint), ui_(ui), settings_(std::move(settings)),
      wake_(::eventfd(0, EFD_CLOEXEC)) {
    if (!wake_.valid())
        throw_errno("create", "eventfd for idlefolders");
    settings_.renew = renew_period(settings_.renew);
    for (const std::string& folder : folders)
        threads_.emplace_back([this, folder] { watch(folder); });
}

IdleWatch::~IdleWatch() {
    uint64_t one = 1;
    (void)!::write(wake_.get(), &one, sizeof one);
    for (auto& t : threads_)
        t.join();
}

bool IdleWatch::has_changed() {
    std::lock_guard lock(mutex_);
    return !changed_.empty();
}

std::vector<std::string> IdleWatch::take_changed() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out(changed_.begin(), changed_.end());
    changed_.clear();
    return out;
}

void IdleWatch::mark_changed(const std::string& folder) {
    {
        std::lock_guard lock(mutex_);
        changed_.insert(folder);
    }
    if (settings_.on_change)
        settings_.on_change();
}

void IdleWatch::watch(const std::string& folder) {
    try {
        imap::Session session;
        open_session(session, endpoint_);
        std::string why;
        if (!session.select(folder, true, &why))
            throw ProtocolError(cat("cannot select '", folder, "': ", why));
        if (session.has_capability("IDLE")) {
            idle(session, folder);
        } else {
            ui_.warn(cat("IMAP IDLE not supported on server '", server_identifier(endpoint_),
                         "'.Sleep until next refresh cycle."));
        }
        session.logout();
    } catch (const Error& e) {
        ui_.warn(cat("IDLE on folder '", folder, "' stopped: ", e.what(),
                     "; it is synced at the next refresh"));
    }
}

// IDLE until woken; a time-out is keepalive's renewal (spec §10.4).
void IdleWatch::idle(imap::Session& session, const std::string& folder) {
    auto handler = [&](const imap::Response& r) {
        if (is_change(r))
            mark_changed(folder);
        return false;
    };
    while (session.idle(wake_.get(), settings_.renew, handler) == imap::IdleEnd::kTimeout) {
    }
}

}  // namespace oimap::driver
