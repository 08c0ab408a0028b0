// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/db.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

// Output of the sqlite3 command-line shell on path (the way a user would look).
std::string sqlite3_cli(const std::string& path, const std::string& command) {
    std::string shell = cat("sqlite3 '", path, "' \"", command, "\" 2>&1");
    std::FILE* pipe = ::popen(shell.c_str(), "r");
    std::string out;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    ::pclose(pipe);
    return out;
}

// `.schema` of a file created by offlineimap3 8.0.1 (LocalStatusSQLiteFolder.__create_db).
constexpr const char* kOfflineimapSchema =
    "CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));\n"
    "CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50), mtime INTEGER, labels "
    "VARCHAR(256));\n";

std::string dump(const StatusRows& rows) {
    std::string out;
    for (const auto& [uid, row] : rows) {
        out += cat("(", uid, ",'", row.flags, "',", row.mtime, ",'", join_labels(row.labels), "')");
    }
    return out;
}

TEST(Db, CreatesOfflineimapSchemaExactly) {
    TestDir dir;
    std::string path = dir / "Account-Test/LocalStatus-sqlite/INBOX";
    Db db = Db::open(path);
    EXPECT_EQ(db.opened(), Opened::kCreated);
    Batch batch;
    batch.insert({.uid = 1, .flags = "S"});
    batch.insert({.uid = 3, .flags = "FRab"});
    db.apply(batch);
    EXPECT_EQ(sqlite3_cli(path, ".schema"), kOfflineimapSchema);
    EXPECT_EQ(sqlite3_cli(path, "SELECT * FROM metadata"), "db_version|2\n");
    EXPECT_EQ(sqlite3_cli(path, "SELECT * FROM status"), "1|S|0|\n3|FRab|0|\n");
    EXPECT_EQ(sqlite3_cli(path, "PRAGMA journal_mode"), "delete\n");
    struct stat st;
    ASSERT_EQ(::stat((dir / "Account-Test/LocalStatus-sqlite").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(Db, RoundTripOfEveryOperation) {
    TestDir dir;
    std::string path = dir / "db";
    {
        Db db = Db::open(path, {.fsync = false});
        Batch batch;
        batch.insert({.uid = 1, .flags = "S"});
        batch.insert({.uid = 2, .flags = ""});
        batch.insert({.uid = 4, .flags = "D", .mtime = 7, .labels = {"b", "a"}});
        batch.insert({.uid = 4294967295u, .flags = "T"});
        batch.update_flags(2, "FS");
        batch.update_labels(1, {"\\Inbox", "Work"}, std::nullopt);
        batch.update_labels(2, {"x"}, 1700000000);
        batch.update_mtime(4, 9);
        batch.remove(4294967295u);
        db.apply(batch);
    }
    Db db = Db::open(path);
    EXPECT_EQ(db.opened(), Opened::kExisting);
    EXPECT_EQ(dump(db.load()), "(1,'S',0,'Work, \\Inbox')(2,'FS',1700000000,'x')(4,'D',9,'a, b')");
    EXPECT_EQ(sqlite3_cli(path, "SELECT labels FROM status WHERE id=1"), "Work, \\Inbox\n");
}

TEST(Db, FailedBatchChangesNothing) {
    TestDir dir;
    Db db = Db::open(dir / "db");
    Batch first;
    first.insert({.uid = 1, .flags = "S"});
    db.apply(first);
    Batch second;
    second.update_flags(1, "FS");
    second.insert({.uid = 1, .flags = "R"});
    try {
        db.apply(second);
        FAIL();
    } catch (const IoError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot update status '" + (dir / "db") +
                                             "': UNIQUE constraint failed: status.id");
    }
    EXPECT_EQ(dump(db.load()), "(1,'S',0,'')");
}

TEST(Db, UpgradesVersionOneLikeOfflineimap) {
    TestDir dir;
    std::string path = dir / "db";
    sqlite3_cli(path,
                "CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));"
                "INSERT INTO metadata VALUES('db_version', '1');"
                "CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50));"
                "INSERT INTO status VALUES(5, 'RS');");
    Db db = Db::open(path);
    EXPECT_EQ(db.opened(), Opened::kUpgraded);
    EXPECT_EQ(dump(db.load()), "(5,'RS',0,'')");
    EXPECT_EQ(sqlite3_cli(path, "SELECT * FROM metadata"), "db_version|2\n");
    EXPECT_EQ(sqlite3_cli(path, ".schema status"),
              "CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50), mtime INTEGER "
              "DEFAULT 0, labels VARCHAR(256) DEFAULT '');\n");
    EXPECT_EQ(Db::open(path).opened(), Opened::kExisting);
}

TEST(Db, EmptyFileGetsTheSchemaAndGarbageIsAnError) {
    TestDir dir;
    fs::replace_file_atomically(dir / "empty", "", false);
    EXPECT_EQ(Db::open(dir / "empty").opened(), Opened::kCreated);
    fs::replace_file_atomically(dir / "garbage", std::string(2048, 'x'), false);
    try {
        Db::open(dir / "garbage");
        FAIL();
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("file is not a database"), std::string::npos)
            << e.what();
    }
}

TEST(Db, NullColumnsReadAsEmpty) {
    TestDir dir;
    std::string path = dir / "db";
    Db::open(path);
    sqlite3_cli(path, "INSERT INTO status VALUES(8, 'S', NULL, NULL)");
    EXPECT_EQ(dump(Db::open(path).load()), "(8,'S',0,'')");
}

TEST(Db, ExtraStateLivesInItsOwnTables) {
    TestDir dir;
    std::string path = dir / "db";
    Db db = Db::open(path);
    EXPECT_EQ(db.folder_state().highest_modseq, std::nullopt);
    EXPECT_TRUE(db.intents().empty());
    Batch batch;
    batch.insert({.uid = 1, .flags = "S"});
    db.apply(batch);
    StatusRows rows = db.load();
    db.save_folder_state({.uid_validity = 1795315393,
                          .highest_modseq = 123456789012ull,
                          .uid_next = 5,
                          .fingerprint = status_fingerprint(rows)});
    int64_t id = db.add_intent("new/1_0.1.h,U=0,FMD5=x:2,", "3014290704-6803238027", 1700000000);
    db.add_intent("cur/other:2,S", "1-2", 1700000001);
    db.remove_intent(id);

    Db again = Db::open(path);
    FolderState state = again.folder_state();
    EXPECT_EQ(state.uid_validity, 1795315393u);
    EXPECT_EQ(state.highest_modseq, 123456789012ull);
    EXPECT_EQ(state.uid_next, 5u);
    EXPECT_EQ(state.fingerprint, status_fingerprint(again.load()));
    std::vector<Intent> intents = again.intents();
    ASSERT_EQ(intents.size(), 1u);
    EXPECT_EQ(intents[0].local_file, "cur/other:2,S");
    EXPECT_EQ(intents[0].marker, "1-2");
    EXPECT_EQ(intents[0].created, 1700000001);
    // offlineimap3's own tables are unchanged.
    EXPECT_EQ(sqlite3_cli(path, ".schema metadata"),
              "CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));\n");
    EXPECT_EQ(sqlite3_cli(path, "SELECT * FROM status"), "1|S|0|\n");
}

TEST(Db, IntentsOfABatchAreAddedAndRemovedWithTheRowsInOneTransactionEach) {
    TestDir dir;
    std::string path = dir / "INBOX";
    Db db = Db::open(path);
    std::vector<int64_t> ids = db.add_intents({{"new/a", "1-1"}, {"new/b", "2-2"}, {"cur/c:2,S", "3-3"}}, 7);
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_LT(ids[0], ids[1]);
    EXPECT_LT(ids[1], ids[2]);
    Batch batch;
    batch.insert({.uid = 10, .flags = ""});
    batch.remove_intents = {ids[0], ids[2]};
    EXPECT_FALSE(batch.empty());
    db.apply(batch);
    std::vector<Intent> intents = Db::open(path).intents();
    ASSERT_EQ(intents.size(), 1u);
    EXPECT_EQ(intents[0].id, ids[1]);
    EXPECT_EQ(intents[0].local_file, "new/b");
    EXPECT_EQ(intents[0].marker, "2-2");
    EXPECT_EQ(sqlite3_cli(path, "SELECT * FROM status"), "10||0|\n");
    // A failing batch keeps its intents too.
    Batch failing;
    failing.insert({.uid = 10, .flags = "S"});
    failing.remove_intents = {ids[1]};
    EXPECT_THROW(db.apply(failing), IoError);
    EXPECT_EQ(db.intents().size(), 1u);
}

TEST(Db, FingerprintChangesWhenAnotherProgramChangesStatus) {
    TestDir dir;
    std::string path = dir / "db";
    Db db = Db::open(path);
    Batch batch;
    batch.insert({.uid = 1, .flags = "S"});
    db.apply(batch);
    std::string before = status_fingerprint(db.load());
    sqlite3_cli(path, "UPDATE status SET flags='FS' WHERE id=1");
    EXPECT_NE(status_fingerprint(db.load()), before);
    sqlite3_cli(path, "UPDATE status SET flags='S' WHERE id=1");
    EXPECT_EQ(status_fingerprint(db.load()), before);
}

TEST(Db, PurgeRemovesTheFile) {
    TestDir dir;
    std::string path = dir / "db";
    { Db db = Db::open(path); }
    Db::purge(path);
    struct stat st;
    EXPECT_NE(::stat(path.c_str(), &st), 0);
    EXPECT_NO_THROW(Db::purge(path));
}

TEST(Labels, OfflineimapJoinAndSplit) {
    EXPECT_EQ(join_labels({}), "");
    EXPECT_EQ(join_labels({"b", "a", "\\Important"}), "\\Important, a, b");
    EXPECT_EQ(split_labels(" a ,b,, ,c d"), (std::set<std::string>{"a", "b", "c d"}));
    EXPECT_TRUE(split_labels("").empty());
}

}  // namespace
}  // namespace oimap::status

