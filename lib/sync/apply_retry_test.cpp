// SPDX-License-Identifier: GPL-2.0-or-later
// A batch of downloads whose connection breaks is carried out again after a reconnect, up to
// fetch_attempts times (offlineimap's retrycount), without a duplicate.
#include "sync/apply_fixture.hpp"

namespace oimap::sync {
namespace {

using format::OpKind;

class RetryTest : public InboxApplyTest {
protected:
    void SetUp() override {
        InboxApplyTest::SetUp();
        for (int i = 1; i <= 3; ++i) {
            remote.add("INBOX", "Subject: " + std::to_string(i) + "\r\n\r\nbody\r\n");
            ops.push_back({.kind = OpKind::kCopyToLocal, .folder = "INBOX", .uid = uint32_t(i),
                           .flags = "S", .time = 1700000000, .size = 20});
        }
    }
};

TEST_F(RetryTest, ABrokenFetchIsDoneAgainAfterAReconnectWithoutADuplicate) {
    remote.break_fetch_after = 2;
    remote.reconnectable = true;
    ApplyReport report = apply();
    EXPECT_EQ(report.exit_code(), 0);
    EXPECT_EQ(report.failed_folders, 0u);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID FETCH 1,2,3", "RECONNECT",
                                                    "UID FETCH 3"}));
    EXPECT_EQ(files().size(), 3u);
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "S"}, {2, "S"}, {3, "S"}}));
}

TEST_F(RetryTest, OneAttemptMeansTheFolderFailsWithWhatWasDeliveredRecorded) {
    remote.break_fetch_after = 2;
    remote.reconnectable = true;
    ApplyReport report = apply({.fetch_attempts = 1});
    EXPECT_EQ(report.exit_code(), 1);
    EXPECT_EQ(report.failed_folders, 1u);
    EXPECT_EQ(remote.log, (std::vector<std::string>{"SELECT INBOX", "UID FETCH 1,2,3"}));
    EXPECT_EQ(rows(), (std::map<uint32_t, std::string>{{1, "S"}, {2, "S"}}));
}

TEST_F(RetryTest, AStoreThatCannotReconnectFailsTheFolder) {
    remote.break_fetch_after = 0;
    ApplyReport report = apply();
    EXPECT_EQ(report.failed_folders, 1u);
    EXPECT_TRUE(rows().empty());
    EXPECT_TRUE(files().empty());
}

}  // namespace
}  // namespace oimap::sync
