// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/lock.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "core/error.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

bool exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

TEST(AccountLock, SecondAcquireInTheSameProcessFails) {
    TestDir dir;
    AccountLock first = AccountLock::acquire(dir.path(), "Test");
    EXPECT_EQ(first.path(), dir / "Test.lock");
    try {
        AccountLock::acquire(dir.path(), "Test");
        FAIL();
    } catch (const TempError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("account 'Test' is locked by another instance", 0),
                  0u)
            << e.what();
    }
    AccountLock other = AccountLock::acquire(dir.path(), "Other");
}

TEST(AccountLock, ReleaseRemovesTheFileAndAllowsRelocking) {
    TestDir dir;
    { AccountLock lock = AccountLock::acquire(dir.path(), "Test"); }
    EXPECT_FALSE(exists(dir / "Test.lock"));
    AccountLock again = AccountLock::acquire(dir.path(), "Test");
    EXPECT_TRUE(exists(dir / "Test.lock"));
}

// Runs lock_in_child in a forked process and returns its exit status.
int in_child(const std::function<int()>& body) {
    pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(body());
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(AccountLock, ExcludesAnotherProcess) {
    TestDir dir;
    AccountLock lock = AccountLock::acquire(dir.path(), "Test");
    int status = in_child([&] {
        try {
            AccountLock::acquire(dir.path(), "Test");
            return 0;
        } catch (const TempError& e) {
            std::string expected = "account 'Test' is locked by another instance (pid " +
                                   std::to_string(::getppid()) + ")";
            return std::string(e.what()) == expected ? 75 : 1;
        }
    });
    EXPECT_EQ(status, 75);
}

TEST(AccountLock, ExcludesPythonLockf) {
    // offlineimap3 without portalocker: fcntl.lockf(fd, LOCK_EX | LOCK_NB), a POSIX lock.
    TestDir dir;
    int ready[2], done[2];
    ASSERT_EQ(::pipe(ready), 0);
    ASSERT_EQ(::pipe(done), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
        int fd = ::open((dir / "Test.lock").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        struct flock request {};
        request.l_type = F_WRLCK;
        request.l_whence = SEEK_SET;
        int ok = ::fcntl(fd, F_SETLK, &request) == 0;
        char c = ok ? 'y' : 'n';
        (void)!::write(ready[1], &c, 1);
        (void)!::read(done[0], &c, 1);
        ::_exit(0);
    }
    char c = 0;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    ASSERT_EQ(c, 'y');
    EXPECT_THROW(AccountLock::acquire(dir.path(), "Test"), TempError);
    (void)!::write(done[1], "x", 1);
    ::waitpid(pid, nullptr, 0);
    EXPECT_NO_THROW(AccountLock::acquire(dir.path(), "Test"));
}

TEST(AccountLock, ExcludesPortalockerFlock) {
    // offlineimap3 with portalocker: flock(fd, LOCK_EX).
    TestDir dir;
    int fd = ::open((dir / "Test.lock").c_str(), O_WRONLY | O_CREAT, 0644);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    EXPECT_THROW(AccountLock::acquire(dir.path(), "Test"), TempError);
    ::close(fd);
    EXPECT_NO_THROW(AccountLock::acquire(dir.path(), "Test"));
}

}  // namespace
}  // namespace oimap::status
