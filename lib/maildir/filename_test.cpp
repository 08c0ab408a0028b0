// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/filename.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "maildir/flags.hpp"

namespace oimap::maildir {
namespace {

constexpr const char* kInbox = "7e33429f656f1e6e9d79b29c3f82c57e";

// "uid=<uid|-> name_uid=<n|-> fmd5=<hex|-> flags=<sorted> info=<0|1>"
std::string dump(const ParsedName& p) {
    auto opt = [](const auto& v) { return v ? cat(*v) : std::string("-"); };
    return cat("uid=", opt(p.uid), " name_uid=", opt(p.name_uid), " fmd5=", opt(p.fmd5),
               " flags=", normalize_flags(p.flags), " info=", p.has_info);
}

struct ParseCase {
    const char* name;
    char sep;
    const char* expected;
};

// The uid and flags columns are what offlineimap3's MaildirFolder._parse_filename and
// _scanfolder return for the folder INBOX (checked by running that code).
const ParseCase kParseCases[] = {
    {"1795315396_2.22786.vm,U=1,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,S", ':',
     "uid=1 name_uid=1 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags=S info=1"},
    {"1795315396_3.22786.vm,U=2,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,", ':',
     "uid=2 name_uid=2 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags= info=1"},
    {"1795315396_4.22786.vm,U=3,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,FRab", ':',
     "uid=3 name_uid=3 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags=FRab info=1"},
    // Another folder's FMD5: a new message here.
    {"1795315396_4.22786.vm,U=3,FMD5=7c1a17cbc0c2df1d6e79f1d929b3eadb:2,S", ':',
     "uid=- name_uid=3 fmd5=7c1a17cbc0c2df1d6e79f1d929b3eadb flags=S info=1"},
    // mutt/Dovecot-style names with no info part, with an info part, with ,S= and ,W=.
    {"1700000000.M1P1.myhost", ':', "uid=- name_uid=- fmd5=- flags= info=0"},
    {"1700000000.M1P1.myhost:2,RS", ':', "uid=- name_uid=- fmd5=- flags=RS info=1"},
    {"1700000000.M20P30.host,S=123,W=456:2,S", ':', "uid=- name_uid=- fmd5=- flags=S info=1"},
    {"1700000000.M20P30.host,S=123,W=456:2,FS", ':', "uid=- name_uid=- fmd5=- flags=FS info=1"},
    // mbsync writes ,U= without FMD5: not ours.
    {"1700000000.12345_1.myhost,U=17:2,S", ':', "uid=- name_uid=17 fmd5=- flags=S info=1"},
    // The first ,U= followed by a digit counts; leading zeros are fine.
    {"x,U=,U=42,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,T", ':',
     "uid=42 name_uid=42 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags=T info=1"},
    {"x,FMD5=7e33429f656f1e6e9d79b29c3f82c57e,U=007:2,D", ':',
     "uid=7 name_uid=7 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags=D info=1"},
    // Beyond 32 bits: treated as no UID (offlineimap would keep 99999999999; QUIRKS.md).
    {"x,U=99999999999,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,S", ':',
     "uid=- name_uid=- fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags=S info=1"},
    // Flags: the first info part, word characters only.
    {"x:2,S:2,F", ':', "uid=- name_uid=- fmd5=- flags=S info=1"},
    {"x:2,S.extra", ':', "uid=- name_uid=- fmd5=- flags=S info=1"},
    {"x:2,S\xc3\xa9\xc2\xb7z", ':', "uid=- name_uid=- fmd5=- flags=S\xc3\xa9 info=1"},
    {"x:2,S\xffz", ':', "uid=- name_uid=- fmd5=- flags=S info=1"},
    {"x:1,S", ':', "uid=- name_uid=- fmd5=- flags= info=0"},
    {"x:2,_9", ':', "uid=- name_uid=- fmd5=- flags=9_ info=1"},
    // maildir-windows-compatible: only "!2," is an info part.
    {"x,U=5,FMD5=7e33429f656f1e6e9d79b29c3f82c57e!2,S", '!',
     "uid=5 name_uid=5 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags=S info=1"},
    {"x,U=5,FMD5=7e33429f656f1e6e9d79b29c3f82c57e!2,S", ':',
     "uid=5 name_uid=5 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags= info=0"},
    {"1795315396_2.22786.vm,U=1,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,S", '!',
     "uid=1 name_uid=1 fmd5=7e33429f656f1e6e9d79b29c3f82c57e flags= info=0"},
    {"1700000000.M1P1.myhost:2,RS", '!', "uid=- name_uid=- fmd5=- flags= info=0"},
    // An FMD5 with no hex digits after it.
    {"x,U=1,FMD5=:2,S", ':', "uid=- name_uid=1 fmd5= flags=S info=1"},
};

TEST(ParseFilename, MatchesOfflineimap) {
    for (const auto& c : kParseCases) {
        EXPECT_EQ(dump(parse_filename(c.name, kInbox, c.sep)), c.expected) << c.name;
    }
}

TEST(FormatFilename, OfflineimapShape) {
    NewName parts{.time = 1795315396,
                  .seq = 2,
                  .pid = 22786,
                  .host = "vm",
                  .uid = 1,
                  .fmd5 = kInbox,
                  .flags = "S",
                  .info_sep = ':'};
    EXPECT_EQ(format_filename(parts),
              "1795315396_2.22786.vm,U=1,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,S");
    parts.flags = "";
    EXPECT_EQ(format_filename(parts),
              "1795315396_2.22786.vm,U=1,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,");
    parts.flags = "bSaRF";
    parts.info_sep = '!';
    EXPECT_EQ(format_filename(parts),
              "1795315396_2.22786.vm,U=1,FMD5=7e33429f656f1e6e9d79b29c3f82c57e!2,FRSab");
}

TEST(FormatFilename, SlashInHostBecomesDash) {
    NewName parts{.time = 1,
                  .seq = 0,
                  .pid = 7,
                  .host = "a/b:c,d",
                  .uid = 9,
                  .fmd5 = "f",
                  .flags = "",
                  .info_sep = ':'};
    EXPECT_EQ(format_filename(parts), "1_0.7.a-b:c,d,U=9,FMD5=f:2,");
}

TEST(FormatFilename, EveryFlagCombinationRoundTrips) {
    const std::string letters = "DFPRSTab";
    for (unsigned mask = 0; mask < 256; ++mask) {
        std::string flags;
        for (unsigned i = 0; i < letters.size(); ++i) {
            if (mask & (1u << i))
                flags = letters[i] + flags;  // unsorted on purpose
        }
        for (char sep : {':', '!'}) {
            NewName parts{.time = 1700000000,
                          .seq = mask,
                          .pid = 1,
                          .host = "h",
                          .uid = mask + 1,
                          .fmd5 = kInbox,
                          .flags = flags,
                          .info_sep = sep};
            std::string name = format_filename(parts);
            ParsedName parsed = parse_filename(name, kInbox, sep);
            EXPECT_EQ(parsed.uid, mask + 1) << name;
            EXPECT_EQ(parsed.flags, normalize_flags(flags)) << name;
            EXPECT_TRUE(name.ends_with(std::string(1, sep) + "2," + normalize_flags(flags)));
        }
    }
}

struct RenameCase {
    const char* name;
    const char* flags;
    char sep;
    const char* expected;
};

// Expected names computed with offlineimap3's savemessageflags code.
const RenameCase kRenameCases[] = {
    {"1795315396_3.22786.vm,U=2,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,", "S", ':',
     "1795315396_3.22786.vm,U=2,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,S"},
    {"1700000000.M1P1.myhost", "SF", ':', "1700000000.M1P1.myhost:2,FS"},
    {"1700000000.M20P30.host,S=123,W=456:2,S", "", ':', "1700000000.M20P30.host,S=123,W=456:2,"},
    {"x:2,S.extra", "FS", ':', "x:2,S.e:2,FS"},
    {"x:2,S\xc3\xa9\xc2\xb7z", "R", ':', "x:2:2,R"},
    {"x,U=5,FMD5=abc!2,S", "TS", '!', "x,U=5,FMD5=abc!2,ST"},
    {"x:2,S", "ST", '!', "x:2,S!2,ST"},
    {"\xc3\xa9\xff:2,S\xc3\xa9", "baF", ':', "\xc3\xa9\xff:2,Fab"},
};

TEST(RenameForFlags, MatchesOfflineimap) {
    for (const auto& c : kRenameCases) {
        EXPECT_EQ(rename_for_flags(c.name, c.flags, c.sep), c.expected) << c.name;
    }
}

TEST(SubdirForFlags, SeenMeansCur) {
    EXPECT_EQ(subdir_for_flags(""), "new");
    EXPECT_EQ(subdir_for_flags("FR"), "new");
    EXPECT_EQ(subdir_for_flags("S"), "cur");
    EXPECT_EQ(subdir_for_flags("DFPRSTab"), "cur");
    EXPECT_EQ(subdir_for_flags("s"), "new");
}

TEST(SequenceCounter, CountsPerTimeValue) {
    SequenceCounter counter;
    EXPECT_EQ(counter.next(100), 0u);
    EXPECT_EQ(counter.next(100), 1u);
    EXPECT_EQ(counter.next(101), 0u);
    EXPECT_EQ(counter.next(100), 2u);
    EXPECT_EQ(counter.next(101), 1u);
}

}  // namespace
}  // namespace oimap::maildir
