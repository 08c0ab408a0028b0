// SPDX-License-Identifier: GPL-2.0-or-later
// The executor over a real Maildir in a temporary directory, a FakeRemote and a FakeStatus.
#include "sync/apply.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <sstream>

#include "core/fs.hpp"
#include "maildir/folder.hpp"
#include "maildir/scan.hpp"
#include "core/test_dir.hpp"
#include "sync/apply_marker.hpp"
#include "sync/store_fake.hpp"
#include "sync/store_maildir.hpp"

namespace oimap::sync {
namespace {

using format::FolderPair;
using format::OpKind;
using format::PlanOp;

constexpr const char* kMd5 = "7e33429f656f1e6e9d79b29c3f82c57e";  // md5("INBOX")

/// An uncatchable-by-Error crash, thrown from a store hook.
struct Crash {};

class ApplyTest : public ::testing::Test {
protected:
    TestDir dir;
    std::string inbox = maildir::create_folder(dir / "mail", "INBOX", '.');
    MaildirStore local{{.root = dir / "mail", .fsync = false, .host = "h", .pid = 9,
                        .now = [] { return int64_t{1800000000}; }}};
    FakeRemote remote;
    FakeStatus status;
    std::vector<format::PlanItem> plan;

    void SetUp() override { remote.mailboxes["INBOX"].uid_validity = 77; }

    void pair(const std::string& name = "INBOX", uint32_t validity = 77) {
        plan.emplace_back(FolderPair{name, name, name, validity, kMd5});
    }
    void op(OpKind kind, uint32_t uid, std::string flags = "", std::string file = "",
            std::string from = "", int64_t time = 0) {
        plan.emplace_back(PlanOp{.kind = kind, .folder = "INBOX", .uid = uid, .file = file,
                                 .flags = flags, .from_flags = from, .time = time});
    }

    ApplyReport apply(ApplyOptions options = {}) {
        std::stringstream text;
        format::PlanWriter writer(text);
        for (const auto& item : plan) {
            if (auto* p = std::get_if<FolderPair>(&item)) writer.pair(*p);
            if (auto* s = std::get_if<format::FolderSkip>(&item)) writer.skip(*s);
            if (auto* o = std::get_if<PlanOp>(&item)) writer.op(*o);
        }
        writer.finish();
        format::PlanReader reader(text, "plan");
        if (!options.random) options.random = [] { return uint64_t{42}; };
        Applier applier(local, remote, status, options);
        applier.run(reader);
        return applier.report();
    }

    std::vector<std::string> files() {
        std::vector<std::string> out;
        for (const auto& m : maildir::scan_messages(inbox)) out.push_back(m.subdir + "/" + m.file_name);
        return out;
    }
    std::string read(const std::string& file) { return fs::read_file(inbox + "/" + file); }
    std::map<uint32_t, std::string>& rows() { return status.dbs["INBOX"].rows; }
    void put_file(const std::string& file, const std::string& text) {
        fs::replace_file_atomically(inbox + "/" + file, text, false);
    }
};

std::string name(uint32_t uid, uint32_t seq, const std::string& flags) {
    return "1800000000_" + std::to_string(seq) + ".9.h,U=" + std::to_string(uid) + ",FMD5=" + kMd5 +
           ":2," + flags;
}

TEST_F(ApplyTest, CopyToLocalFetchesOneBatchWritesLfAndRecordsOnce) {
    remote.add("INBOX", "A: 1\r\n\r\none\r\n");
    remote.add("INBOX", "A: 2\r\n\r\ntwo\r\n");
    remote.add("INBOX", "A: 3\r\n\r\nthree\r\nbare\rcr\r\n");
    pair();
    op(OpKind::kCopyToLocal, 1, "S", "", "", 1700000001);
    op(OpKind::kCopyToLocal, 2, "", "", "", 1700000002);
    op(OpKind::kCopyToLocal, 3, "FS", "", "", 1700000003);
    ApplyReport report = apply();
    EXPECT_EQ(report.exit_code(), 0);
    EXPECT_EQ(report.done, 3u);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID FETCH 1,2,3"}));
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(2, 1, ""), "cur/" + name(1, 0, "S"),
                                                 "cur/" + name(3, 2, "FS")}));
    EXPECT_EQ(read("cur/" + name(3, 2, "FS")), "A: 3\n\nthree\nbare\rcr\n");
    struct stat st {};
    ASSERT_EQ(::stat((inbox + "/new/" + name(2, 1, "")).c_str(), &st), 0);
    EXPECT_EQ(st.st_mtime, 1700000002);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "S"}, {2, ""}, {3, "FS"}}));
    EXPECT_EQ(status.transactions, 1u);
}

