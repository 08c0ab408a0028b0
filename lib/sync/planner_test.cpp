// SPDX-License-Identifier: GPL-2.0-or-later
// Table-driven tests of the planner: one world (listings + state + options) per row, the
// expected plan records as '|'-joined lines.
#include "sync/planner.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "sync/planner_test_util.hpp"

namespace oimap::sync {
namespace {

using testing::kInboxMd5;
using testing::World;

const std::string kPair = "pair|INBOX|INBOX|INBOX|1000|" + kInboxMd5;

// The file World::lmsg creates for INBOX, with its subdir.
std::string file(uint32_t uid, const std::string& letters) {
    std::string subdir = letters.find('S') != std::string::npos ? "cur/" : "new/";
    return subdir + World::file_name(uid, kInboxMd5, letters);
}

struct Case {
    const char* name;
    std::function<void(World&)> setup;
    std::vector<std::string> expected;
};

const Case kMessageCases[] = {
    {"new remote message is copied to local",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.rmsg("INBOX", 2, "\\Flagged \\Answered");
         w.lf("INBOX");
     },
     {kPair, "op|copy-to-local|INBOX|1|S|1700000000|100",
      "op|copy-to-local|INBOX|2|FR|1700000000|100"}},
    {"new local file without UID is uploaded",
     [](World& w) {
         w.rfolder("INBOX");
         w.uidless("INBOX", "1700000000.M1P1.h", "S");
     },
     {kPair, "op|copy-to-remote|INBOX|cur/1700000000.M1P1.h:2,S|S|1700000000|90"}},
    {"remote deletion deletes the local file",
     [](World& w) {
         w.rfolder("INBOX");
         w.lmsg("INBOX", 1, "S");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|delete-local|INBOX|1|" + file(1, "S")}},
    {"remote deletion kept with sync_deletes off on the remote",
     [](World& w) {
         w.options.sync_deletes_remote = false;
         w.rfolder("INBOX");
         w.lmsg("INBOX", 1, "S");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair}},
    {"local deletion deletes the remote message",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.lf("INBOX");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|delete-remote|INBOX|1"}},
    {"local deletion kept with sync_deletes off locally",
     [](World& w) {
         w.options.sync_deletes_local = false;
         w.rmsg("INBOX", 1, "\\Seen");
         w.lf("INBOX");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair}},
    {"deleted on both sides is only forgotten",
     [](World& w) {
         w.options.sync_deletes_local = false;
         w.options.sync_deletes_remote = false;
         w.rfolder("INBOX");
         w.lf("INBOX");
         w.status("INBOX", {{1, "S"}, {2, ""}});
     },
     {kPair, "op|forget|INBOX|1", "op|forget|INBOX|2"}},
    {"remote flag change renames the local file",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen \\Flagged");
         w.lmsg("INBOX", 1, "S");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|set-local-flags|INBOX|1|" + file(1, "S") + "|FS|FS"}},
    {"local flag change is stored on the remote",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.lmsg("INBOX", 1, "RS");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|set-remote-flags|INBOX|1|S|RS"}},
    {"flag changes on both sides merge per letter",
     [](World& w) {
         // Remote adds F, local removes S: both end with F and without S.
         w.rmsg("INBOX", 1, "\\Seen \\Flagged");
         w.lmsg("INBOX", 1, "");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|set-local-flags|INBOX|1|" + file(1, "") + "|F|FS",
      "op|set-remote-flags|INBOX|1|FS|F"}},
    {"message on both sides without state is only recorded",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.rmsg("INBOX", 2, "");
         w.lmsg("INBOX", 1, "S");
         w.lmsg("INBOX", 2, "");
     },
     {kPair, "op|record|INBOX|1|S", "op|record|INBOX|2|"}},
    {"re-associated message takes the local flags, as offlineimap's two passes do",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen \\Flagged");
         w.lmsg("INBOX", 1, "S");
     },
     {kPair, "op|set-remote-flags|INBOX|1|FS|S"}},
    {"a U= under another folder's FMD5 is not a UID here",
     [](World& w) {
         w.rfolder("INBOX");
         w.lmsg("INBOX", 7, "S", "Archive");
     },
     {kPair, "op|copy-to-remote|INBOX|cur/" +
                 World::file_name(7, maildir::folder_md5("Archive"), "S") + "|S|1700000000|90"}},
    {"a U= the remote no longer has is uploaded again when the state lacks it",
     [](World& w) {
         w.rmsg("INBOX", 1, "");
         w.lmsg("INBOX", 1, "");
         w.lmsg("INBOX", 5, "S");
         w.status("INBOX", {{1, ""}});
     },
     {kPair, "op|copy-to-remote|INBOX|" + file(5, "S") + "|S|1700000000|90"}},
    {"local read-only: only local changes go out",
     [](World& w) {
         w.options.local_readonly = true;
         w.rmsg("INBOX", 1, "\\Seen");
         w.rmsg("INBOX", 2, "\\Seen");
         w.lmsg("INBOX", 1, "FS");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|set-remote-flags|INBOX|1|S|FS"}},
    {"remote read-only: only remote changes come in",
     [](World& w) {
         w.options.remote_readonly = true;
         w.rmsg("INBOX", 1, "\\Seen");
         w.rmsg("INBOX", 2, "\\Seen");
         w.lmsg("INBOX", 1, "FS");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|copy-to-local|INBOX|2|S|1700000000|100"}},
    {"maxsize hides large messages on both sides",
     [](World& w) {
         w.options.maxsize = 100;
         w.rmsg("INBOX", 1, "", 99);
         w.rmsg("INBOX", 2, "", 100);  // IMAP SMALLER is strict
         w.lf("INBOX");
     },
     {kPair, "op|copy-to-local|INBOX|1||1700000000|99"}},
    {"a message maxsize hides on one side only is left alone on the other",
     [](World& w) {
         w.options.maxsize = 100;
         w.rmsg("INBOX", 1, "\\Seen", 104);  // CRLF size above the limit
         w.lmsg("INBOX", 1, "S");            // LF size 90
         w.lmsg("INBOX", 2, "S");
         w.add_local("INBOX",
                     {.folder = "INBOX",
                      .uid = 3,
                      .fmd5 = kInboxMd5,
                      .file_name = World::file_name(3, kInboxMd5, "S")},
                     "S");
         w.lf("INBOX").messages.back().size = 101;  // LF size above the limit
         w.rmsg("INBOX", 3, "\\Seen", 99);
         w.status("INBOX", {{1, "S"}, {2, "S"}, {3, "S"}});
     },
     // 2 is gone from the server: deleted locally.  1 and 3 are hidden on both sides: their
     // rows are forgotten (as offlineimap forgets rows outside maxage), no copy is deleted.
     {kPair, "op|forget|INBOX|1", "op|forget|INBOX|3",
      "op|delete-local|INBOX|2|" + file(2, "S")}},
    {"keywords map to letters and unknown ones are dropped",
     [](World& w) {
         w.options.keywords = {{'a', "$Label1"}};
         w.rmsg("INBOX", 1, "\\Seen $Label1 $Other");
         w.lf("INBOX");
     },
     {kPair, "op|copy-to-local|INBOX|1|Sa|1700000000|100"}},
    {"a letter the server cannot hold is only recorded",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.lmsg("INBOX", 1, "PS");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|record|INBOX|1|PS"}},
    {"a recorded letter the server lacks is stripped a run later",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.lmsg("INBOX", 1, "PS");
         w.status("INBOX", {{1, "PS"}});
     },
     {kPair, "op|set-local-flags|INBOX|1|" + file(1, "PS") + "|S|S"}},
    {"quick mode skips a folder unchanged on both sides",
     [](World& w) {
         w.options.quick = true;
         w.rmsg("INBOX", 1, "\\Seen \\Flagged");  // a flag-only change is invisible
         w.lmsg("INBOX", 1, "S");
         w.status("INBOX", {{1, "S"}});
     },
     {"skip|INBOX|INBOX|unchanged|Skipping INBOX (not changed)"}},
    {"quick mode syncs a changed folder fully",
     [](World& w) {
         w.options.quick = true;
         w.rmsg("INBOX", 1, "\\Seen \\Flagged");
         w.lmsg("INBOX", 1, "RS");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|set-local-flags|INBOX|1|" + file(1, "RS") + "|FRS|FS",
      "op|set-remote-flags|INBOX|1|FS|FRS"}},
    {"UID-less files are looked for by Message-ID ahead of the downloads they may duplicate",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.uidless("INBOX", "1700000000.M1P1.h", "S");
         w.uidless("INBOX", "1700000001.M1P1.h", "");
     },
     {kPair, "op|adopt-or-copy-to-remote|INBOX|cur/1700000000.M1P1.h:2,S|S|1700000000|90",
      "op|adopt-or-copy-to-remote|INBOX|new/1700000001.M1P1.h:2,||1700000000|90",
      "op|copy-to-local|INBOX|1|S|1700000000|100"}},
    {"with state too: a partial first sync must not turn the rest into duplicates",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.rmsg("INBOX", 2, "");
         w.lmsg("INBOX", 1, "S");
         w.lmsg("INBOX", 7, "", "Archive");  // a U= of another folder is no UID here
         w.status("INBOX", {{1, "S"}});
     },
     {kPair,
      "op|adopt-or-copy-to-remote|INBOX|new/" + World::file_name(7, maildir::folder_md5("Archive"), "") +
          "||1700000000|90",
      "op|copy-to-local|INBOX|2||1700000000|100"}},
    {"a read-only local side downloads nothing: UID-less files are only uploaded",
     [](World& w) {
         w.options.local_readonly = true;
         w.rmsg("INBOX", 1, "\\Seen");
         w.uidless("INBOX", "1700000000.M1P1.h", "");
     },
     {kPair, "op|copy-to-remote|INBOX|new/1700000000.M1P1.h:2,||1700000000|90"}},
    {"a read-only remote uploads nothing: the server's messages are downloaded",
     [](World& w) {
         w.options.remote_readonly = true;
         w.rmsg("INBOX", 1, "\\Seen");
         w.uidless("INBOX", "1700000000.M1P1.h", "");
     },
     {kPair, "op|copy-to-local|INBOX|1|S|1700000000|100"}},
    {"--upload-unmatched does what offlineimap does: upload without looking",
     [](World& w) {
         w.options.upload_unmatched = true;
         w.rmsg("INBOX", 1, "\\Seen");
         w.uidless("INBOX", "1700000000.M1P1.h", "S");
     },
     {kPair, "op|copy-to-local|INBOX|1|S|1700000000|100",
      "op|copy-to-remote|INBOX|cur/1700000000.M1P1.h:2,S|S|1700000000|90"}},
    {"UID-less files are uploaded when the server has nothing unmatched",
     [](World& w) {
         w.rmsg("INBOX", 1, "\\Seen");
         w.lmsg("INBOX", 1, "S");
         w.uidless("INBOX", "1700000000.M1P1.h", "");
     },
     {kPair, "op|copy-to-remote|INBOX|new/1700000000.M1P1.h:2,||1700000000|90",
      "op|record|INBOX|1|S"}},
    {"a listing without messages is completed from the state when the count matches",
     [](World& w) {
         w.rfolder("INBOX").folder.listing = format::Listing::kNone;
         w.rf("INBOX").folder.exists = 1;
         w.lmsg("INBOX", 1, "FS");
         w.status("INBOX", {{1, "S"}});
     },
     {kPair, "op|set-remote-flags|INBOX|1|S|FS"}},
    {"a listing without messages and a changed count cannot be planned",
     [](World& w) {
         w.rfolder("INBOX").folder.listing = format::Listing::kNone;
         w.rf("INBOX").folder.exists = 2;
         w.lmsg("INBOX", 1, "S");
         w.status("INBOX", {{1, "S"}});
     },
     {"skip|INBOX|INBOX|incomplete-listing|cannot plan folder 'INBOX': its remote listing is "
      "incomplete (changes or none) and does not add up to the server's message count; a full "
      "listing is needed"}},
    {"a changes listing keeps unlisted messages and drops vanished ones",
     [](World& w) {
         auto& f = w.rfolder("INBOX");
         f.folder.listing = format::Listing::kChanges;
         f.vanished = {{2, 2}};
         w.rmsg("INBOX", 3, "\\Seen");
         f.folder.exists = 2;  // 1 and 3
         w.lmsg("INBOX", 1, "S");
         w.lmsg("INBOX", 2, "S");
         w.status("INBOX", {{1, "S"}, {2, "S"}});
     },
     {kPair, "op|copy-to-local|INBOX|3|S|1700000000|100",
      "op|delete-local|INBOX|2|" + file(2, "S")}},
    {"a changes listing that misses a message the state lacks cannot be planned",
     [](World& w) {
         // UID 5 is on the server (count 2) but neither listed nor in the state: the last
         // sync failed to copy it.
         auto& f = w.rfolder("INBOX");
         f.folder.listing = format::Listing::kChanges;
         f.folder.exists = 2;
         w.lmsg("INBOX", 1, "S");
         w.status("INBOX", {{1, "S"}});
     },
     {"skip|INBOX|INBOX|incomplete-listing|cannot plan folder 'INBOX': its remote listing is "
      "incomplete (changes or none) and does not add up to the server's message count; a full "
      "listing is needed"}},
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

class PlannerCases : public ::testing::TestWithParam<Case> {};

TEST_P(PlannerCases, GivesTheExpectedPlan) {
    World w;
    SCOPED_TRACE(GetParam().name);
    GetParam().setup(w);
    EXPECT_EQ(w.lines(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Messages, PlannerCases, ::testing::ValuesIn(kMessageCases),
                         [](const auto& p) { return "case" + std::to_string(p.index); });

TEST(Planner, UidValidityChangeSkipsTheFolderAndSaysSo) {
    World w;
    w.rmsg("INBOX", 1, "\\Seen");
    w.lmsg("INBOX", 1, "S");
    w.status("INBOX", {{1, "S"}});
    w.state.set_uid_validity("Remote", "INBOX", 999);
    auto result = w.run();
    const std::string message =
        "UID validity problem for folder INBOX (repo Remote) (saved 999; got 1000); skipping it. "
        "Please see FAQ and manual on how to handle this.";
    EXPECT_EQ(World::lines_of(result),
              std::vector<std::string>{"skip|INBOX|INBOX|uidvalidity|" + message});
    EXPECT_TRUE(result.uid_validity_problem);
    EXPECT_EQ(result.warnings, std::vector<std::string>{message});
}

TEST(Planner, UidValidityOfAnEmptyFolderIsNotChecked) {
    World w;
    w.rfolder("INBOX");
    w.lf("INBOX");
    w.state.set_uid_validity("Remote", "INBOX", 999);
    auto result = w.run();
    EXPECT_EQ(World::lines_of(result), std::vector<std::string>{kPair});
    EXPECT_FALSE(result.uid_validity_problem);
}

TEST(Planner, SavedLocalUidValidityOtherThan42IsAProblem) {
    World w;
    w.rfolder("INBOX");
    w.lmsg("INBOX", 1, "S");
    w.state.set_uid_validity("Local", "INBOX", 7);
    auto result = w.run();
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_EQ(result.warnings[0],
              "UID validity problem for folder INBOX (repo Local) (saved 7; got 42); skipping it. "
              "Please see FAQ and manual on how to handle this.");
}

TEST(Planner, UnknownKeywordsAreReportedOncePerFolder) {
    World w;
    w.options.keywords = {{'a', "$Label1"}};
    w.rmsg("INBOX", 1, "$Other \\Recent");
    w.rmsg("INBOX", 2, "$Other");
    w.lf("INBOX");
    EXPECT_EQ(w.run().warnings,
              std::vector<std::string>{"Unknown keywords skipped: ['$Other', '\\Recent'] in folder "
                                       "'INBOX'. You may want to change your configuration to "
                                       "include those"});
}

TEST(Planner, TwoFilesWithOneUidLeaveTheFirstInvisible) {
    World w;
    w.rmsg("INBOX", 1, "\\Seen");
    w.lmsg("INBOX", 1, "S");
    w.lmsg("INBOX", 1, "FS");
    w.status("INBOX", {{1, "S"}});
    auto result = w.run();
    EXPECT_EQ(World::lines_of(result),
              (std::vector<std::string>{kPair, "op|set-remote-flags|INBOX|1|S|FS"}));
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_NE(result.warnings[0].find("both carry UID 1"), std::string::npos);
}

TEST(Planner, MaxageWindowStartsAtTheOldestRecentRemoteUid) {
    World w;
    w.options.maxage_cutoff = 1700000000 - 10 * 86400;
    w.date = 1700000000 - 30 * 86400;
    w.rmsg("INBOX", 1, "");  // old
    w.date = 1700000000;
    w.rmsg("INBOX", 2, "");
    w.rmsg("INBOX", 3, "");
    w.lmsg("INBOX", 2, "");
    w.status("INBOX", {{1, ""}, {2, ""}});
    // UID 1 is outside the window: not deleted locally, not copied, its row forgotten.
    EXPECT_EQ(w.lines(),
              (std::vector<std::string>{kPair, "op|copy-to-local|INBOX|3||1700000000|100",
                                        "op|forget|INBOX|1"}));
}

TEST(Planner, QuickWithMaxageIsAFullSyncWithAWarning) {
    World w;
    w.options.quick = true;
    w.options.maxage_cutoff = 1;
    w.rmsg("INBOX", 1, "\\Seen \\Flagged");
    w.lmsg("INBOX", 1, "S");
    w.status("INBOX", {{1, "S"}});
    auto result = w.run();
    EXPECT_EQ(
        World::lines_of(result),
        (std::vector<std::string>{kPair, "op|set-local-flags|INBOX|1|" + file(1, "S") + "|FS|FS"}));
    EXPECT_EQ(result.warnings,
              std::vector<std::string>{"Quick syncs (-q) not supported in conjunction "
                                       "with maxage or startdate; ignoring -q."});
}

TEST(Planner, AFolderThatCouldNotBeSelectedIsLeftOut) {
    World w;
    w.rfolder("INBOX", "/", 0);
    w.lf("INBOX");
    EXPECT_TRUE(w.lines().empty());
}

TEST(Planner, MaxageWithoutRecentRemoteMailUsesFileNameDates) {
    World w;
    w.options.maxage_cutoff = 1700000000;
    w.date = 1600000000;
    w.rmsg("INBOX", 1, "");
    w.lf("INBOX");
    w.uidless("INBOX", "1500000000.old", "");
    w.uidless("INBOX", "1800000000.new", "");
    w.status("INBOX", {{1, ""}});
    EXPECT_EQ(w.lines(), (std::vector<std::string>{
                             kPair, "op|forget|INBOX|1",
                             "op|copy-to-remote|INBOX|new/1800000000.new:2,||1600000000|90"}));
}

}  // namespace
}  // namespace oimap::sync
