// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/facts.hpp"

#include <gtest/gtest.h>

#include "status/db.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

FolderFacts sample() {
    return {.remote = "INBOX", .local = "INBOX", .uid_validity = 7, .uid_next = 101,
            .highest_modseq = 555, .exists = 100, .new_mtime_ns = 1'700'000'000'123'456'789,
            .cur_mtime_ns = 1'700'000'001'000'000'000, .scanned_ns = 1'700'000'009'000'000'000};
}

void expect_same(const FolderFacts& a, const FolderFacts& b) {
    EXPECT_EQ(a.remote, b.remote);
    EXPECT_EQ(a.local, b.local);
    EXPECT_EQ(a.uid_validity, b.uid_validity);
    EXPECT_EQ(a.uid_next, b.uid_next);
    EXPECT_EQ(a.highest_modseq, b.highest_modseq);
    EXPECT_EQ(a.exists, b.exists);
    EXPECT_EQ(a.new_mtime_ns, b.new_mtime_ns);
    EXPECT_EQ(a.cur_mtime_ns, b.cur_mtime_ns);
    EXPECT_EQ(a.scanned_ns, b.scanned_ns);
}

std::string make_db(const TestDir& dir, const std::string& name) {
    std::string path = dir / name;
    Db db = Db::open(path);
    Batch batch;
    batch.insert({.uid = 1, .flags = "S"});
    db.apply(batch);
    return path;
}

TEST(Facts, SavedFactsReadBackWhileNobodyWroteTheFile) {
    TestDir dir;
    std::string path = make_db(dir, "INBOX");
    EXPECT_FALSE(current_folder_facts(path));
    save_folder_facts(path, sample());
    auto facts = current_folder_facts(path);
    ASSERT_TRUE(facts);
    expect_same(*facts, sample());
}

TEST(Facts, OurOwnWritesKeepThemForAChangesListingOnly) {
    TestDir dir;
    std::string path = make_db(dir, "INBOX");
    save_folder_facts(path, sample());
    EXPECT_TRUE(current_folder_facts(path)->exact);
    Db db = Db::open(path);
    Batch batch;
    batch.update_flags(1, "FS");
    db.apply(batch);
    int64_t id = db.add_intent("new/x", "marker", 1);
    db.remove_intent(id);
    auto facts = current_folder_facts(path);
    ASSERT_TRUE(facts);
    EXPECT_FALSE(facts->exact);
    EXPECT_EQ(facts->highest_modseq, 555u);
    save_folder_facts(path, sample());  // saved again: exact again
    EXPECT_TRUE(current_folder_facts(path)->exact);
}

TEST(Facts, SqliteShellWriteMakesThemStale) {
    TestDir dir;
    std::string path = make_db(dir, "INBOX");
    save_folder_facts(path, sample());
    std::string shell = "sqlite3 '" + path + "' \"INSERT INTO status VALUES (2,'S',0,'')\"";
    ASSERT_EQ(std::system(shell.c_str()), 0);
    EXPECT_FALSE(current_folder_facts(path));
}

TEST(Facts, OurWriteAfterAForeignOneLeavesThemStale) {
    TestDir dir;
    std::string path = make_db(dir, "INBOX");
    save_folder_facts(path, sample());
    std::string shell = "sqlite3 '" + path + "' \"UPDATE status SET flags = 'F'\"";
    ASSERT_EQ(std::system(shell.c_str()), 0);
    Db db = Db::open(path);
    Batch batch;
    batch.update_flags(1, "FS");
    db.apply(batch);
    EXPECT_FALSE(current_folder_facts(path));
}

TEST(Facts, MissingFileOrGarbageHasNoFacts) {
    TestDir dir;
    EXPECT_FALSE(current_folder_facts(dir / "nothing"));
    EXPECT_FALSE(change_counter(dir / "nothing"));
}

TEST(Facts, EveryCurrentFileOfADirectory) {
    TestDir dir;
    std::string a = make_db(dir, "A");
    std::string b = make_db(dir, "B");
    make_db(dir, "C");
    FolderFacts fa = sample(), fb = sample();
    fa.remote = fa.local = "A";
    fb.remote = fb.local = "B";
    save_folder_facts(a, fa);
    save_folder_facts(b, fb);
    std::string shell = "sqlite3 '" + b + "' \"DELETE FROM status\"";
    ASSERT_EQ(std::system(shell.c_str()), 0);
    auto all = current_folder_facts_in(dir.path());
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].remote, "A");
    EXPECT_TRUE(current_folder_facts_in(dir / "missing").empty());
}

}  // namespace
}  // namespace oimap::status