TEST_F(ApplyTest, BatchSizeSplitsFetches) {
    for (int i = 0; i < 5; ++i) remote.add("INBOX", "x\r\n");
    pair();
    for (uint32_t uid = 1; uid <= 5; ++uid) op(OpKind::kCopyToLocal, uid);
    EXPECT_EQ(apply({.batch_size = 2}).exit_code(), 0);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID FETCH 1,2", "UID FETCH 3,4",
                                                    "UID FETCH 5"}));
    EXPECT_EQ(status.transactions, 3u);
}

TEST_F(ApplyTest, BatchBytesSplitsFetches) {
    for (int i = 0; i < 4; ++i) remote.add("INBOX", "x\r\n");
    pair();
    for (uint32_t uid = 1; uid <= 4; ++uid)
        plan.emplace_back(PlanOp{.kind = OpKind::kCopyToLocal, .folder = "INBOX", .uid = uid,
                                 .size = uid == 2 ? 100u : 10u});
    EXPECT_EQ(apply({.batch_bytes = 100}).exit_code(), 0);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID FETCH 1,2", "UID FETCH 3,4"}));
    EXPECT_EQ(status.transactions, 2u);
}

TEST_F(ApplyTest, DeliveriesWaitInTmpUntilFlush) {
    local.open_folder("INBOX", kMd5);
    auto sink = local.deliver(1, "S", 1700000000);
    sink->write("x\n");
    sink->finish();
    EXPECT_EQ(local.file_of(1), std::nullopt);
    EXPECT_TRUE(files().empty());
    EXPECT_EQ(fs::read_file(inbox + "/tmp/" + name(1, 0, "S")), "x\n");
    local.flush();
    EXPECT_EQ(local.file_of(1), "cur/" + name(1, 0, "S"));
    EXPECT_EQ(files(), (std::vector<std::string>{"cur/" + name(1, 0, "S")}));
    auto abandoned = local.deliver(2, "", 0);
    abandoned->write("y\n");
    abandoned.reset();  // never finished: its tmp/ file goes
    local.flush();
    EXPECT_EQ(local.file_of(2), std::nullopt);
    struct stat st {};
    EXPECT_NE(::stat((inbox + "/tmp/" + name(2, 1, "")).c_str(), &st), 0);
}

TEST_F(ApplyTest, CopyToLocalTwiceOnlyRecordsTheSecondTime) {
    remote.add("INBOX", "x\r\n");
    pair();
    op(OpKind::kCopyToLocal, 1, "S");
    apply();
    rows().clear();  // as if killed after the delivery, before the record
    remote.log.clear();
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX"}));
    EXPECT_EQ(files().size(), 1u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "S"}}));
}

TEST_F(ApplyTest, CopyToLocalOfAVanishedMessageIsStale) {
    remote.add("INBOX", "x\r\n");
    pair();
    op(OpKind::kCopyToLocal, 1);
    op(OpKind::kCopyToLocal, 9);
    ApplyReport report = apply();
    EXPECT_EQ(report.stale, 1u);
    EXPECT_EQ(report.done, 1u);
    EXPECT_EQ(report.exit_code(), 1);
    EXPECT_EQ(rows().size(), 1u);
}

