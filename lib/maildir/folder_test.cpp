// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/folder.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/test_dir.hpp"

namespace oimap::maildir {
namespace {

std::string refusal(std::string_view name, char sep) {
    try {
        check_folder_name(name, sep);
    } catch (const FormatError& e) {
        return e.what();
    }
    return "accepted";
}

TEST(CheckFolderName, AcceptsOrdinaryNames) {
    for (const char* name : {"", "INBOX", "Archive.2023", "My Stuff", "G&AOQ-ste", "G\xc3\xa4ste",
                             ".hidden", "a..b", "cur.x", "...x"}) {
        EXPECT_EQ(refusal(name, '.'), "accepted") << name;
    }
    for (const char* name : {"Archive/2023", "a/b/c", "x/curly", "new.x/y"}) {
        EXPECT_EQ(refusal(name, '/'), "accepted") << name;
    }
}

TEST(CheckFolderName, RefusesNamesLeavingTheRoot) {
    EXPECT_EQ(refusal("..", '.'), "cannot use folder name '..': it has a '.' or '..' component");
    EXPECT_EQ(refusal("../x", '/'),
              "cannot use folder name '../x': it has a '.' or '..' component");
    EXPECT_EQ(refusal("a/../../x", '/'),
              "cannot use folder name 'a/../../x': it has a '.' or '..' component");
    EXPECT_EQ(refusal("a/.", '/'), "cannot use folder name 'a/.': it has a '.' or '..' component");
    EXPECT_EQ(refusal("/etc", '/'), "cannot use folder name '/etc': it is an absolute path");
    EXPECT_EQ(refusal("a//b", '/'),
              "cannot use folder name 'a//b': it has an empty path component");
    EXPECT_EQ(refusal("a/", '/'), "cannot use folder name 'a/': it has an empty path component");
    EXPECT_EQ(refusal("a/b", '.'),
              "cannot use folder name 'a/b': it contains '/' but the separator is '.'");
    EXPECT_EQ(refusal(std::string_view("a\0b", 3), '.'),
              "cannot use folder name 'a%00b': it contains a control character");
    EXPECT_EQ(refusal("a\nb", '/'),
              "cannot use folder name 'a%0Ab': it contains a control character");
    EXPECT_EQ(refusal("a\x7f", '/'),
              "cannot use folder name 'a%7F': it contains a control character");
}

TEST(CheckFolderName, RefusesMaildirSubdirectoryNames) {
    EXPECT_EQ(refusal("cur", '/'),
              "cannot use folder name 'cur': a component is 'cur', which Maildir reserves");
    EXPECT_EQ(refusal("a/new", '/'),
              "cannot use folder name 'a/new': a component is 'new', which Maildir reserves");
    EXPECT_EQ(refusal("tmp/b", '/'),
              "cannot use folder name 'tmp/b': a component is 'tmp', which Maildir reserves");
    EXPECT_EQ(refusal("tmp", '.'),
              "cannot use folder name 'tmp': a component is 'tmp', which Maildir reserves");
}

TEST(CheckFolderName, SeparatorMustBeDotOrSlash) {
    EXPECT_THROW(check_folder_name("INBOX", '\\'), UsageError);
}

TEST(FolderPath, RootFolderIsTheRoot) {
    EXPECT_EQ(folder_path("/m", "", '.'), "/m");
    EXPECT_EQ(folder_path("/m", "Archive.2023", '.'), "/m/Archive.2023");
    EXPECT_EQ(folder_path("/m", "Archive/2023", '/'), "/m/Archive/2023");
    EXPECT_THROW(folder_path("/m", "../x", '/'), FormatError);
}

mode_t mode_of(const std::string& path) {
    struct stat st;
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

TEST(CreateFolder, MakesIntermediateDirectoriesAndSubdirs) {
    TestDir dir;
    std::string root = dir / "mail";
    EXPECT_EQ(create_folder(root, "Archive/2023", '/'), root + "/Archive/2023");
    for (const char* path : {"", "/Archive", "/Archive/2023", "/Archive/2023/cur",
                             "/Archive/2023/new", "/Archive/2023/tmp"}) {
        EXPECT_EQ(mode_of(root + path), 0700u) << path;
    }
    EXPECT_TRUE(is_maildir(root + "/Archive/2023"));
    EXPECT_FALSE(is_maildir(root + "/Archive"));
    // Creating it again, or its parent, is fine.
    create_folder(root, "Archive/2023", '/');
    create_folder(root, "Archive", '/');
    EXPECT_TRUE(is_maildir(root + "/Archive"));
    create_folder(root, "", '/');
    EXPECT_TRUE(is_maildir(root));
}

TEST(CreateFolder, RefusedNameWritesNothing) {
    TestDir dir;
    EXPECT_THROW(create_folder(dir / "mail", "../escape", '/'), FormatError);
    struct stat st;
    EXPECT_NE(::stat((dir / "mail").c_str(), &st), 0);
    EXPECT_NE(::stat((dir / "escape").c_str(), &st), 0);
}

TEST(CreateFolder, FileInTheWayIsIoError) {
    TestDir dir;
    create_folder(dir / "mail", "", '/');
    ASSERT_EQ(::mkdir((dir / "mail/x").c_str(), 0700), 0);
    ASSERT_EQ(::close(::creat((dir / "mail/x/cur").c_str(), 0600)), 0);
    EXPECT_THROW(create_folder(dir / "mail", "x", '.'), IoError);
}

}  // namespace
}  // namespace oimap::maildir
