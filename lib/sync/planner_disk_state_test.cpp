// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_disk_state.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "status/db.hpp"
#include "status/paths.hpp"

namespace oimap::sync {
namespace {

class DiskState : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/planner_disk_state_XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string dir_;
};

TEST_F(DiskState, ReadsOfflineimapStatusRowsAndFolderValidity) {
    auto db = status::Db::open(status::status_db_path(dir_, "A", "Archive.2023"));
    status::Batch batch;
    batch.insert({.uid = 7, .flags = "FS"});
    batch.insert({.uid = 3, .flags = ""});
    db.apply(batch);
    status::write_folder_validity(status::folder_validity_path(dir_, "Remote", "Archive/2023"),
                                  1234, false);

    DiskStateSource state(dir_, "A");
    auto rows = state.status_rows("Archive.2023");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].uid, 3u);
    EXPECT_EQ(rows[1].uid, 7u);
    EXPECT_EQ(rows[1].flags, "FS");
    EXPECT_EQ(state.saved_uid_validity("Remote", "Archive.2023"), 1234u);
    EXPECT_EQ(state.saved_uid_validity("Local", "Archive.2023"), std::nullopt);
}

TEST_F(DiskState, AMissingDatabaseIsEmptyAndIsNotCreated) {
    DiskStateSource state(dir_, "A");
    EXPECT_TRUE(state.status_rows("INBOX").empty());
    struct stat st {};
    EXPECT_NE(::stat(status::status_db_path(dir_, "A", "INBOX").c_str(), &st), 0);
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/Account-A"));
}

}  // namespace
}  // namespace oimap::sync
