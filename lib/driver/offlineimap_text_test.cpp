// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver/offlineimap_text.hpp"

#include <gtest/gtest.h>

namespace oimap::driver {
namespace {

// Expected values are Python 3's repr() of the same str.
TEST(PythonRepr, QuotesAndEscapesAsPython) {
    struct Case {
        std::string in, out;
    } cases[] = {
        {"INBOX", "'INBOX'"},
        {"", "''"},
        {"it's", "\"it's\""},
        {"it's \"x\"", "'it\\'s \"x\"'"},
        {"a\\b", "'a\\\\b'"},
        {"t\tn\n", "'t\\tn\\n'"},
        {std::string("\x01\x7f", 2), "'\\x01\\x7f'"},
        {"Entw\xc3\xbcrfe", "'Entw\xc3\xbcrfe'"},
    };
    for (const auto& c : cases)
        EXPECT_EQ(python_repr(c.in), c.out) << c.in;
}

TEST(FolderFilterExpression, SplitsOnCommasOnly) {
    EXPECT_EQ(folder_filter_expression("INBOX"), "lambda f: f in ['INBOX']");
    EXPECT_EQ(folder_filter_expression("INBOX, Sent,"), "lambda f: f in ['INBOX', ' Sent', '']");
}

TEST(UidSequence, CollapsesRuns) {
    EXPECT_EQ(uid_sequence({}), "");
    EXPECT_EQ(uid_sequence({4}), "4");
    EXPECT_EQ(uid_sequence({7, 1, 3, 2, 9, 10}), "1:3,7,9:10");
}

}  // namespace
}  // namespace oimap::driver
