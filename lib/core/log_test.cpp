// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/log.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace oimap::log {
namespace {

TEST(Sanitize, EscapesControlBytesOnly) {
    EXPECT_EQ(sanitize("a\x1b[2Jb\n"), "a%1B[2Jb%0A");
    EXPECT_EQ(sanitize("Entw\xc3\xbcrfe \\Seen"), "Entw\xc3\xbcrfe \\Seen");
    EXPECT_EQ(sanitize("\x7f"), "%7F");
}

TEST(EnableCategories, UnknownNameIsUsageErrorNamingIt) {
    try {
        enable_categories("imap,bogus");
        FAIL() << "no exception";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("'bogus'"), std::string::npos);
    }
}

TEST(EnableCategories, ImapAllImpliesImap) {
    enable_categories("imap-all");
    EXPECT_TRUE(enabled(Category::kImap));
    EXPECT_TRUE(enabled(Category::kImapAll));
}

}  // namespace
}  // namespace oimap::log
