// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/message.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "imap/parser.hpp"

namespace oimap::imap {
namespace {

Response parse(const std::string& line) {
    StringSource source(line + "\r\n");
    return Parser(source).next();
}

TEST(InternalDate, ConvertsToUnixSecondsSubtractingTheZone) {
    EXPECT_EQ(parse_internal_date("17-Jul-1996 02:44:25 -0700"), 837596665);
    EXPECT_EQ(parse_internal_date(" 1-Jan-1970 00:00:00 +0000"), 0);
    EXPECT_EQ(parse_internal_date("1-Jan-1970 01:00:00 +0100"), 0);
    EXPECT_EQ(parse_internal_date("29-Feb-2024 23:59:59 +0000"), 1709251199);
    EXPECT_EQ(parse_internal_date("31-Dec-1969 23:59:59 +0000"), -1);
    for (const char* bad : {"", "17-Jux-1996 02:44:25 -0700", "17-Jul-1996 25:44:25 -0700",
                            "17-Jul-1996 02:44:25 0700", "17/Jul/1996 02:44:25 -0700", "xx-Jul-1996 02:44:25 -0700"})
        EXPECT_THROW(parse_internal_date(bad), ProtocolError) << bad;
    EXPECT_EQ(parse_internal_date(format_internal_date(1709251199)), 1709251199);
    EXPECT_EQ(format_internal_date(837596665), "17-Jul-1996 09:44:25 +0000");
}

TEST(UidSet, CollapsesRanges) {
    EXPECT_EQ(make_uid_set({}), "");
    EXPECT_EQ(make_uid_set({7, 1, 2, 3, 5, 8, 3}), "1:3,5,7:8");
}

TEST(FetchSummary, ReadsEveryItemInAnyOrder) {
    MessageSummary m;
    ASSERT_TRUE(parse_fetch_summary(parse("* 2 FETCH (FLAGS (\\Seen $Label1) RFC822.SIZE 987 "
                                          "INTERNALDATE \" 1-Feb-2024 10:00:00 +0000\" MODSEQ (77) UID 4202)"), m));
    EXPECT_EQ(m.uid, 4202u);
    EXPECT_EQ(m.flags, "\\Seen $Label1");
    EXPECT_EQ(m.size, 987u);
    EXPECT_EQ(m.internal_date, 1706781600);
    EXPECT_EQ(m.modseq, 77u);
    MessageSummary unsolicited;
    EXPECT_FALSE(parse_fetch_summary(parse("* 2 FETCH (FLAGS (\\Seen))"), unsolicited));
    EXPECT_THROW(parse_fetch_summary(parse("* 2 FETCH (UID abc)"), unsolicited), ProtocolError);
    EXPECT_THROW(parse_fetch_summary(parse("* 2 FETCH (UID 4294967296)"), unsolicited), ProtocolError);
}

TEST(ListResponse, ReadsAttributesDelimiterAndRawName) {
    MailboxInfo a = parse_list_response(parse("* LIST (\\Noselect \\HasChildren) NIL {4}\r\na\"b)"));
    EXPECT_EQ(a.name, "a\"b)");
    EXPECT_EQ(a.delimiter, "");
    EXPECT_FALSE(a.selectable());
    MailboxInfo b = parse_list_response(parse("* LIST () \"/\" Entw&APw-rfe"));
    EXPECT_EQ(b.name, "Entw&APw-rfe");
    EXPECT_TRUE(b.selectable());
    EXPECT_THROW(parse_list_response(parse("* LIST () \"/\"")), ProtocolError);
}

TEST(SelectResponses, FillTheStatus) {
    MailboxStatus s;
    for (const char* line : {"* 172 EXISTS", "* OK [UIDVALIDITY 3857529045] x", "* OK [UIDNEXT 4392] x",
                             "* OK [HIGHESTMODSEQ 715194045007] x", "* FLAGS (\\Seen)"})
        apply_select_response(parse(line), s);
    EXPECT_EQ(s.exists, 172u);
    EXPECT_EQ(s.uid_validity, 3857529045u);
    EXPECT_EQ(s.uid_next, 4392u);
    EXPECT_EQ(s.highest_modseq, 715194045007u);
    EXPECT_THROW(apply_select_response(parse("* OK [UIDVALIDITY x] y"), s), ProtocolError);
}

}  // namespace
}  // namespace oimap::imap
