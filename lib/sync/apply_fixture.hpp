// SPDX-License-Identifier: GPL-2.0-or-later
// A test fixture for the executor: a real Maildir in a temporary directory with an INBOX, a
// FakeRemote whose INBOX has UIDVALIDITY 77, a FakeStatus, and ops applied as one INBOX pair.
#pragma once

#include <gtest/gtest.h>

#include <sstream>

#include "core/test_dir.hpp"
#include "maildir/folder.hpp"
#include "maildir/scan.hpp"
#include "sync/apply.hpp"
#include "sync/store_fake.hpp"
#include "sync/store_maildir.hpp"

namespace oimap::sync {

inline constexpr const char* kInboxMd5 = "7e33429f656f1e6e9d79b29c3f82c57e";  // md5("INBOX")

class InboxApplyTest : public ::testing::Test {
protected:
    TestDir dir;
    std::string inbox = maildir::create_folder(dir / "mail", "INBOX", '.');
    MaildirStore local{{.root = dir / "mail", .fsync = false, .host = "h", .pid = 9,
                        .now = [] { return int64_t{1800000000}; }}};
    FakeRemote remote;
    FakeStatus status;
    std::vector<format::PlanOp> ops;

    void SetUp() override { remote.mailboxes["INBOX"].uid_validity = 77; }

    /// Carries out ops as the one pair INBOX (markers from a fixed random number).
    ApplyReport apply(ApplyOptions options = {}) {
        std::stringstream text;
        format::PlanWriter writer(text);
        writer.pair({"INBOX", "INBOX", "INBOX", 77, kInboxMd5});
        for (const auto& op : ops) writer.op(op);
        writer.finish();
        format::PlanReader reader(text, "plan");
        options.random = [] { return uint64_t{42}; };
        Applier applier(local, remote, status, options);
        applier.run(reader);
        return applier.report();
    }

    /// "new/NAME" and "cur/NAME" of every message file of INBOX.
    std::vector<std::string> files() {
        std::vector<std::string> out;
        for (const auto& m : maildir::scan_messages(inbox)) out.push_back(m.subdir + "/" + m.file_name);
        return out;
    }
    std::map<uint32_t, std::string>& rows() { return status.dbs["INBOX"].rows; }
    std::map<uint32_t, FakeMessage>& server() { return remote.mailboxes["INBOX"].messages; }
};

}  // namespace oimap::sync
