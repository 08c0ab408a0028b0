// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/legacy.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

std::string dump(const StatusRows& rows) {
    std::string out;
    for (const auto& [uid, row] : rows) {
        out += cat("(", uid, ",'", row.flags, "',", row.mtime, ",'", join_labels(row.labels), "')");
    }
    return out;
}

TEST(LegacyStatus, ReadsFormatTwo) {
    TestDir dir;
    fs::replace_file_atomically(dir / "INBOX",
                                "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 2\n"
                                "1|S|0|\n3|FRab|0|\n7||1700000000|Work, \\Inbox\n",
                                false);
    EXPECT_EQ(dump(*read_legacy_status(dir / "INBOX")),
              "(1,'S',0,'')(3,'FRab',0,'')(7,'',1700000000,'Work, \\Inbox')");
}

TEST(LegacyStatus, ReadsFormatOne) {
    TestDir dir;
    fs::replace_file_atomically(
        dir / "INBOX", "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 1\n1:S\n2:\n",
        false);
    EXPECT_EQ(dump(*read_legacy_status(dir / "INBOX")), "(1,'S',0,'')(2,'',0,'')");
}

TEST(LegacyStatus, MissingEmptyAndBadFiles) {
    TestDir dir;
    EXPECT_EQ(read_legacy_status(dir / "none"), std::nullopt);
    fs::replace_file_atomically(dir / "empty", "", false);
    EXPECT_TRUE(read_legacy_status(dir / "empty")->empty());
    fs::replace_file_atomically(
        dir / "magic", "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 3\n", false);
    try {
        read_legacy_status(dir / "magic");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_EQ(std::string(e.what()), dir / "magic" +
                                             ":1: unrecognized cache magic line 'OFFLINEIMAP "
                                             "LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 3'");
    }
    fs::replace_file_atomically(
        dir / "corrupt",
        "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 2\n1|S|0|\nx|S|0|\n", false);
    try {
        read_legacy_status(dir / "corrupt");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_EQ(std::string(e.what()), dir / "corrupt" + ":3: corrupt line 'x|S|0|'");
    }
}

TEST(LegacyStatus, ImportedOnlyIntoANewDatabase) {
    TestDir dir;
    std::string legacy = dir / "Account-T/LocalStatus/INBOX";
    fs::make_directories(fs::dirname(legacy));
    fs::replace_file_atomically(
        legacy, "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 2\n1|S|0|\n2|RS|0|\n",
        false);
    std::string path = dir / "Account-T/LocalStatus-sqlite/INBOX";
    {
        Db db = Db::open(path);
        EXPECT_EQ(import_legacy_status(db, legacy), 2u);
        EXPECT_EQ(dump(db.load()), "(1,'S',0,'')(2,'RS',0,'')");
    }
    fs::replace_file_atomically(
        legacy, "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT 2\n9|S|0|\n", false);
    Db db = Db::open(path);
    EXPECT_EQ(import_legacy_status(db, legacy), 0u);
    EXPECT_EQ(dump(db.load()), "(1,'S',0,'')(2,'RS',0,'')");
}

}  // namespace
}  // namespace oimap::status
