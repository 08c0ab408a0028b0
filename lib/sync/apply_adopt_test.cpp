// SPDX-License-Identifier: GPL-2.0-or-later
// adopt-or-copy-to-remote over a real Maildir in a temporary directory, a FakeRemote and a
// FakeStatus: which UID-less files are adopted, which are uploaded, and resuming.
#include <gtest/gtest.h>

#include <sstream>

#include "core/fs.hpp"
#include "core/test_dir.hpp"
#include "maildir/folder.hpp"
#include "maildir/scan.hpp"
#include "sync/apply.hpp"
#include "sync/store_fake.hpp"
#include "sync/store_maildir.hpp"

namespace oimap::sync {
namespace {

using format::OpKind;
using format::PlanOp;

constexpr const char* kMd5 = "7e33429f656f1e6e9d79b29c3f82c57e";  // md5("INBOX")
const std::string kServerCopy = "Message-ID: <a@x>\r\nSubject: s\r\n\r\nbody\r\n";
const std::string kLocalCopy = "Message-ID: <a@x>\nSubject: s\n\nbody\n";

class AdoptTest : public ::testing::Test {
protected:
    TestDir dir;
    std::string inbox = maildir::create_folder(dir / "mail", "INBOX", '.');
    MaildirStore local{{.root = dir / "mail", .fsync = false, .host = "h", .pid = 9,
                        .now = [] { return int64_t{1800000000}; }}};
    FakeRemote remote;
    FakeStatus status;
    std::vector<PlanOp> ops;

    void SetUp() override { remote.mailboxes["INBOX"].uid_validity = 77; }

    void uidless(const std::string& file, const std::string& text, const std::string& flags = "") {
        fs::replace_file_atomically(inbox + "/" + file, text, false);
        ops.push_back({.kind = OpKind::kAdoptOrCopyToRemote, .folder = "INBOX", .file = file,
                       .flags = flags, .time = 1700000000, .size = text.size()});
    }
    void download(uint32_t uid, const std::string& flags = "") {
        ops.push_back({.kind = OpKind::kCopyToLocal, .folder = "INBOX", .uid = uid, .flags = flags,
                       .time = 1700000000, .size = 40});
    }

    ApplyReport apply(ApplyOptions options = {}) {
        std::stringstream text;
        format::PlanWriter writer(text);
        writer.pair({"INBOX", "INBOX", "INBOX", 77, kMd5});
        for (const auto& op : ops) writer.op(op);
        writer.finish();
        format::PlanReader reader(text, "plan");
        options.random = [] { return uint64_t{42}; };
        Applier applier(local, remote, status, options);
        applier.run(reader);
        return applier.report();
    }

    std::vector<std::string> files() {
        std::vector<std::string> out;
        for (const auto& m : maildir::scan_messages(inbox)) out.push_back(m.subdir + "/" + m.file_name);
        return out;
    }
    std::map<uint32_t, std::string>& rows() { return status.dbs["INBOX"].rows; }
    std::map<uint32_t, FakeMessage>& server() { return remote.mailboxes["INBOX"].messages; }
};

std::string name(uint32_t uid, const std::string& flags) {
    return "1800000000_0.9.h,U=" + std::to_string(uid) + ",FMD5=" + kMd5 + ":2," + flags;
}

TEST_F(AdoptTest, SameMessageIdAndSizeIsAdoptedNotUploadedNorDownloaded) {
    remote.add("INBOX", kServerCopy, {"\\Seen", "\\Flagged"});
    uidless("cur/m:2,RS", kLocalCopy, "RS");
    download(1, "FS");
    EXPECT_EQ(apply().exit_code(), 0);
    // The local letters win, as on any re-association: R added, F removed on the server.
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID SEARCH MESSAGE-ID <a@x>",
                                                    "UID STORE 1 +(\\Answered)",
                                                    "UID STORE 1 -(\\Flagged)"}));
    EXPECT_EQ(files(), (std::vector<std::string>{"cur/" + name(1, "RS")}));
    EXPECT_EQ(fs::read_file(inbox + "/cur/" + name(1, "RS")), kLocalCopy);
    EXPECT_EQ(server().size(), 1u);
    EXPECT_EQ(server().at(1).flags, (std::set<std::string>{"\\Answered", "\\Seen"}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "RS"}}));
}

TEST_F(AdoptTest, AnotherSizeOrNoMessageIdIsUploadedAndTheServerCopyDownloaded) {
    remote.add("INBOX", kServerCopy);
    uidless("new/longer", "Message-ID: <a@x>\nSubject: s\n\nbody, edited\n");
    uidless("new/anonymous", "Subject: s\n\nbody\n");
    download(1);
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID SEARCH MESSAGE-ID <a@x>",
                                                    "APPEND INBOX", "APPEND INBOX", "UID FETCH 1"}));
    EXPECT_EQ(server().size(), 3u);
    EXPECT_EQ(files().size(), 3u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, ""}, {2, ""}, {3, ""}}));
}

TEST_F(AdoptTest, AServerCopyUploadedWithAMarkerIsTheSameMessage) {
    remote.add("INBOX", "Message-ID: <a@x>\r\nSubject: s\r\nX-OfflineIMAP: 1-2\r\n\r\nbody\r\n");
    uidless("new/m", kLocalCopy);
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(1, "")}));
    EXPECT_EQ(server().size(), 1u);
}

TEST_F(AdoptTest, EachServerMessageIsAdoptedOnceAndNeverOneALocalFileCarries) {
    remote.add("INBOX", kServerCopy);
    remote.add("INBOX", kServerCopy);
    fs::replace_file_atomically(inbox + "/new/" + name(1, ""), kLocalCopy, false);
    uidless("new/m1", kLocalCopy);
    uidless("new/m2", kLocalCopy);
    EXPECT_EQ(apply().exit_code(), 0);
    // UID 1 has its file; m1 takes UID 2; m2 is a third copy and goes up as UID 3.
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(1, ""), "new/" + name(2, ""),
                                                 "new/1800000000_1.9.h,U=3,FMD5=" + std::string(kMd5) + ":2,"}));
    EXPECT_EQ(server().size(), 3u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{2, ""}, {3, ""}}));
}

TEST_F(AdoptTest, AMessageWithAStatusRowIsNotAdopted) {
    remote.add("INBOX", kServerCopy);
    rows()[1] = "";  // its local copy was deleted: the next plan deletes it on the server
    uidless("new/m", kLocalCopy);
    EXPECT_EQ(apply().exit_code(), 0);
    EXPECT_EQ(server().size(), 2u);
}

// Stopped after the adoption's transaction, the same plan again: the file is gone under its
// old name (stale, as a done upload is) and the download only records it.
TEST_F(AdoptTest, ReappliedAfterAStopNothingIsTransferred) {
    remote.add("INBOX", kServerCopy);
    uidless("new/m", kLocalCopy);
    download(1);
    EXPECT_THROW(apply({.stop_after = 1}), TestStop);
    remote.log.clear();
    ApplyReport report = apply();
    EXPECT_EQ(report.stale, 1u);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX"}));
    EXPECT_EQ(files(), (std::vector<std::string>{"new/" + name(1, "")}));
    EXPECT_EQ(server().size(), 1u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, ""}}));
}

}  // namespace
}  // namespace oimap::sync
