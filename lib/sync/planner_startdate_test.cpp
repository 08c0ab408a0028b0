// SPDX-License-Identifier: GPL-2.0-or-later
// The remote repository's startdate (spec §5.7.3, doc/planner.md "startdate"): the first run
// needs an empty local folder and saves the floor; later runs take the server's UIDs from it.
#include <gtest/gtest.h>

#include "sync/mapped_listing.hpp"
#include "sync/planner_test_util.hpp"

namespace oimap::sync {
namespace {

using testing::kInboxMd5;
using testing::World;

const std::string kPair = "pair|INBOX|INBOX|INBOX|1000|" + kInboxMd5;
constexpr int64_t kStart = 1700000000;  // 2023-11-14, a UTC midnight would do as well

/// INBOX with UIDs 3 and 4 received before the start date, 5 and 6 on or after it.
World world() {
    World w;
    w.options.remote_startdate = kStart;
    w.date = kStart - 86400;
    w.rmsg("INBOX", 3);
    w.rmsg("INBOX", 4, "\\Seen");
    w.date = kStart;
    w.rmsg("INBOX", 5);
    w.date = kStart + 86400;
    w.rmsg("INBOX", 6);
    w.lf("INBOX");
    return w;
}

TEST(PlannerStartdate, AFirstRunSavesTheFirstUidSinceTheDateAndCopiesFromThere) {
    World w = world();
    EXPECT_EQ(w.lines(), (std::vector<std::string>{
                             kPair, "op|save-start-uid|INBOX|5|Repository-Remote/StartUID/INBOX",
                             "op|copy-to-local|INBOX|5||1700000000|100",
                             "op|copy-to-local|INBOX|6||1700086400|100"}));
}

TEST(PlannerStartdate, AFirstRunNeedsAnEmptyLocalFolder) {
    World w = world();
    w.uidless("INBOX", "1700000000.M1P1.h");
    auto result = w.run();
    std::string message = "To use startdate on Repository Remote, Repository Local must be empty";
    EXPECT_EQ(World::lines_of(result),
              (std::vector<std::string>{"skip|INBOX|INBOX|startdate|" + message}));
    EXPECT_EQ(result.warnings, (std::vector<std::string>{message}));
}

TEST(PlannerStartdate, LaterRunsTakeTheServersUidsFromTheSavedFloor) {
    World w = world();
    w.state.set_start_uid("Remote", "INBOX", 4);
    w.lmsg("INBOX", 5);
    w.status("INBOX", {{5, ""}});
    // 4 is old but above the floor: it takes part (offlineimap's "UID >= saved min").
    EXPECT_EQ(w.lines(),
              (std::vector<std::string>{kPair, "op|copy-to-local|INBOX|4|S|1699913600|100",
                                        "op|copy-to-local|INBOX|6||1700086400|100"}));
}

// offlineimap saves 1 here, and its next run copies all the old mail; we save the next UID.
TEST(PlannerStartdate, WithoutMailSinceTheDateTheFloorIsTheNextUid) {
    World w;
    w.options.remote_startdate = kStart;
    w.date = kStart - 86400;
    w.rmsg("INBOX", 3);
    w.rf("INBOX").folder.uid_next = 10;
    w.lf("INBOX");
    EXPECT_EQ(w.lines(),
              (std::vector<std::string>{
                  kPair, "op|save-start-uid|INBOX|10|Repository-Remote/StartUID/INBOX"}));
}

TEST(PlannerStartdate, QuickModeIsIgnoredWithAWarning) {
    World w = world();
    w.options.quick = true;
    auto result = w.run();
    EXPECT_EQ(result.warnings,
              std::vector<std::string>{"Quick syncs (-q) not supported in conjunction "
                                       "with maxage or startdate; ignoring -q."});
}

// --- the local repository's startdate (a local IMAP repository: a mapped listing) ---

/// A message of the local server: local UID, the remote UID its map gives (0: unmapped).
void mapped(World& w, uint32_t local_uid, uint32_t remote_uid = 0) {
    w.add_local("INBOX",
                {.folder = "INBOX",
                 .uid = remote_uid,
                 .fmd5 = remote_uid ? kInboxMd5 : std::string(),
                 .file_name = mapped_file_name(local_uid, remote_uid)},
                "");
    w.lf("INBOX").messages.back().subdir = std::string(kMappedSubdir);
}

/// The local server's INBOX with UIDs 3 and 4 received before the start date, 5 and 6 on or
/// after it; the remote INBOX exists and is empty.
World local_world() {
    World w;
    w.options.local_startdate = kStart;
    w.rfolder("INBOX").folder.uid_next = 1;
    w.date = kStart - 86400;
    mapped(w, 3);
    mapped(w, 4);
    w.date = kStart;
    mapped(w, 5);
    w.date = kStart + 86400;
    mapped(w, 6);
    return w;
}

TEST(PlannerLocalStartdate, AFirstRunSavesTheFirstLocalUidSinceTheDateAndUploadsFromThere) {
    World w = local_world();
    EXPECT_EQ(w.lines(), (std::vector<std::string>{
                             kPair, "op|save-start-uid|INBOX|5|Repository-Local/StartUID/INBOX",
                             "op|copy-to-remote|INBOX|cur/L5||1700000000|90",
                             "op|copy-to-remote|INBOX|cur/L6||1700086400|90"}));
}

TEST(PlannerLocalStartdate, AFirstRunNeedsAnEmptyRemoteFolder) {
    World w = local_world();
    w.rmsg("INBOX", 1);
    auto result = w.run();
    std::string message = "To use startdate on Repository Local, Repository Remote must be empty";
    EXPECT_EQ(World::lines_of(result),
              (std::vector<std::string>{"skip|INBOX|INBOX|startdate|" + message}));
    EXPECT_EQ(result.warnings, (std::vector<std::string>{message}));
}

TEST(PlannerLocalStartdate, LaterRunsTakeTheLocalServersUidsFromTheSavedFloor) {
    World w = local_world();
    w.state.set_start_uid("Local", "INBOX", 4);
    w.local.folders.clear();
    w.date = kStart - 86400;
    mapped(w, 3);
    mapped(w, 4);
    mapped(w, 5, 1);
    w.rmsg("INBOX", 1);
    w.date = kStart + 86400;
    w.rmsg("INBOX", 2);  // new on the remote
    w.status("INBOX", {{1, ""}});
    // Local 3 stays out; 4 is old but at the floor: it goes up (looked for by Message-ID
    // first, as the remote has mail the status does not know), and remote 2 comes down.
    EXPECT_EQ(w.lines(), (std::vector<std::string>{
                             kPair, "op|adopt-or-copy-to-remote|INBOX|cur/L4||1699913600|90",
                             "op|copy-to-local|INBOX|2||1700086400|100"}));
}

TEST(PlannerLocalStartdate, WithoutLocalMailSinceTheDateTheFloorIsTheNextLocalUid) {
    World w;
    w.options.local_startdate = kStart;
    w.rfolder("INBOX");
    w.date = kStart - 86400;
    mapped(w, 7);
    EXPECT_EQ(w.lines(),
              (std::vector<std::string>{
                  kPair, "op|save-start-uid|INBOX|8|Repository-Local/StartUID/INBOX"}));
}

TEST(PlannerLocalStartdate, QuickModeIsIgnoredWithAWarning) {
    World w = local_world();
    w.options.quick = true;
    EXPECT_EQ(w.run().warnings,
              std::vector<std::string>{"Quick syncs (-q) not supported in conjunction "
                                       "with maxage or startdate; ignoring -q."});
}

}  // namespace
}  // namespace oimap::sync
