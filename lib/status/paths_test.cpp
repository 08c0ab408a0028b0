// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/paths.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

TEST(FolderBasename, OfflineimapRule) {
    // Expected values from offlineimap3's getfolderbasename.
    EXPECT_EQ(folder_basename(""), "dot");
    EXPECT_EQ(folder_basename("."), "dot");
    EXPECT_EQ(folder_basename("/"), "dot");
    EXPECT_EQ(folder_basename("INBOX"), "INBOX");
    EXPECT_EQ(folder_basename("Archive/2023"), "Archive.2023");
    EXPECT_EQ(folder_basename("Archive.2023"), "Archive.2023");
    EXPECT_EQ(folder_basename("a/."), "a..");
    EXPECT_EQ(folder_basename(".."), "..");
    EXPECT_EQ(folder_basename("My Stuff"), "My Stuff");
    EXPECT_EQ(folder_basename(".\n"), "dot\n");
}

TEST(Paths, MetadataLayout) {
    EXPECT_EQ(status_db_path("/m", "Test", "Archive.2023"),
              "/m/Account-Test/LocalStatus-sqlite/Archive.2023");
    EXPECT_EQ(status_db_path("/m", "My Acct", ""), "/m/Account-My Acct/LocalStatus-sqlite/dot");
    EXPECT_EQ(legacy_status_path("/m", "Test", "INBOX"), "/m/Account-Test/LocalStatus/INBOX");
    EXPECT_EQ(folder_validity_path("/m", "Remote", "Archive/2023"),
              "/m/Repository-Remote/FolderValidity/Archive.2023");
    EXPECT_EQ(account_lock_path("/m", "Test"), "/m/Test.lock");
}

TEST(FolderValidity, WriteThenRead) {
    TestDir dir;
    std::string path = folder_validity_path(dir.path(), "Local", "INBOX");
    EXPECT_EQ(read_folder_validity(path), std::nullopt);
    write_folder_validity(path, 42, true);
    EXPECT_EQ(fs::read_file(path), "42\n");
    EXPECT_EQ(read_folder_validity(path), 42u);
    write_folder_validity(path, 1795315393, false);
    EXPECT_EQ(fs::read_file(path), "1795315393\n");
}

TEST(FolderValidity, ReadsWhatPythonAccepts) {
    TestDir dir;
    fs::replace_file_atomically(dir / "v", " 17 \nignored\n", false);
    EXPECT_EQ(read_folder_validity(dir / "v"), 17u);
    fs::replace_file_atomically(dir / "v", "x\n", false);
    try {
        read_folder_validity(dir / "v");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot read UIDVALIDITY from '" + (dir / "v") + "': 'x' is not a number");
    }
}

TEST(Collisions, SlashAndDotShareAFile) {
    auto found = find_collisions({"INBOX", "a/b", "a.b", "c", "a/b", "x/y", "x.y", "x/y"});
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].basename, "a.b");
    EXPECT_EQ(found[0].folders, (std::vector<std::string>{"a.b", "a/b"}));
    EXPECT_EQ(found[1].basename, "x.y");
    EXPECT_TRUE(find_collisions({"INBOX", "Sent", "a/b"}).empty());
    EXPECT_EQ(find_collisions({"", "."}).size(), 1u);
}

TEST(Collisions, CheckNamesEveryFolder) {
    EXPECT_NO_THROW(check_no_collisions({"INBOX", "Archive/2023"}));
    try {
        check_no_collisions({"dot/name", "dot.name", "INBOX"});
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot keep state for folders 'dot.name' and 'dot/name': both map to the file "
                  "'dot.name'");
    }
    try {
        check_no_collisions({"a/b/c", "a.b.c", "a/b.c"});
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot keep state for folders 'a.b.c', 'a/b.c' and 'a/b/c': all map to the "
                  "file 'a.b.c'");
    }
}

}  // namespace
}  // namespace oimap::status