TEST_F(ApplyTest, CopyToRemoteAppendsTaggedCrlfAndRenamesTheFile) {
    put_file("new/1700000000.M1P2.host", "A: 1\n\nbody\n");
    pair();
    op(OpKind::kCopyToRemote, 0, "FS", "new/1700000000.M1P2.host", "", 1700000000);
    EXPECT_EQ(apply().exit_code(), 0);
    const FakeMessage& m = remote.mailboxes["INBOX"].messages.at(1);
    std::string marker = "X-OfflineIMAP: " + std::to_string(crc32("A: 1\r\n\r\nbody\r\n")) + "-42";
    EXPECT_EQ(m.body, "A: 1\r\n" + marker + "\r\n\r\nbody\r\n");
    EXPECT_EQ(m.flags, (std::set<std::string>{"\\Flagged", "\\Seen"}));
    EXPECT_EQ(m.date, 1700000000);
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(1, 0, "")}));
    EXPECT_EQ(read("new/" + name(1, 0, "")), "A: 1\n\nbody\n");
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, ""}}));
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
}

TEST_F(ApplyTest, UploadsOfABatchShareOneIntentTransactionAndOneRecord) {
    for (int i = 1; i <= 3; ++i) put_file("cur/m" + std::to_string(i) + ":2,S", "A: " + std::to_string(i) + "\n\nb\n");
    pair();
    for (int i = 1; i <= 3; ++i) op(OpKind::kCopyToRemote, 0, "S", "cur/m" + std::to_string(i) + ":2,S");
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "APPEND INBOX", "APPEND INBOX",
                                                    "APPEND INBOX"}));
    EXPECT_EQ(status.transactions, 2u);  // the three intents, then the three rows
    EXPECT_EQ(files(), (std::vector<std::string>{"cur/" + name(1, 0, "S"), "cur/" + name(2, 1, "S"),
                                                 "cur/" + name(3, 2, "S")}));
    EXPECT_EQ(read("cur/" + name(2, 1, "S")), "A: 2\n\nb\n");
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "S"}, {2, "S"}, {3, "S"}}));
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
}

TEST_F(ApplyTest, CrashInsideABatchOfUploadsDoesNotDuplicate) {
    for (int i = 1; i <= 3; ++i) put_file("new/m" + std::to_string(i), "A: " + std::to_string(i) + "\n\nb\n");
    pair();
    for (int i = 1; i <= 3; ++i) op(OpKind::kCopyToRemote, 0, "", "new/m" + std::to_string(i));
    int appends = 0;
    remote.after = [&](const std::string&) {
        if (++appends == 2) throw Crash{};
    };
    EXPECT_THROW(apply(), Crash);
    EXPECT_EQ(status.dbs["INBOX"].intents.size(), 3u);
    EXPECT_EQ(remote.mailboxes["INBOX"].messages.size(), 2u);
    remote.after = nullptr;
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.mailboxes["INBOX"].messages.size(), 3u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, ""}, {2, ""}, {3, ""}}));
    EXPECT_EQ(files().size(), 3u);
    EXPECT_EQ(read("new/" + name(3, 2, "")), "A: 3\n\nb\n");
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
}

TEST_F(ApplyTest, CopyToRemoteWithoutUidplusSearchesTheMarker) {
    remote.uidplus = false;
    remote.add("INBOX", "other\r\n");
    put_file("cur/a:2,S", "A: 1\n\nb\n");
    pair();
    op(OpKind::kCopyToRemote, 0, "S", "cur/a:2,S");
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.log.back().rfind("UID SEARCH HEADER X-OfflineIMAP ", 0), 0u);
    EXPECT_EQ(files(), (std::vector<std::string>{"cur/" + name(2, 0, "S")}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{2, "S"}}));
}

