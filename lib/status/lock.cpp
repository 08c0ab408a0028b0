// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: fcntl locks belong to the process and vanish when any descriptor of
// the file is closed, so a second AccountLock in the same process would both succeed and,
// on failing, drop the first one's lock. A process-wide set of held paths prevents that.
// The lock file is unlinked on release (offlineimap does), which opens a race: a process
// that opened the file just before the unlink may then lock a file no longer at that path.
// After locking we therefore check that the path still names our inode, and retry if not.
#include "status/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "status/paths.hpp"

namespace oimap::status {
namespace {

constexpr auto kLogCategory = log::Category::kStatus;

std::mutex held_mutex;
std::map<std::string, pid_t> held_paths;  // path -> pid that holds it (fork copies it)

[[noreturn]] void throw_locked(const std::string& account, pid_t holder) {
    std::string pid = holder > 0 ? cat(" (pid ", holder, ")") : std::string();
    throw TempError(cat("account '", account, "' is locked by another instance", pid));
}

// The pid holding a conflicting fcntl lock, or 0 if unknown.
pid_t fcntl_holder(int fd) {
    struct flock query {};
    query.l_type = F_WRLCK;
    query.l_whence = SEEK_SET;
    if (::fcntl(fd, F_GETLK, &query) != 0 || query.l_type == F_UNLCK)
        return 0;
    return query.l_pid;
}

// Takes both locks on fd; false if another holder has either one.
bool lock_both(int fd, const std::string& path, pid_t& holder) {
    struct flock request {};
    request.l_type = F_WRLCK;
    request.l_whence = SEEK_SET;
    if (::fcntl(fd, F_SETLK, &request) != 0) {
        if (errno != EACCES && errno != EAGAIN)
            throw_errno("lock", path);
        holder = fcntl_holder(fd);
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK)
            throw_errno("lock", path);
        return false;
    }
    return true;
}

// True if path still names the file open as fd.
bool still_linked(int fd, const std::string& path) {
    struct stat by_fd, by_path;
    if (::fstat(fd, &by_fd) != 0 || ::stat(path.c_str(), &by_path) != 0)
        return false;
    return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

}  // namespace

struct AccountLock::State {
    std::string path;
    fs::UniqueFd fd;
};

AccountLock AccountLock::acquire(const std::string& metadata, const std::string& account) {
    std::string path = account_lock_path(metadata, account);
    fs::make_directories(metadata, 0700);
    std::lock_guard guard(held_mutex);
    auto held = held_paths.find(path);
    if (held != held_paths.end() && held->second == ::getpid())
        throw_locked(account, ::getpid());
    for (int attempt = 0; attempt < 10; ++attempt) {
        fs::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
        if (!fd.valid())
            throw_errno("open lock file", path);
        pid_t holder = 0;
        if (!lock_both(fd.get(), path, holder))
            throw_locked(account, holder);
        if (!still_linked(fd.get(), path))
            continue;  // unlinked by its previous holder
        std::string pid = cat(::getpid(), '\n');
        if (::ftruncate(fd.get(), 0) == 0)
            fs::write_all(fd.get(), pid, path);
        held_paths[path] = ::getpid();
        log::debug(kLogCategory, cat("locked '", path, "'"));
        return AccountLock(std::make_unique<State>(State{path, std::move(fd)}));
    }
    throw_locked(account, 0);
}

AccountLock::AccountLock(std::unique_ptr<State> state) : state_(std::move(state)) {}
AccountLock::AccountLock(AccountLock&&) noexcept = default;

AccountLock::~AccountLock() {
    if (!state_)
        return;
    // Unlink while still holding the locks, so nobody locks the file we are removing.
    ::unlink(state_->path.c_str());
    state_->fd = fs::UniqueFd();
    std::lock_guard guard(held_mutex);
    held_paths.erase(state_->path);
    log::debug(kLogCategory, cat("unlocked '", state_->path, "'"));
}

const std::string& AccountLock::path() const {
    return state_->path;
}

}  // namespace oimap::status
