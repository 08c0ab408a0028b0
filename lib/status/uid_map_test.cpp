// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/uid_map.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

TEST(UidMap, PathIsOfflineimapsLayout) {
    EXPECT_EQ(uid_map_path("/m", "Local", "INBOX"), "/m/Repository-Local/UIDMapping/INBOX");
    EXPECT_EQ(uid_map_path("/m", "Local", "Archive/2023"),
              "/m/Repository-Local/UIDMapping/Archive.2023");
    EXPECT_EQ(uid_map_path("/m", "Local", ""), "/m/Repository-Local/UIDMapping/dot");
}

TEST(UidMap, SavedTextIsOfflineimapsLines) {
    TestDir dir;
    std::string path = uid_map_path(dir.path(), "Local", "INBOX");
    save_uid_map(path, {{3, 101}, {1, 7}, {12, 4294967295u}}, true);
    // "%d:%d\n" % (localuid, remoteuid), one line per message (UIDMaps.py _savemaps).
    EXPECT_EQ(fs::read_file(path), "1:7\n3:101\n12:4294967295\n");
    EXPECT_EQ(fs::read_file(path + ".lock"), "");  // left behind, empty, as offlineimap
    EXPECT_NE(::access((path + ".tmp").c_str(), F_OK), 0);
    EXPECT_EQ(load_uid_map(path, UidMapAccess::kOwner),
              (UidMap{{1, 7}, {3, 101}, {12, 4294967295u}}));
}

TEST(UidMap, MissingFileIsEmpty) {
    TestDir dir;
    EXPECT_TRUE(load_uid_map(dir / "UIDMapping/INBOX", UidMapAccess::kReadOnly).empty());
    EXPECT_TRUE(load_uid_map(dir / "UIDMapping/INBOX", UidMapAccess::kOwner).empty());
    save_uid_map(dir / "UIDMapping/INBOX", {}, false);
    EXPECT_EQ(fs::read_file(dir / "UIDMapping/INBOX"), "");
}

TEST(UidMap, ParsesWhatPythonIntAccepts) {
    EXPECT_EQ(parse_uid_map("5:9\n 6 : 10 \n", "m"), (UidMap{{5, 9}, {6, 10}}));
    EXPECT_EQ(parse_uid_map("5:9", "m"), (UidMap{{5, 9}}));
    EXPECT_TRUE(parse_uid_map("", "m").empty());
}

TEST(UidMap, MalformedLineIsAFormatError) {
    try {
        parse_uid_map("1:2\n3-4\n", "/m/INBOX");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_STREQ(e.what(),
                     "cannot read UID map '/m/INBOX': line 2: '3-4' is not <localuid>:<remoteuid>");
    }
    EXPECT_THROW(parse_uid_map("1:2:3\n", "m"), FormatError);
    EXPECT_THROW(parse_uid_map("1:\n", "m"), FormatError);
    EXPECT_THROW(parse_uid_map("0:5\n", "m"), FormatError);
    EXPECT_THROW(parse_uid_map("1:2\n\n3:4\n", "m"), FormatError);
}

TEST(UidMap, LeftoverTmpIsDeletedByTheOwnerOnly) {
    TestDir dir;
    std::string path = uid_map_path(dir.path(), "Local", "INBOX");
    save_uid_map(path, {{1, 2}}, false);
    fs::replace_file_atomically(path + ".tmp", "1:2\n3:", false);
    testing::internal::CaptureStderr();
    EXPECT_EQ(load_uid_map(path, UidMapAccess::kReadOnly), (UidMap{{1, 2}}));
    EXPECT_EQ(::access((path + ".tmp").c_str(), F_OK), 0);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    testing::internal::CaptureStderr();
    EXPECT_EQ(load_uid_map(path, UidMapAccess::kOwner), (UidMap{{1, 2}}));
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_NE(::access((path + ".tmp").c_str(), F_OK), 0);
    EXPECT_NE(
        err.find("a previous run might have leave the UIDMaps file in incorrect state; some "
                 "sync operations might be done again and some emails might become duplicated."),
        std::string::npos)
        << err;
}

}  // namespace
}  // namespace oimap::status
