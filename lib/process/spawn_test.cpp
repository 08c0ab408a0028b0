// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/spawn.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/error.hpp"

namespace oimap::process {
namespace {

TEST(SpawnTest, LinesBothWays) {
    Child cat("cat", {});
    EXPECT_GT(cat.pid(), 0);
    cat.write_line("hello");
    cat.write_line("w\xc3\xb6rld");
    EXPECT_EQ(cat.read_line(), "hello");
    EXPECT_EQ(cat.read_line(), "w\xc3\xb6rld");
    EXPECT_EQ(cat.wait(), 0);
}

TEST(SpawnTest, EndOfFileAndExitCode) {
    Child sh("/bin/sh", {"-c", "echo one; echo two; exit 3"});
    EXPECT_EQ(sh.read_line(), "one");
    EXPECT_EQ(sh.read_line(), "two");
    EXPECT_EQ(sh.read_line(), std::nullopt);
    EXPECT_EQ(sh.wait(), 3);
}

TEST(SpawnTest, ChildGetsOnlyItsStandardDescriptors) {
    int extra = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
    ASSERT_GE(extra, 0);
    Child sh("/bin/sh", {"-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '; echo; test -e /proc/self/fd/2 || exit 9"});
    EXPECT_EQ(sh.read_line(), "0 1 2 3 ");  // 3 is the directory ls reads
    EXPECT_EQ(sh.wait(), 0);
    ::close(extra);
}

TEST(SpawnTest, MissingProgram) {
    try {
        Child c("oimap-no-such-program", {});
        ADD_FAILURE() << "no error";
    } catch (const IoError& e) {
        EXPECT_STREQ(e.what(), "cannot run 'oimap-no-such-program': not found in PATH");
    }
}

}  // namespace
}  // namespace oimap::process