TEST_F(ApplyTest, CrashAfterTheServerTookTheAppendDoesNotDuplicate) {
    put_file("new/m", "A: 1\n\nb\n");
    pair();
    op(OpKind::kCopyToRemote, 0, "", "new/m");
    remote.after = [](const std::string&) { throw Crash{}; };
    EXPECT_THROW(apply(), Crash);
    EXPECT_EQ(status.dbs["INBOX"].intents.size(), 1u);
    EXPECT_TRUE(rows().empty());
    remote.after = nullptr;
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.mailboxes["INBOX"].messages.size(), 1u);
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(1, 0, "")}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, ""}}));
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
}

TEST_F(ApplyTest, StopAfterTheIntentReusesItsMarker) {
    put_file("new/m", "A: 1\n\nb\n");
    pair();
    op(OpKind::kCopyToRemote, 0, "", "new/m");
    EXPECT_THROW(apply({.stop_after = 1}), TestStop);
    EXPECT_TRUE(remote.mailboxes["INBOX"].messages.empty());
    std::string marker = status.dbs["INBOX"].intents.begin()->second.marker;
    EXPECT_EQ(apply({.random = [] { return uint64_t{7}; }}).exit_code(), 0);
    ASSERT_EQ(remote.mailboxes["INBOX"].messages.size(), 1u);
    EXPECT_NE(remote.mailboxes["INBOX"].messages.at(1).body.find(marker), std::string::npos);
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
}

TEST_F(ApplyTest, IntentOfAFileRenamedBeforeTheCrashIsRecorded) {
    uint32_t uid = remote.add("INBOX", "A: 1\r\nX-OfflineIMAP: 5-6\r\n\r\nb\r\n");
    put_file("cur/" + name(uid, 0, "S"), "A: 1\n\nb\n");
    status.dbs["INBOX"].intents[3] = UploadIntent{3, "cur/gone:2,S", "5-6"};
    pair();
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{uid, "S"}}));
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
}

TEST_F(ApplyTest, IntentNotOnTheServerForAGoneFileIsDropped) {
    status.dbs["INBOX"].intents[3] = UploadIntent{3, "new/gone", "5-6"};
    pair();
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_TRUE(status.dbs["INBOX"].intents.empty());
    EXPECT_TRUE(remote.mailboxes["INBOX"].messages.empty());
}

TEST_F(ApplyTest, CopyToRemoteOfAGoneFileIsStaleAndDoneOnesAreNotRepeated) {
    put_file("new/m", "A: 1\n\nb\n");
    pair();
    op(OpKind::kCopyToRemote, 0, "", "new/m");
    op(OpKind::kCopyToRemote, 0, "", "new/gone");
    ApplyReport report = apply();
    EXPECT_EQ(report.done, 1u);
    EXPECT_EQ(report.stale, 1u);
    report = apply();  // the same plan again: the first file now carries its UID
    EXPECT_EQ(report.stale, 2u);
    EXPECT_EQ(remote.mailboxes["INBOX"].messages.size(), 1u);
    EXPECT_EQ(rows().size(), 1u);
}

TEST_F(ApplyTest, DeleteLocalRemovesForgetsAbsentAndRefusesRenamed) {
    put_file("cur/" + name(1, 0, "S"), "x\n");
    put_file("cur/" + name(3, 0, "FS"), "x\n");
    rows() = {{1, "S"}, {2, ""}, {3, "S"}};
    pair();
    op(OpKind::kDeleteLocal, 1, "", "cur/" + name(1, 0, "S"));
    op(OpKind::kDeleteLocal, 2, "", "new/" + name(2, 0, ""));
    op(OpKind::kDeleteLocal, 3, "", "cur/" + name(3, 0, "S"));
    ApplyReport report = apply();
    EXPECT_EQ(report.stale, 1u);
    EXPECT_EQ(report.done, 2u);
    EXPECT_EQ(files(), (std::vector<std::string>{"cur/" + name(3, 0, "FS")}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{3, "S"}}));
}

