// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/flags.hpp"

#include <gtest/gtest.h>

namespace oimap::maildir {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : " ") + item;
    return out;
}

TEST(NormalizeFlags, SortsByCodePointAndRemovesDuplicates) {
    EXPECT_EQ(normalize_flags(""), "");
    EXPECT_EQ(normalize_flags("SRF"), "FRS");
    EXPECT_EQ(normalize_flags("baSFSa"), "FSab");
    EXPECT_EQ(normalize_flags("TSRPFD"), "DFPRST");
    // Non-ASCII characters are single flags, after ASCII; an undecodable byte (U+DC80+b in
    // Python) sorts after every valid character below U+DC80.
    EXPECT_EQ(normalize_flags("\xc3\xa9S\xc3\xa9"), "S\xc3\xa9");
    EXPECT_EQ(normalize_flags("\xff\xe4\xb8\x80S"), "S\xe4\xb8\x80\xff");
}

TEST(FlagsToImap, EveryCombinationOfTheSixLetters) {
    const std::string letters = "DFPRST";
    for (unsigned mask = 0; mask < 64; ++mask) {
        std::string flags;
        for (unsigned i = 0; i < 6; ++i) {
            if (mask & (1u << i))
                flags += letters[i];
        }
        std::string expected;
        auto add = [&](char letter, const char* imap) {
            if (flags.find(letter) != std::string::npos)
                expected += (expected.empty() ? "" : " ") + std::string(imap);
        };
        add('R', "\\Answered");
        add('T', "\\Deleted");
        add('D', "\\Draft");
        add('F', "\\Flagged");
        add('S', "\\Seen");
        EXPECT_EQ(join(flags_to_imap(flags)), expected) << flags;
        EXPECT_EQ(join(flags_to_imap(flags + "ab")), expected) << flags;
    }
}

TEST(FlagsFromImap, SystemFlagsAreExactAndCaseSensitive) {
    FromImap got = flags_from_imap({"\\Seen", "\\Answered", "\\SEEN", "\\Recent", "\\Flagged"}, {});
    EXPECT_EQ(got.letters, "FRS");
    EXPECT_EQ(join(got.skipped_keywords), "\\Recent \\SEEN");
}

TEST(FlagsFromImap, KeywordsMapThroughCustomflags) {
    KeywordMap keywords = {{'a', "$Label1"}, {'b', "NonJunk"}};
    FromImap got =
        flags_from_imap({"\\Flagged", "\\Answered", "$Label1", "NonJunk", "$Other"}, keywords);
    EXPECT_EQ(got.letters, "FRab");  // spec Appendix A: UID 3 became ...:2,FRab
    EXPECT_EQ(join(got.skipped_keywords), "$Other");
    EXPECT_EQ(flags_from_imap({"nonjunk"}, keywords).letters, "");
}

TEST(FlagsFromImap, LaterLetterWinsForTheSameKeyword) {
    KeywordMap keywords = {{'c', "$Work"}, {'f', "$Work"}};
    EXPECT_EQ(flags_from_imap({"$Work"}, keywords).letters, "f");
}

TEST(KeywordsOf, NamesMappedLettersInLetterOrder) {
    KeywordMap keywords = {{'a', "$Label1"}, {'b', "NonJunk"}};
    EXPECT_EQ(join(keywords_of("FRba", keywords)), "$Label1 NonJunk");
    EXPECT_EQ(join(keywords_of("Sz", keywords)), "");
}

}  // namespace
}  // namespace oimap::maildir
