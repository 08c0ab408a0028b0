// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/md5.hpp"

#include <gtest/gtest.h>

namespace oimap::maildir {
namespace {

TEST(Md5, Rfc1321TestSuite) {
    EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
    EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
    EXPECT_EQ(md5_hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
    EXPECT_EQ(md5_hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
              "d174ab98d277d9f5a5611c2c9f419d9f");
    EXPECT_EQ(md5_hex("1234567890123456789012345678901234567890123456789012345678901234567890"
                      "1234567890"),
              "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5, PaddingBoundaries) {
    EXPECT_EQ(md5_hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
    EXPECT_EQ(md5_hex(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
}

TEST(FolderMd5, MatchesOfflineimapFolders) {
    // Values from a real offlineimap3 run (spec Appendix A) and Python's hashlib.
    EXPECT_EQ(folder_md5("INBOX"), "7e33429f656f1e6e9d79b29c3f82c57e");
    EXPECT_EQ(folder_md5("Archive.2023"), "7c1a17cbc0c2df1d6e79f1d929b3eadb");
    EXPECT_EQ(folder_md5("Archive/2023"), "66aa22ecfe38d39f0754fa7a5d49dd2a");
    EXPECT_EQ(folder_md5("G&AOQ-ste"), "81dfa59b41e8307865c55e2250d1a7f9");
    EXPECT_EQ(folder_md5("My Stuff"), "efe876cb0b945e6fc65bac160014727f");
    EXPECT_EQ(folder_md5("G\xc3\xa4ste"), "6e0a3a1e0ece32ec07dc2eeed2140578");
}

}  // namespace
}  // namespace oimap::maildir