TEST_F(ApplyTest, DeleteRemoteExpungesOneBatch) {
    remote.add("INBOX", "a\r\n");
    remote.add("INBOX", "b\r\n");
    remote.add("INBOX", "c\r\n");
    rows() = {{1, ""}, {2, ""}, {3, ""}};
    pair();
    op(OpKind::kDeleteRemote, 1);
    op(OpKind::kDeleteRemote, 3);
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.log.back(), "UID EXPUNGE 1,3");
    EXPECT_EQ(remote.mailboxes["INBOX"].messages.size(), 1u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{2, ""}}));
}

TEST_F(ApplyTest, SetRemoteFlagsGroupsByFlagSet) {
    for (int i = 0; i < 4; ++i) remote.add("INBOX", "x\r\n", {"\\Seen"});
    pair();
    op(OpKind::kSetRemoteFlags, 1, "S", "", "");
    op(OpKind::kSetRemoteFlags, 2, "S", "", "");
    op(OpKind::kSetRemoteFlags, 3, "FS", "", "S");
    op(OpKind::kSetRemoteFlags, 4, "a", "", "S");
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID STORE 3 +(\\Flagged)",
                                                    "UID STORE 1,2 +(\\Seen)", "UID STORE 4 -(\\Seen)"}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "S"}, {2, "S"}, {3, "FS"}, {4, "a"}}));
    EXPECT_EQ(status.transactions, 1u);
}

TEST_F(ApplyTest, SetLocalFlagsRenamesAndIsIdempotent) {
    put_file("new/" + name(1, 0, ""), "x\n");
    pair();
    op(OpKind::kSetLocalFlags, 1, "SR", "new/" + name(1, 0, ""));
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(files(), (std::vector<std::string>{"cur/" + name(1, 0, "RS")}));
    rows().clear();
    EXPECT_EQ(apply().exit_code(), 0);  // the rename was done: only the record is left
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "RS"}}));
    plan.pop_back();
    op(OpKind::kSetLocalFlags, 1, "F", "new/" + name(1, 0, ""));
    EXPECT_EQ(apply().stale, 1u);
}

// The row recorded is the plan's status field (the server's letters after a merge), not `to`,
// also when the rename was already done by a run stopped before its transaction.
TEST_F(ApplyTest, SetLocalFlagsRecordsItsStatusField) {
    put_file("new/" + name(1, 0, ""), "x\n");
    pair();
    plan.emplace_back(PlanOp{.kind = OpKind::kSetLocalFlags, .folder = "INBOX", .uid = 1,
                             .file = "new/" + name(1, 0, ""), .flags = "F", .status_flags = "FS"});
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(1, 0, "F")}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "FS"}}));
    rows().clear();
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "FS"}}));
}

TEST_F(ApplyTest, RecordAndForget) {
    rows() = {{5, "S"}};
    pair();
    op(OpKind::kRecord, 4, "FS");
    op(OpKind::kForget, 5);
    op(OpKind::kForget, 6);
    EXPECT_EQ(apply().done, 3u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{4, "FS"}}));
    EXPECT_EQ(status.transactions, 2u);
}

TEST_F(ApplyTest, ChangedUidValiditySkipsThePairOthersGoOn) {
    remote.mailboxes["Other"].uid_validity = 5;
    local.create_folder("Other");
    pair("INBOX", 76);
    op(OpKind::kRecord, 1);
    pair("Other", 5);
    plan.emplace_back(PlanOp{.kind = OpKind::kRecord, .folder = "Other", .uid = 2});
    ApplyReport report = apply();
    EXPECT_EQ(report.skipped_pairs, 1u);
    EXPECT_EQ(report.exit_code(), 2);
    EXPECT_TRUE(rows().empty());
    EXPECT_EQ(status.dbs["Other"].rows.size(), 1u);
}

TEST_F(ApplyTest, PlanSkipCountsAsSkipped) {
    plan.emplace_back(format::FolderSkip{"Junk", "Junk", "uidvalidity", "UIDVALIDITY changed"});
    EXPECT_EQ(apply().exit_code(), 2);
}

