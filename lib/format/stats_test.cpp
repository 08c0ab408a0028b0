// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/stats.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"

namespace oimap::format {
namespace {

TEST(Stats, RoundTripsEveryRecord) {
    std::stringstream text;
    StatsWriter writer(text);
    writer.meta("tool", "sync-apply 0.1.0");
    writer.session({.round_trips = 7, .bytes_sent = 300, .bytes_received = 4000});
    writer.folder({.folder = "A\tB", .wall_us = 1500, .traffic = {2, 30, 400}, .cpu_us = 900});
    writer.finish();
    EXPECT_EQ(text.str(),
              "#oimap\tstats\t1\n#tool\tsync-apply 0.1.0\nsession\t7\t300\t4000\n"
              "folder\tA%09B\t1500\t2\t30\t400\t900\n#end\t2\n");
    StatsReader reader(text, "stats");
    auto session = std::get<SessionStats>(*reader.next());
    EXPECT_EQ(session.round_trips, 7u);
    EXPECT_EQ(session.bytes_received, 4000u);
    auto folder = std::get<FolderStats>(*reader.next());
    EXPECT_EQ(folder.folder, "A\tB");
    EXPECT_EQ(folder.wall_us, 1500u);
    EXPECT_EQ(folder.traffic.bytes_sent, 30u);
    EXPECT_EQ(folder.cpu_us, 900u);
    EXPECT_FALSE(reader.next());
}

TEST(Stats, RefusesUnknownRecordsAndShortOnes) {
    std::istringstream unknown("#oimap\tstats\t1\nwhat\t1\n#end\t1\n");
    StatsReader a(unknown, "s");
    EXPECT_THROW(a.next(), FormatError);
    std::istringstream short_session("#oimap\tstats\t1\nsession\t1\t2\n#end\t1\n");
    StatsReader b(short_session, "s");
    EXPECT_THROW(b.next(), FormatError);
}

}  // namespace
}  // namespace oimap::format
