// SPDX-License-Identifier: GPL-2.0-or-later
// The remote repository's startdate (spec §5.7.3, doc/planner.md "startdate"): the first run
// needs an empty local folder and saves the floor; later runs take the server's UIDs from it.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace oimap::sync
