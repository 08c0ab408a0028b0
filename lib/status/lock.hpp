// SPDX-License-Identifier: GPL-2.0-or-later
// The account lock <metadata>/<account>.lock (spec §7.6), compatible with both ways
// offlineimap3 locks it: fcntl.lockf (a POSIX record lock) and portalocker (flock).
#pragma once

#include <memory>
#include <string>

namespace oimap::status {

/// Holds the account lock while it lives; the destructor removes the lock file (as
/// offlineimap does) and releases the locks.
class AccountLock {
public:
    /// Opens or creates the lock file (mode 0600, creating the metadata directory with mode
    /// 0700 if needed), then takes a non-blocking fcntl write lock and a non-blocking flock.
    /// Throws TempError "account '<account>' is locked by another instance" (with " (pid N)"
    /// when the holder of the fcntl lock is known) if another process, or another
    /// AccountLock in this process, holds it; IoError on other failures.
    static AccountLock acquire(const std::string& metadata, const std::string& account);

    AccountLock(AccountLock&&) noexcept;
    AccountLock& operator=(AccountLock&&) = delete;
    ~AccountLock();

    const std::string& path() const;

private:
    struct State;
    explicit AccountLock(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace oimap::status
