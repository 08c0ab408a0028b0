// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/status_scan.hpp"

#include <gtest/gtest.h>

#include "imap/parser.hpp"

namespace oimap::imap {
namespace {

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

Response parse(const std::string& line) {
    StringSource source(line);
    return Parser(source).next();
}

TEST(StatusResponse, ReadsEveryItem) {
    MailboxStatus s;
    ASSERT_TRUE(parse_status_response(
        parse("* STATUS \"A b\" (MESSAGES 3 UIDNEXT 44 UIDVALIDITY 7 HIGHESTMODSEQ 9000000001)\r\n"), s));
    EXPECT_EQ(s.exists, 3u);
    EXPECT_EQ(s.uid_next, 44u);
    EXPECT_EQ(s.uid_validity, 7u);
    EXPECT_EQ(s.highest_modseq, 9000000001u);
    EXPECT_FALSE(parse_status_response(parse("* 3 EXISTS\r\n"), s));
}

TEST(SearchRanges, PlainSearchAndEsearch) {
    Ranges r;
    ASSERT_TRUE(parse_search_ranges(parse("* SEARCH 2 5 6\r\n"), r));
    EXPECT_EQ(r, (Ranges{{2, 2}, {5, 5}, {6, 6}}));
    r.clear();
    ASSERT_TRUE(parse_search_ranges(parse("* ESEARCH (TAG \"a5\") UID ALL 1:3,7,9:8\r\n"), r));
    EXPECT_EQ(r, (Ranges{{1, 3}, {7, 7}, {8, 9}}));
    r.clear();
    ASSERT_TRUE(parse_search_ranges(parse("* ESEARCH (TAG \"a5\") UID\r\n"), r));
    EXPECT_TRUE(r.empty());
    EXPECT_FALSE(parse_search_ranges(parse("* 1 FETCH (UID 1)\r\n"), r));
}

TEST(UidComplement, GapsBelowUidNextAreTheExpungedUids) {
    EXPECT_EQ(uid_complement({{1, 3}, {7, 7}}, 10), "4:6,8:9");
    EXPECT_EQ(uid_complement({{7, 7}, {1, 3}}, 8), "4:6");
    EXPECT_EQ(uid_complement({}, 5), "1:4");
    EXPECT_EQ(uid_complement({}, 1), "");
    EXPECT_EQ(uid_complement({{1, 9}}, 10), "");
    EXPECT_EQ(uid_complement({{2, 5}, {3, 4}, {5, 8}}, 12), "1,9:11");
    EXPECT_EQ(uid_complement({{1, 2}, {20, 30}}, 10), "3:9");
}

}  // namespace
}  // namespace oimap::imap