TEST_F(ApplyTest, AFailingFolderDoesNotStopTheOthers) {
    remote.mailboxes["Gone"].uid_validity = 5;
    pair("Gone", 5);  // no local folder
    plan.emplace_back(PlanOp{.kind = OpKind::kRecord, .folder = "Gone", .uid = 2});
    pair();
    op(OpKind::kRecord, 1);
    ApplyReport report = apply();
    EXPECT_EQ(report.failed_folders, 1u);
    EXPECT_EQ(report.exit_code(), 1);
    EXPECT_EQ(rows().size(), 1u);
}

TEST_F(ApplyTest, CreatesFolders) {
    plan.emplace_back(PlanOp{.kind = OpKind::kCreateLocalFolder, .folder = "New"});
    plan.emplace_back(PlanOp{.kind = OpKind::kCreateRemoteFolder, .folder = "Up"});
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_TRUE(maildir::is_maildir(dir / "mail/New"));
    EXPECT_TRUE(remote.mailboxes.count("Up"));
}

TEST_F(ApplyTest, StopAfterCountsDurableSteps) {
    for (int i = 0; i < 3; ++i) remote.add("INBOX", "x\r\n");
    pair();
    for (uint32_t uid = 1; uid <= 3; ++uid) op(OpKind::kCopyToLocal, uid);
    EXPECT_THROW(apply({.batch_size = 1, .stop_after = 2}), TestStop);
    EXPECT_EQ(rows().size(), 2u);
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(rows().size(), 3u);
    EXPECT_EQ(files().size(), 3u);
}

TEST_F(ApplyTest, AStopRequestFinishesThePairInHandAndSkipsTheRest) {
    remote.mailboxes["Other"].uid_validity = 5;
    local.create_folder("Other");
    for (int i = 0; i < 3; ++i) remote.add("INBOX", "x\r\n");
    pair();
    for (uint32_t uid = 1; uid <= 3; ++uid) op(OpKind::kCopyToLocal, uid);
    pair("Other", 5);
    plan.emplace_back(PlanOp{.kind = OpKind::kRecord, .folder = "Other", .uid = 2});
    // The request arrives while the first pair is in hand, after its first batch; the hold
    // hook then returns at once.
    ApplyOptions options{.batch_size = 1,
                         .stop_requested = [&] { return status.transactions > 0; },
                         .hold_after = 1};
    ApplyReport report = apply(options);
    EXPECT_TRUE(report.cut_short);
    EXPECT_EQ(report.exit_code(), 75);
    EXPECT_EQ(rows().size(), 3u);
    EXPECT_EQ(files().size(), 3u);
    EXPECT_TRUE(status.dbs["Other"].rows.empty());
    EXPECT_EQ(remote.log.back(), "UID FETCH 3");
}

TEST_F(ApplyTest, AStopRequestBeforeTheFirstPairDoesNothing) {
    pair();
    op(OpKind::kRecord, 1);
    ApplyReport report = apply({.stop_requested = [] { return true; }});
    EXPECT_EQ(report.exit_code(), 75);
    EXPECT_TRUE(rows().empty());
    EXPECT_TRUE(remote.log.empty());
}

TEST_F(ApplyTest, PairBoundariesFrameEachPair) {
    remote.mailboxes["Other"].uid_validity = 5;
    local.create_folder("Other");
    pair();
    op(OpKind::kRecord, 1);
    plan.emplace_back(format::FolderSkip{"Junk", "Junk", "uidvalidity", "UIDVALIDITY changed"});
    pair("Other", 5);
    std::vector<std::string> seen;
    // Each boundary comes after the batches of the pair before it were carried out.
    apply({.pair_boundary = [&](const std::string& f) {
        seen.push_back(f + ":" + std::to_string(rows().size()));
    }});
    EXPECT_EQ(seen, (std::vector<std::string>{"INBOX:0", ":1", "Other:1", ":1"}));
}

}  // namespace
}  // namespace oimap::sync
