// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/deliver.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "maildir/crlf.hpp"
#include "maildir/filename.hpp"
#include "maildir/folder.hpp"
#include "core/test_dir.hpp"

namespace oimap::maildir {
namespace {

struct stat stat_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st;
}

bool exists(const std::string& path) {
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0;
}

class DeliverTest : public ::testing::Test {
protected:
    TestDir dir;
    std::string folder = create_folder(dir / "mail", "INBOX", '.');
};

TEST_F(DeliverTest, StreamsChunksAndSetsMtime) {
    Delivery delivery(folder, "1_0.1.h,U=1,FMD5=x:2,", {.fsync = true});
    EXPECT_TRUE(exists(folder + "/tmp/1_0.1.h,U=1,FMD5=x:2,"));
    CrlfToLf converter;
    for (std::string_view chunk : {"Subject: hi\r", "\n\r\nbody\r", "\n"}) {
        std::string out;
        converter.convert(chunk, out);
        delivery.write(out);
    }
    std::string rest;
    converter.finish(rest);
    delivery.write(rest);
    EXPECT_EQ(delivery.size(), 18u);
    EXPECT_EQ(delivery.commit("new", 1700000000), "new/1_0.1.h,U=1,FMD5=x:2,");
    std::string path = folder + "/new/1_0.1.h,U=1,FMD5=x:2,";
    EXPECT_EQ(stat_of(path).st_mtim.tv_sec, 1700000000);
    EXPECT_EQ(stat_of(path).st_atim.tv_sec, 1700000000);  // before reading it changes atime
    EXPECT_EQ(fs::read_file(path), "Subject: hi\n\nbody\n");
    EXPECT_FALSE(exists(folder + "/tmp/1_0.1.h,U=1,FMD5=x:2,"));
}

TEST_F(DeliverTest, FinishLeavesTheFileInTmpUntilCommit) {
    std::string tmp = folder + "/tmp/m:2,";
    {
        Delivery delivery(folder, "m:2,", {.fsync = false});
        delivery.write("x\n");
        delivery.finish(1700000000);
        delivery.finish(1700000001);  // idempotent: the first times stay
        EXPECT_EQ(delivery.tmp_path(), tmp);
        EXPECT_EQ(fs::read_file(tmp), "x\n");
        EXPECT_TRUE(sync_file_system(folder));
        EXPECT_EQ(delivery.commit("new", 1700000002), "new/m:2,");
    }
    EXPECT_FALSE(exists(tmp));
    EXPECT_EQ(stat_of(folder + "/new/m:2,").st_mtim.tv_sec, 1700000000);
    {
        Delivery abandoned(folder, "n:2,", {.fsync = false});
        abandoned.write("y\n");
        abandoned.finish(std::nullopt);
    }
    EXPECT_FALSE(exists(folder + "/tmp/n:2,"));  // never committed: removed
}

TEST_F(DeliverTest, SyncFileSystemOfAMissingDirectoryReportsFalse) {
    EXPECT_FALSE(sync_file_system(folder + "/missing"));
}

TEST_F(DeliverTest, SeenGoesToCurWithoutTouchingMtime) {
    Delivery delivery(folder, "m:2,S", {.fsync = false});
    delivery.write("x\n");
    EXPECT_EQ(delivery.commit(subdir_for_flags("S"), std::nullopt), "cur/m:2,S");
    EXPECT_TRUE(exists(folder + "/cur/m:2,S"));
    EXPECT_GT(stat_of(folder + "/cur/m:2,S").st_mtim.tv_sec, 1700000000);
}

TEST_F(DeliverTest, ExistingTmpFileIsNotOverwritten) {
    fs::replace_file_atomically(folder + "/tmp/clash", "old", false);
    EXPECT_THROW(Delivery(folder, "clash"), IoError);
    EXPECT_EQ(fs::read_file(folder + "/tmp/clash"), "old");
}

TEST_F(DeliverTest, ExistingTargetIsNotOverwritten) {
    fs::replace_file_atomically(folder + "/new/clash", "old", false);
    {
        Delivery delivery(folder, "clash");
        delivery.write("new");
        try {
            delivery.commit("new", std::nullopt);
            FAIL() << "commit replaced a file";
        } catch (const IoError& e) {
            EXPECT_NE(std::string(e.what()).find("File exists"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(fs::read_file(folder + "/new/clash"), "old");
    EXPECT_FALSE(exists(folder + "/tmp/clash"));
}

TEST_F(DeliverTest, AbandonedDeliveryRemovesTmpFile) {
    {
        Delivery delivery(folder, "abandoned");
        delivery.write("partial");
    }
    EXPECT_FALSE(exists(folder + "/tmp/abandoned"));
    EXPECT_FALSE(exists(folder + "/new/abandoned"));
}

TEST_F(DeliverTest, FlagChangeRenamesAndKeepsTheInode) {
    const std::string name = "1_0.1.h,U=2,FMD5=x:2,";
    Delivery delivery(folder, name);
    delivery.write("body\n");
    delivery.commit("new", std::nullopt);
    ino_t inode = stat_of(folder + "/new/" + name).st_ino;

    std::string seen = set_message_flags(folder, "new/" + name, "SF", ':');
    EXPECT_EQ(seen, "cur/1_0.1.h,U=2,FMD5=x:2,FS");
    EXPECT_EQ(stat_of(folder + "/" + seen).st_ino, inode);
    EXPECT_FALSE(exists(folder + "/new/" + name));

    std::string unseen = set_message_flags(folder, seen, "F", ':');
    EXPECT_EQ(unseen, "new/1_0.1.h,U=2,FMD5=x:2,F");
    EXPECT_EQ(stat_of(folder + "/" + unseen).st_ino, inode);
}

TEST_F(DeliverTest, SameFlagsInCurStayPut) {
    fs::replace_file_atomically(folder + "/cur/m:2,F", "x", false);
    // Placement follows S whenever it is called, as offlineimap's savemessageflags; a file a
    // mail reader moved to cur/ stays there only because callers call it for flag changes.
    EXPECT_EQ(set_message_flags(folder, "cur/m:2,F", "F", ':'), "new/m:2,F");
    EXPECT_EQ(set_message_flags(folder, "new/m:2,F", "FS", ':'), "cur/m:2,FS");
    EXPECT_EQ(set_message_flags(folder, "cur/m:2,FS", "SF", ':'), "cur/m:2,FS");
}

TEST_F(DeliverTest, ForeignNameGetsAnInfoPart) {
    fs::replace_file_atomically(folder + "/new/1700000000.M1P1.myhost", "x", false);
    EXPECT_EQ(set_message_flags(folder, "new/1700000000.M1P1.myhost", "S", ':'),
              "cur/1700000000.M1P1.myhost:2,S");
}

TEST_F(DeliverTest, MoveNeverReplaces) {
    fs::replace_file_atomically(folder + "/new/a", "a", false);
    fs::replace_file_atomically(folder + "/cur/b", "b", false);
    EXPECT_THROW(move_message(folder, "new/a", "cur/b"), IoError);
    EXPECT_EQ(fs::read_file(folder + "/cur/b"), "b");
    EXPECT_EQ(fs::read_file(folder + "/new/a"), "a");
}

}  // namespace
}  // namespace oimap::maildir
