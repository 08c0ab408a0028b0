// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/folder_pairing.hpp"

#include <gtest/gtest.h>

#include "sync/planner_test_util.hpp"

namespace oimap::sync {
namespace {

using testing::World;

TEST(FolderNames, BasenameRule) {
    EXPECT_EQ(status_basename(""), "dot");
    EXPECT_EQ(status_basename("."), "dot");
    EXPECT_EQ(status_basename("Archive/2023"), "Archive.2023");
    EXPECT_EQ(status_basename("a.b"), "a.b");
}

TEST(FolderNames, ReplaceSeparator) {
    EXPECT_EQ(replace_separator("a/b/c", "/", "."), "a.b.c");
    EXPECT_EQ(replace_separator("a/b", "", "."), "a/b");
    EXPECT_EQ(replace_separator("a::b", "::", "/"), "a/b");
}

// One line per entry: "remote|local|status|created-local|created-remote|skip reason".
std::vector<std::string> entries(World& w) {
    FolderPlan plan = pair_folders(w.remote, w.local, w.options);
    std::vector<std::string> out;
    for (const auto& op : plan.creates)
        out.push_back(std::string(format::op_kind_name(op.kind)) + " " + op.folder);
    for (const auto& e : plan.entries)
        out.push_back(e.remote_name + "|" + e.local_name + "|" + e.status_name + "|" +
                      (e.created_local ? "L" : "") + (e.created_remote ? "R" : "") + "|" +
                      (e.skip ? e.skip->reason : ""));
    return out;
}

TEST(PairFolders, DotSeparatorMapsRemoteHierarchy) {
    World w;
    w.rfolder("INBOX");
    w.rfolder("Archive/2023");
    w.lf("INBOX");
    EXPECT_EQ(entries(w), (std::vector<std::string>{"create-local-folder Archive.2023",
                                                    "Archive/2023|Archive.2023|Archive.2023|L|",
                                                    "INBOX|INBOX|INBOX||"}));
    auto plan = pair_folders(w.remote, w.local, w.options);
    EXPECT_EQ(plan.entries[0].fmd5, maildir::folder_md5("Archive.2023"));
}

TEST(PairFolders, SlashSeparatorKeepsHierarchyAndStatusUsesDots) {
    World w;
    w.options.local_sep = '/';
    w.rfolder("Archive.2023", ".");
    w.lf("Archive/2023");
    EXPECT_EQ(entries(w), (std::vector<std::string>{"Archive.2023|Archive/2023|Archive.2023||"}));
    auto plan = pair_folders(w.remote, w.local, w.options);
    EXPECT_EQ(plan.entries[0].fmd5, maildir::folder_md5("Archive/2023"));
}

TEST(PairFolders, LocalOnlyFolderIsCreatedOnTheRemoteWithItsDelimiter) {
    World w;
    w.rfolder("INBOX", ".");
    w.lf("INBOX");
    w.options.local_sep = '/';
    w.lf("Lists/dev");
    EXPECT_EQ(entries(w),
              (std::vector<std::string>{"create-remote-folder Lists.dev", "INBOX|INBOX|INBOX||",
                                        "Lists.dev|Lists/dev|Lists.dev|R|"}));
}

TEST(PairFolders, CreateFoldersOffOrReadOnlyBlocksCreation) {
    for (int variant = 0; variant < 2; ++variant) {
        World w;
        w.rfolder("Sent");
        w.lf("Drafts");
        if (variant == 0) {
            w.options.create_local_folders = false;
            w.options.create_remote_folders = false;
        } else {
            w.options.local_readonly = true;
            w.options.remote_readonly = true;
        }
        EXPECT_EQ(entries(w), (std::vector<std::string>{"Sent|Sent|Sent||no-local-folder"}));
    }
}

TEST(PairFolders, LocalSeparatorInsideARemoteNameIsRefused) {
    World w;
    w.rfolder("dot.name");
    w.lf("dot.name");
    auto plan = pair_folders(w.remote, w.local, w.options);
    EXPECT_EQ(entries(w), (std::vector<std::string>{"dot.name|dot.name|dot.name||separator"}));
    EXPECT_EQ(plan.warnings, std::vector<std::string>{
                                 "Ignoring folder 'dot.name' due to unsupported '.' character "
                                 "serving as local separator."});
}

TEST(PairFolders, NamesSharingAStateFileAreRefused) {
    World w;
    w.options.local_sep = '/';
    w.rfolder("a.b");
    w.rfolder("a/b");
    auto lines = entries(w);
    EXPECT_EQ(lines,
              (std::vector<std::string>{"a.b|a.b|a.b||collision", "a/b|a/b|a.b||collision"}));
}

TEST(PairFolders, NoselectFoldersAndFilteredFoldersAreLeftOut) {
    World w;
    w.rfolder("Public").folder.attributes = "\\HasChildren \\NoSelect";
    w.rfolder("Spam");
    w.rfolder("INBOX");
    w.lf("INBOX");
    w.options.remote_filter = [](const std::string& name) { return name != "Spam"; };
    EXPECT_EQ(entries(w), (std::vector<std::string>{"INBOX|INBOX|INBOX||"}));
}

TEST(PairFolders, ARemoteFolderNamedCurIsRefused) {
    World w;
    w.rfolder("cur");
    EXPECT_EQ(entries(w), (std::vector<std::string>{"cur|cur|cur||invalid-name"}));
}

TEST(PairFolders, NametransIsAppliedBothWays) {
    World w;
    w.rfolder("INBOX.Sent", ".");
    w.lf("Drafts");
    w.options.local_sep = '/';
    w.options.remote_nametrans = [](const std::string& n) {
        return n.rfind("INBOX.", 0) == 0 ? n.substr(6) : n;
    };
    EXPECT_EQ(entries(w),
              (std::vector<std::string>{"create-local-folder Sent", "create-remote-folder Drafts",
                                        "Drafts|Drafts|Drafts|R|", "INBOX.Sent|Sent|Sent|L|"}));
}

TEST(PairFolders, NametransLoopIsRefused) {
    World w;
    w.rfolder("INBOX");
    w.lf("INBOX");
    w.lf("Drafts");
    w.options.remote_nametrans = [](const std::string& n) { return n == "INBOX" ? n : "old." + n; };
    auto plan = pair_folders(w.remote, w.local, w.options);
    EXPECT_EQ(entries(w), (std::vector<std::string>{"INBOX|INBOX|INBOX||"}));
    EXPECT_EQ(plan.warnings,
              std::vector<std::string>{
                  "INFINITE FOLDER CREATION DETECTED! Folder 'Drafts' (repository "
                  "'Local') would be created as folder 'Drafts' (repository 'Remote'). "
                  "The latter becomes 'old.Drafts' in return, leading to infinite "
                  "folder creation cycles."});
}

TEST(PairFolders, FoldersAreVisitedCaseInsensitively) {
    World w;
    for (const char* name : {"INBOX", "Zeta", "archive"}) {
        w.rfolder(name);
        w.lf(name);
    }
    EXPECT_EQ(entries(w), (std::vector<std::string>{"archive|archive|archive||",
                                                    "INBOX|INBOX|INBOX||", "Zeta|Zeta|Zeta||"}));
}

}  // namespace
}  // namespace oimap::sync
