// SPDX-License-Identifier: GPL-2.0-or-later
// adopt-or-copy-to-remote over a real Maildir in a temporary directory, a FakeRemote and a
// FakeStatus: which UID-less files are adopted, which are uploaded, and resuming.
#include "sync/apply_fixture.hpp"

#include "core/fs.hpp"

namespace oimap::sync {
namespace {

using format::OpKind;
using format::PlanOp;

constexpr const char* kMd5 = kInboxMd5;
const std::string kServerCopy = "Message-ID: <a@x>\r\nSubject: s\r\n\r\nbody\r\n";
const std::string kLocalCopy = "Message-ID: <a@x>\nSubject: s\n\nbody\n";

class AdoptTest : public InboxApplyTest {
protected:
    void uidless(const std::string& file, const std::string& text, const std::string& flags = "") {
        fs::replace_file_atomically(inbox + "/" + file, text, false);
        ops.push_back({.kind = OpKind::kAdoptOrCopyToRemote, .folder = "INBOX", .file = file,
                       .flags = flags, .time = 1700000000, .size = text.size()});
    }
    void download(uint32_t uid, const std::string& flags = "") {
        ops.push_back({.kind = OpKind::kCopyToLocal, .folder = "INBOX", .uid = uid, .flags = flags,
                       .time = 1700000000, .size = 40});
    }
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
