// SPDX-License-Identifier: GPL-2.0-or-later
// The planner with incremental listings (doc/planner.md "Incremental listings").
#include <gtest/gtest.h>

#include "sync/planner.hpp"
#include "sync/planner_test_util.hpp"

namespace oimap::sync {
namespace {

using testing::World;

// Counts the folders whose rows were read.
class CountingState : public MemoryStateSource {
public:
    std::vector<StatusRow> status_rows(const std::string& name) override {
        ++reads;
        return MemoryStateSource::status_rows(name);
    }
    int reads = 0;
};

// INBOX with messages 1 and 2 (flag S on 1), in sync on both sides.
World synced() {
    World w;
    w.rmsg("INBOX", 1, "\\Seen");
    w.rmsg("INBOX", 2, "");
    w.lmsg("INBOX", 1, "S");
    w.lmsg("INBOX", 2, "");
    w.status("INBOX", {{1, "S"}, {2, ""}});
    return w;
}

void remote_none(World& w) {
    auto& f = w.rf("INBOX");
    f.messages.clear();
    f.folder.listing = format::Listing::kNone;
}

void local_none(World& w) {
    auto& f = w.lf("INBOX");
    f.messages.clear();
    f.folder.messages = 0;
    f.folder.listed = false;
}

PlanResult run_counting(World& w, CountingState& state) {
    for (auto& [name, rows] : w.state.all_rows())
        state.set_rows(name, rows);
    return make_plan(w.remote, w.local, state, w.options);
}

TEST(PlannerIncremental, UnchangedOnBothSidesIsUpToDateWithoutReadingRows) {
    World w = synced();
    remote_none(w);
    local_none(w);
    CountingState state;
    PlanResult result = run_counting(w, state);
    EXPECT_EQ(World::lines_of(result),
              std::vector<std::string>{"skip|INBOX|INBOX|up-to-date|Syncing INBOX: unchanged since the last sync"});
    EXPECT_EQ(state.reads, 0);
    EXPECT_TRUE(result.settled.empty());
}

TEST(PlannerIncremental, LocalNoneIsReadAgainWhenTheRemoteChanged) {
    World w = synced();
    w.rf("INBOX").folder.listing = format::Listing::kChanges;
    w.rf("INBOX").messages = {{.folder = "INBOX", .uid = 2, .flags = "\\Flagged", .size = 100}};
    std::vector<format::LocalMessage> files = w.lf("INBOX").messages;
    local_none(w);
    int rescans = 0;
    w.options.local_rescan = [&](const std::string& folder) {
        ++rescans;
        EXPECT_EQ(folder, "INBOX");
        return files;
    };
    auto lines = w.lines();
    EXPECT_EQ(rescans, 1);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].substr(0, 29), "op|set-local-flags|INBOX|2|ne");
}

TEST(PlannerIncremental, LocalNoneWithoutRescanIsSkipped) {
    World w = synced();
    local_none(w);
    auto result = w.run();
    ASSERT_EQ(result.items.size(), 1u);
    EXPECT_EQ(std::get<format::FolderSkip>(result.items[0]).reason, "incomplete-listing");
}

TEST(PlannerIncremental, AFolderWithNothingToDoIsSettled) {
    World w = synced();
    auto result = w.run();
    ASSERT_EQ(result.settled.size(), 1u);
    EXPECT_EQ(result.settled[0].status_name, "INBOX");
    EXPECT_EQ(result.settled[0].remote.uid_next, 3u);
    w.rmsg("INBOX", 3, "");  // new on the server: something to do
    EXPECT_TRUE(w.run().settled.empty());
}

TEST(PlannerIncremental, MaxageNeverTakesTheUpToDatePath) {
    World w = synced();
    remote_none(w);
    std::vector<format::LocalMessage> files = w.lf("INBOX").messages;
    local_none(w);
    w.options.maxage_cutoff = 1;
    w.options.local_rescan = [&](const std::string&) { return files; };
    auto lines = w.lines();
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0].substr(0, 10), "pair|INBOX");
}

}  // namespace
}  // namespace oimap::sync
