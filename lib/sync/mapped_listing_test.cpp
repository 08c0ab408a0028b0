// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/mapped_listing.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace oimap::sync {
namespace {

RemoteFolderListing folder(const std::string& name, std::vector<format::RemoteMessage> messages,
                           const std::string& attributes = "\\HasNoChildren") {
    RemoteFolderListing f;
    f.folder = {.name = name, .delimiter = ".", .attributes = attributes, .uid_validity = 7,
                .uid_next = 100, .exists = static_cast<uint32_t>(messages.size())};
    for (auto& m : messages) m.folder = name;
    f.messages = std::move(messages);
    return f;
}

MappedListingOptions options(std::map<std::string, status::UidMap> maps) {
    return {.load_map = [maps](const std::string& f) { return maps.count(f) ? maps.at(f) : status::UidMap{}; },
            .fmd5 = [](const std::string& f) { return "md5-of-" + f; }};
}

TEST(MappedListing, MappedMessagesCarryTheRemoteUid) {
    RemoteListing local;
    local.folders.push_back(folder("INBOX", {{.uid = 3, .flags = "\\Seen \\Flagged $Label1 \\Recent",
                                              .size = 120, .internal_date = 1700000000},
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
    EXPECT_EQ(f.messages[0].file_name, "L3");
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
        EXPECT_STREQ(e.what(), "cannot use the listing of local folder 'INBOX': it is 'changes', a local "
                               "IMAP repository needs a full listing");
    }
}

TEST(MappedListing, FileNamesRoundTrip) {
    EXPECT_EQ(mapped_file_name(17), "L17");
    EXPECT_EQ(mapped_local_uid("cur/L17"), 17u);
    EXPECT_EQ(mapped_local_uid("cur/L0"), std::nullopt);
    EXPECT_EQ(mapped_local_uid("new/L17"), std::nullopt);
    EXPECT_EQ(mapped_local_uid("cur/17"), std::nullopt);
    EXPECT_EQ(mapped_local_uid("cur/L17x"), std::nullopt);
}

}  // namespace
}  // namespace oimap::sync
