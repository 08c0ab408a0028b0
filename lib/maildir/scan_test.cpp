// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/scan.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "maildir/folder.hpp"
#include "core/test_dir.hpp"

namespace oimap::maildir {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += "[" + item + "]";
    return out;
}

void touch(const std::string& path, std::string_view content = "x") {
    fs::replace_file_atomically(path, content, false);
}

TEST(ListFolders, DotSeparatorIsOneLevel) {
    TestDir dir;
    std::string root = dir / "mail";
    for (const char* name : {"INBOX", "Archive.2023", "My Stuff", ".hidden"})
        create_folder(root, name, '.');
    create_folder(root, "Nested/Deep", '/');  // invisible with sep '.'
    fs::make_directories(root + "/NotAMaildir/cur");
    touch(root + "/a-file");
    EXPECT_EQ(join(list_folders(root, '.')), "[.hidden][Archive.2023][INBOX][My Stuff]");
}

TEST(ListFolders, SlashSeparatorRecursesAndFindsTheRoot) {
    TestDir dir;
    std::string root = dir / "mail";
    create_folder(root, "", '/');
    create_folder(root, "INBOX", '/');
    create_folder(root, "Archive/2023", '/');
    create_folder(root, "Plain/Deeper/Deepest", '/');
    create_folder(root, "G\xc3\xa4ste", '/');
    EXPECT_EQ(join(list_folders(root, '/')),
              "[][Archive/2023][G\xc3\xa4ste][INBOX][Plain/Deeper/Deepest]");
    create_folder(root, "Archive", '/');
    EXPECT_EQ(join(list_folders(root, '/')),
              "[][Archive][Archive/2023][G\xc3\xa4ste][INBOX][Plain/Deeper/Deepest]");
}

TEST(ListFolders, SymlinkLoopIsNotFollowedForEver) {
    TestDir dir;
    std::string root = dir / "mail";
    create_folder(root, "A", '/');
    ASSERT_EQ(::symlink("..", (root + "/A/loop").c_str()), 0);
    EXPECT_EQ(join(list_folders(root, '/')), "[A]");
}

TEST(ListFolders, MissingRootIsNoInputError) {
    TestDir dir;
    EXPECT_THROW(list_folders(dir / "nothing", '.'), NoInputError);
}

TEST(ScanMessages, NewThenCurSortedSkippingDotFiles) {
    TestDir dir;
    std::string folder = create_folder(dir / "mail", "INBOX", '.');
    touch(folder + "/new/b", "12345");
    touch(folder + "/new/a");
    touch(folder + "/new/.hidden");
    touch(folder + "/cur/0:2,S", "");
    touch(folder + "/tmp/ignored");
    struct timespec times[2] = {{1600000000, 0}, {1600000000, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, (folder + "/new/b").c_str(), times, 0), 0);
    std::vector<MessageFile> files = scan_messages(folder);
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].subdir + "/" + files[0].file_name, "new/a");
    EXPECT_EQ(files[1].subdir + "/" + files[1].file_name, "new/b");
    EXPECT_EQ(files[1].size, 5u);
    EXPECT_EQ(files[1].mtime, 1600000000);
    EXPECT_EQ(files[2].subdir + "/" + files[2].file_name, "cur/0:2,S");
    EXPECT_EQ(files[2].size, 0u);
    std::vector<MessageFile> quick = scan_messages(folder, {.stat = false});
    ASSERT_EQ(quick.size(), 3u);
    EXPECT_EQ(quick[1].size, 0u);
}

TEST(ScanMessages, MissingSubdirIsAnError) {
    TestDir dir;
    std::string folder = create_folder(dir / "mail", "INBOX", '.');
    ASSERT_EQ(::rmdir((folder + "/cur").c_str()), 0);
    EXPECT_THROW(scan_messages(folder), NoInputError);
}

}  // namespace
}  // namespace oimap::maildir
