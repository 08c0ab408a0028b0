// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/machine.hpp"

#include <gtest/gtest.h>

namespace oimap::ui {
namespace {

TEST(QuotePlus, QuotesAsPythonUrlencode) {
    EXPECT_EQ(quote_plus("Folder INBOX [acc: Test]"), "Folder+INBOX+%5Bacc%3A+Test%5D");
    EXPECT_EQ(quote_plus("a/b\nc_d.e-f~"), "a%2Fb%0Ac_d.e-f~");
    EXPECT_EQ(quote_plus("\xc3\xa9"), "%C3%A9");
}

TEST(MachineRecord, MatchesTheVerifiedExample) {
    EXPECT_EQ(machine_record("msg", "syncingfolder", "Folder INBOX [acc: Test]",
                             "IMAP\nINBOX\nMaildir\nINBOX\n"),
              "msg:syncingfolder:Folder+INBOX+%5Bacc%3A+Test%5D:IMAP%0AINBOX%0AMaildir%0AINBOX%0A");
    EXPECT_EQ(machine_record("msg", "terminate", "MainThread", "0\n\n"),
              "msg:terminate:MainThread:0%0A%0A");
}

}  // namespace
}  // namespace oimap::ui
