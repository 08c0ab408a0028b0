// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/mapped_listing.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/test_dir.hpp"

namespace oimap::sync {
namespace {

RemoteFolderListing folder(const std::string& name, std::vector<format::RemoteMessage> messages,
                           const std::string& attributes = "\\HasNoChildren") {
    RemoteFolderListing f;
    f.folder = {.name = name,
                .delimiter = ".",
                .attributes = attributes,
                .uid_validity = 7,
                .uid_next = 100,
                .exists = static_cast<uint32_t>(messages.size())};
    for (auto& m : messages)
        m.folder = name;
    f.messages = std::move(messages);
    return f;
}

std::string parse_journal_round_trip(const DeliveryJournal& journal) {
    TestDir dir;
    fs::replace_file_atomically(dir / "j", format_delivery_journal(journal), false);
    auto back = read_delivery_journal(dir / "j");
    return back ? format_delivery_journal(*back) : "";
}

MappedListingOptions options(std::map<std::string, status::UidMap> maps) {
    return {
        .load_map =
            [maps](const std::string& f) { return maps.count(f) ? maps.at(f) : status::UidMap{}; },
        .fmd5 = [](const std::string& f) { return "md5-of-" + f; }};
}

TEST(MappedListing, MappedMessagesCarryTheRemoteUid) {
    RemoteListing local;
    local.folders.push_back(
        folder("INBOX", {{.uid = 3,
                          .flags = "\\Seen \\Flagged $Label1 \\Recent",
                          .size = 120,
                          .internal_date = 1700000000},
                         {.uid = 5, .flags = "", .size = 80, .internal_date = 1700000100}}));
    auto out = mapped_local_listing(local, options({{"INBOX", {{3, 41}, {4, 42}}}}));
    ASSERT_EQ(out.folders.size(), 1u);
    const auto& f = out.folders[0];
    EXPECT_EQ(f.folder.name, "INBOX");
    EXPECT_EQ(f.folder.messages, 2u);
    ASSERT_EQ(f.messages.size(), 2u);
    // Local UID 3 is remote UID 41; keywords and \Recent are not carried (spec §5.12).
    EXPECT_EQ(f.messages[0].uid, 41u);
    EXPECT_EQ(f.messages[0].fmd5, "md5-of-INBOX");
    EXPECT_EQ(f.messages[0].flags, "FS");
    EXPECT_EQ(f.messages[0].keywords, "");
    EXPECT_EQ(f.messages[0].size, 120u);
    EXPECT_EQ(f.messages[0].mtime, 1700000000);
    EXPECT_EQ(f.messages[0].subdir, "cur");
    EXPECT_EQ(f.messages[0].file_name, "L3,U=41");
    // Local UID 5 has no mapping: new local mail (offlineimap's negative UID), uploaded.
    EXPECT_EQ(f.messages[1].uid, 0u);
    EXPECT_EQ(f.messages[1].fmd5, "");
    EXPECT_EQ(f.messages[1].file_name, "L5");
}

TEST(MappedListing, UnselectableFoldersAreLeftOut) {
    RemoteListing local;
    local.folders.push_back(folder("A", {}, "\\Noselect \\HasChildren"));
    local.folders.push_back(folder("A.b", {}));
    local.folders.push_back(folder("Gone", {}, "\\NonExistent"));
    auto out = mapped_local_listing(local, options({}));
    ASSERT_EQ(out.folders.size(), 1u);
    EXPECT_EQ(out.folders[0].folder.name, "A.b");
}

TEST(MappedListing, AnIncrementalListingIsRefused) {
    RemoteListing local;
    local.folders.push_back(folder("INBOX", {}));
    local.folders[0].folder.listing = format::Listing::kChanges;
    try {
        mapped_local_listing(local, options({}));
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_STREQ(e.what(),
                     "cannot use the listing of local folder 'INBOX': it is 'changes', a local "
                     "IMAP repository needs a full listing");
    }
}

TEST(MappedListing, FileNamesRoundTrip) {
    EXPECT_EQ(mapped_file_name(17), "L17");
    EXPECT_EQ(mapped_file_name(17, 5), "L17,U=5");
    auto unmapped = parse_mapped_name("cur/L17");
    ASSERT_TRUE(unmapped);
    EXPECT_EQ(unmapped->local_uid, 17u);
    EXPECT_EQ(unmapped->remote_uid, 0u);
    auto mapped = parse_mapped_name("cur/L17,U=5");
    ASSERT_TRUE(mapped);
    EXPECT_EQ(mapped->local_uid, 17u);
    EXPECT_EQ(mapped->remote_uid, 5u);
    for (const char* bad :
         {"cur/L0", "new/L17", "cur/17", "cur/L17x", "cur/L17,U=0", "cur/L17,U=", "cur/L,U=5"})
        EXPECT_FALSE(parse_mapped_name(bad)) << bad;
}

TEST(MappedListing, AJournalMapsTheMessagesItProves) {
    // Remote 7 and 8 were appended (sizes 50, 60) at or above local UID 10; local 11 is another
    // client's message of another size, local 9 is older than the batch.
    DeliveryJournal journal{.floor = 10, .entries = {{7, 50}, {8, 60}, {9, 70}}};
    std::map<uint32_t, uint64_t> sizes{{9, 50}, {10, 50}, {11, 99}, {12, 60}};
    auto pairs = resolve_delivery_journal(journal, sizes, {{3, 1}});
    EXPECT_EQ(pairs, (std::vector<std::pair<uint32_t, uint32_t>>{{10, 7}, {12, 8}}));
    // An entry already mapped is not mapped twice.
    EXPECT_EQ(resolve_delivery_journal(journal, sizes, {{10, 7}}),
              (std::vector<std::pair<uint32_t, uint32_t>>{{12, 8}}));
    EXPECT_EQ(parse_journal_round_trip(journal), format_delivery_journal(journal));
}

}  // namespace
}  // namespace oimap::sync
