// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/remote_state.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"

namespace oimap::format {
namespace {

const char kExample[] =
    "#oimap\tremote-state\t1\n"
    "#host\t127.0.0.1\n"
    "folder\tEntw&APw-rfe\t/\t\\HasNoChildren\t1712000001\t18\t0\t1\tfull\t0\n"
    "msg\tEntw&APw-rfe\t17\t\\Seen $Forwarded\t5123\t1712345678\t0\n"
    "folder\tINBOX\t/\t\\HasChildren\t1712345678\t4215\t9021\t0\tchanges\t9000\n"
    "vanished\tINBOX\t4100:4102,4110\n"
    "#end\t4\n";

TEST(RemoteState, WriterProducesTheDocumentedExample) {
    std::ostringstream out;
    RemoteStateWriter writer(out);
    writer.meta("host", "127.0.0.1");
    writer.folder({.name = "Entw&APw-rfe", .delimiter = "/", .attributes = "\\HasNoChildren",
                   .uid_validity = 1712000001, .uid_next = 18, .exists = 1});
    writer.message({.folder = "Entw&APw-rfe", .uid = 17, .flags = "\\Seen $Forwarded",
                    .size = 5123, .internal_date = 1712345678});
    writer.folder({.name = "INBOX", .delimiter = "/", .attributes = "\\HasChildren",
                   .uid_validity = 1712345678, .uid_next = 4215, .highest_modseq = 9021,
                   .listing = Listing::kChanges, .since_modseq = 9000});
    writer.vanished({.folder = "INBOX", .uid_set = "4100:4102,4110"});
    writer.finish();
    EXPECT_EQ(out.str(), kExample);
}

TEST(RemoteState, ReaderReturnsTypedRecords) {
    std::istringstream in(kExample);
    RemoteStateReader reader(in, "x");
    auto folder = std::get<RemoteFolder>(*reader.next());
    EXPECT_EQ(folder.name, "Entw&APw-rfe");
    EXPECT_EQ(folder.uid_validity, 1712000001u);
    auto msg = std::get<RemoteMessage>(*reader.next());
    EXPECT_EQ(msg.uid, 17u);
    EXPECT_EQ(msg.flags, "\\Seen $Forwarded");
    EXPECT_EQ(msg.internal_date, 1712345678);
    auto inbox = std::get<RemoteFolder>(*reader.next());
    EXPECT_EQ(inbox.listing, Listing::kChanges);
    EXPECT_EQ(inbox.since_modseq, 9000u);
    EXPECT_EQ(std::get<RemoteVanished>(*reader.next()).uid_set, "4100:4102,4110");
    EXPECT_FALSE(reader.next());
}

std::string error_of(const std::string& body, int records) {
    std::istringstream in("#oimap\tremote-state\t1\n" + body + "#end\t" + std::to_string(records) + "\n");
    try {
        RemoteStateReader reader(in, "r");
        while (reader.next()) {
        }
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(RemoteState, RejectsBadRecords) {
    const std::string inbox = "folder\tINBOX\t/\t\t1\t2\t0\t1\tfull\t0\n";
    EXPECT_EQ(error_of("msg\tINBOX\t1\t\t1\t1\t0\n", 1),
              "r:2: 'msg' record for folder 'INBOX' is not under that folder's record");
    EXPECT_EQ(error_of(inbox + "msg\tINBOX\t2\t\t1\t1\t0\nmsg\tINBOX\t2\t\t1\t1\t0\n", 3),
              "r:4: uid 2 out of order or zero (after 2)");
    EXPECT_EQ(error_of(inbox + "msg\tINBOX\tx\t\t1\t1\t0\n", 2),
              "r:3: 'msg' field 3 (uid): expected a number, got 'x'");
    EXPECT_EQ(error_of(inbox + "msg\tINBOX\t1\t\t1\n", 2), "r:3: 'msg' record needs 7 fields, got 5");
    EXPECT_EQ(error_of(inbox + inbox, 2), "r:3: folder 'INBOX' out of order (after 'INBOX')");
    EXPECT_EQ(error_of("folder\tA\t/\t\t1\t2\t0\t1\tsome\t0\n", 1),
              "r:2: unknown listing 'some' (expected full, changes or none)");
    EXPECT_EQ(error_of("mesage\tA\n", 1), "r:2: unknown record type 'mesage'");
}

TEST(RemoteState, AcceptsExtraTrailingFields) {
    EXPECT_EQ(error_of("folder\tA\t/\t\t1\t2\t0\t1\tfull\t0\tfuture\n", 1), "no error");
}

}  // namespace
}  // namespace oimap::format
