// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_flags.hpp"

#include <gtest/gtest.h>

namespace oimap::sync {
namespace {

TEST(FlagSet, KeepsAsciiLettersSortedByCodePoint) {
    EXPECT_EQ(FlagSet::of("bSaFS").str(), "FSab");
    EXPECT_EQ(FlagSet::of("").str(), "");
    EXPECT_EQ(FlagSet::of("S\xc3\xa4").str(), "S");  // non-ASCII is not representable
    EXPECT_EQ(FlagSet::of("~!").str(), "!~");
}

TEST(FlagSet, SetOperations) {
    FlagSet a = FlagSet::of("FSa"), b = FlagSet::of("RSa");
    EXPECT_EQ((a | b).str(), "FRSa");
    EXPECT_EQ((a & b).str(), "Sa");
    EXPECT_EQ((a - b).str(), "F");
    EXPECT_TRUE((a - a).empty());
    EXPECT_EQ(system_letters().str(), "DFRST");
}

TEST(ImapFlagMapper, MapsTheFiveSystemFlagsExactly) {
    ImapFlagMapper mapper({});
    EXPECT_EQ(mapper.letters("\\Seen \\Answered \\Flagged \\Deleted \\Draft").str(), "DFRST");
    EXPECT_EQ(mapper.letters("\\SEEN \\Recent $Forwarded").str(), "");  // case-sensitive (§15.27)
    EXPECT_TRUE(mapper.take_skipped().empty());  // no keyword table, no warning
}

TEST(ImapFlagMapper, MapsConfiguredKeywordsAndRemembersTheOthers) {
    ImapFlagMapper mapper({{'a', "$Label1"}, {'b', "Work"}});
    EXPECT_EQ(mapper.letters("\\Seen Work $Label1 $Junk").str(), "Sab");
    EXPECT_EQ(mapper.letters("  $Junk  \\Recent ").str(), "");
    EXPECT_EQ(mapper.take_skipped(), (std::set<std::string>{"$Junk", "\\Recent"}));
    EXPECT_TRUE(mapper.take_skipped().empty());
    EXPECT_EQ(mapper.keyword_letters().str(), "ab");
}

TEST(ImapFlagMapper, TheLaterLetterWinsForOneKeyword) {
    ImapFlagMapper mapper({{'a', "Work"}, {'c', "Work"}});
    EXPECT_EQ(mapper.letters("Work").str(), "c");
}

}  // namespace
}  // namespace oimap::sync
