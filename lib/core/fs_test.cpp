// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/fs.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <unistd.h>

#include <cstdlib>

#include "core/error.hpp"

namespace oimap::fs {
namespace {

std::string temp_dir() {
    char tmpl[] = "/tmp/oimap-fs-test.XXXXXX";
    return ::mkdtemp(tmpl);
}

TEST(ReplaceFileAtomically, WritesNewContentAndLeavesNoTemporary) {
    std::string dir = temp_dir();
    std::string path = dir + "/state";
    replace_file_atomically(path, "one\n");
    replace_file_atomically(path, "two\n");
    EXPECT_EQ(read_file(path), "two\n");
    struct stat st;
    EXPECT_NE(::stat((path + ".new").c_str(), &st), 0);
}

TEST(ReplaceFileAtomically, WritesIntoADeviceInsteadOfReplacingIt) {
    replace_file_atomically("/dev/null", "discarded\n");
    struct stat st;
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(ReplaceFileAtomically, ReplacesTheTargetOfASymbolicLink) {
    std::string dir = temp_dir();
    replace_file_atomically(dir + "/target", "old\n");
    ASSERT_EQ(::symlink("target", (dir + "/link").c_str()), 0);
    replace_file_atomically(dir + "/link", "new\n");
    struct stat st;
    ASSERT_EQ(::lstat((dir + "/link").c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode));
    EXPECT_EQ(read_file(dir + "/target"), "new\n");
}

TEST(ReadFile, MissingFileIsNoInputError) {
    EXPECT_THROW(read_file("/nonexistent/oimap/file"), NoInputError);
}

TEST(MakeDirectories, CreatesEveryLevelWithMode) {
    std::string dir = temp_dir() + "/a/b/c";
    make_directories(dir, 0700);
    struct stat st;
    ASSERT_EQ(::stat(dir.c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(Dirname, SplitsAtLastSlash) {
    EXPECT_EQ(dirname("a/b/c"), "a/b");
    EXPECT_EQ(dirname("c"), ".");
    EXPECT_EQ(dirname("/c"), "/");
}

}  // namespace
}  // namespace oimap::fs