namespace oimap::status {
namespace {

TEST(ReadStatus, ReadsWithoutCreatingOrUpgrading) {
    TestDir dir;
    EXPECT_EQ(read_status(dir / "missing"), std::nullopt);
    struct stat st;
    EXPECT_NE(::stat((dir / "missing").c_str(), &st), 0);

    std::string v1 = dir / "v1";
    sqlite3_cli(v1,
                "CREATE TABLE metadata (key VARCHAR(50) PRIMARY KEY, value VARCHAR(128));"
                "INSERT INTO metadata VALUES('db_version', '1');"
                "CREATE TABLE status (id INTEGER PRIMARY KEY, flags VARCHAR(50));"
                "INSERT INTO status VALUES(5, 'RS');");
    std::optional<StatusSnapshot> old = read_status(v1);
    ASSERT_TRUE(old);
    EXPECT_EQ(old->version, 1);
    EXPECT_EQ(dump(old->rows), "(5,'RS',0,'')");
    EXPECT_EQ(sqlite3_cli(v1, "SELECT * FROM metadata"), "db_version|1\n");

    std::string v2 = dir / "v2";
    {
        Db db = Db::open(v2);
        Batch batch;
        batch.insert({.uid = 7, .flags = "S", .labels = {"x"}});
        db.apply(batch);
        db.save_folder_state({.uid_next = 8, .fingerprint = "f"});
        db.add_intent("new/a", "m", 1);
    }
    std::optional<StatusSnapshot> now = read_status(v2);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->version, 2);
    EXPECT_EQ(dump(now->rows), "(7,'S',0,'x')");
    EXPECT_EQ(now->state.uid_next, 8u);
    ASSERT_EQ(now->intents.size(), 1u);

    fs::replace_file_atomically(dir / "empty", "", false);
    EXPECT_EQ(read_status(dir / "empty")->version, 0);
    EXPECT_EQ(fs::read_file(dir / "empty"), "");
}

}  // namespace
}  // namespace oimap::status
