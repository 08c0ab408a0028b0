// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/store_status.hpp"

#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "core/test_dir.hpp"
#include "status/db.hpp"

namespace oimap::sync {
namespace {

TEST(SqliteStatus, PutsUpsertRemovesAndWritesFolderValidity) {
    TestDir dir;
    SqliteStatus store({.metadata = dir.path(), .account = "A", .remote_repository = "R",
                        .local_repository = "L", .fsync = false});
    store.open_pair("Archive.2023", "Archive/2023", "Archive.2023", 1234);
    store.apply({.put = {{1, "S"}, {2, ""}}});
    store.apply({.put = {{1, "FS"}}, .remove = {2, 3}});
    EXPECT_EQ(store.flags(1), "FS");
    EXPECT_EQ(store.flags(2), std::nullopt);
    EXPECT_EQ(fs::read_file(dir / "Repository-R/FolderValidity/Archive.2023"), "1234\n");
    EXPECT_EQ(fs::read_file(dir / "Repository-L/FolderValidity/Archive.2023"), "42\n");

    auto db = status::Db::open(dir / "Account-A/LocalStatus-sqlite/Archive.2023");
    auto rows = db.load();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.at(1).flags, "FS");
}

TEST(SqliteStatus, OverwritesStaleOrBrokenFolderValidity) {
    TestDir dir;
    fs::make_directories(dir / "Repository-R/FolderValidity", 0700);
    fs::make_directories(dir / "Repository-L/FolderValidity", 0700);
    fs::replace_file_atomically(dir / "Repository-R/FolderValidity/INBOX", "99\n", false);
    fs::replace_file_atomically(dir / "Repository-L/FolderValidity/INBOX", "junk\n", false);
    SqliteStatus store({.metadata = dir.path(), .account = "A", .remote_repository = "R",
                        .local_repository = "L", .fsync = false});
    store.open_pair("INBOX", "INBOX", "INBOX", 1234);
    EXPECT_EQ(fs::read_file(dir / "Repository-R/FolderValidity/INBOX"), "1234\n");
    EXPECT_EQ(fs::read_file(dir / "Repository-L/FolderValidity/INBOX"), "42\n");
}

TEST(SqliteStatus, IntentsSurviveReopening) {
    TestDir dir;
    StatusStoreOptions options{.metadata = dir.path(), .account = "A", .fsync = false};
    int64_t id = 0;
    {
        SqliteStatus store(options);
        store.open_pair("INBOX", "INBOX", "INBOX", 1);
        id = store.add_intents({{"new/m", "1-2"}}).at(0);
    }
    SqliteStatus store(options);
    store.open_pair("INBOX", "INBOX", "INBOX", 1);
    auto intents = store.intents();
    ASSERT_EQ(intents.size(), 1u);
    EXPECT_EQ(intents[0].id, id);
    EXPECT_EQ(intents[0].file, "new/m");
    EXPECT_EQ(intents[0].marker, "1-2");
    store.apply({.put = {{7, ""}}, .remove_intents = {id}});
    EXPECT_TRUE(store.intents().empty());
}

}  // namespace
}  // namespace oimap::sync
