// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/local_state.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"

namespace oimap::format {
namespace {

const char kExample[] =
    "#oimap\tlocal-state\t1\n"
    "#root\t/home/u/Mail\n"
    "folder\tMy Folder%09x\t2\n"
    "msg\tMy Folder%09x\t7\t7e33429f656f1e6e9d79b29c3f82c57e\tFS\tab\t310\t1700000000\tcur\t"
    "1700000000_0.1.h,U=7,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,FSab\n"
    "msg\tMy Folder%09x\t\t\t\t\t12\t1700000001\tnew\t1700000001.M1P2.host\n"
    "#end\t3\n";

TEST(LocalState, WriterAndReaderAgreeOnTheDocumentedExample) {
    std::ostringstream out;
    LocalStateWriter writer(out);
    writer.meta("root", "/home/u/Mail");
    writer.folder({.name = "My Folder\tx", .messages = 2});
    writer.message({.folder = "My Folder\tx", .uid = 7, .fmd5 = "7e33429f656f1e6e9d79b29c3f82c57e",
                    .flags = "FS", .keywords = "ab", .size = 310, .mtime = 1700000000,
                    .subdir = "cur",
                    .file_name = "1700000000_0.1.h,U=7,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,FSab"});
    writer.message({.folder = "My Folder\tx", .size = 12, .mtime = 1700000001, .subdir = "new",
                    .file_name = "1700000001.M1P2.host"});
    writer.finish();
    EXPECT_EQ(out.str(), kExample);

    std::istringstream in(kExample);
    LocalStateReader reader(in, "l");
    EXPECT_EQ(std::get<LocalFolder>(*reader.next()).name, "My Folder\tx");
    auto first = std::get<LocalMessage>(*reader.next());
    EXPECT_EQ(first.uid, 7u);
    EXPECT_EQ(first.keywords, "ab");
    auto second = std::get<LocalMessage>(*reader.next());
    EXPECT_EQ(second.uid, 0u);
    EXPECT_EQ(second.subdir, "new");
    EXPECT_FALSE(reader.next());
}

std::string error_of(const std::string& body) {
    std::istringstream in("#oimap\tlocal-state\t1\nfolder\tA\t1\n" + body + "#end\t2\n");
    try {
        LocalStateReader reader(in, "l");
        while (reader.next()) {
        }
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(LocalState, RejectsUnsafeOrMalformedMessages) {
    EXPECT_EQ(error_of("msg\tA\t\t\t\t\t1\t1\ttmp\tx\n"), "l:3: subdir must be 'new' or 'cur', got 'tmp'");
    EXPECT_EQ(error_of("msg\tA\t\t\t\t\t1\t1\tcur\t../x\n"), "l:3: invalid file name '../x'");
    EXPECT_EQ(error_of("msg\tA\t\t\t\t\t1\t1\tcur\t..\n"), "l:3: invalid file name '..'");
    EXPECT_EQ(error_of("msg\tA\t0\t\t\t\t1\t1\tcur\tx\n"),
              "l:3: 'msg' field 3 (uid): a UID is never 0; leave the field empty");
    EXPECT_EQ(error_of("msg\tA\t\t\t\t\t1\t-5\tcur\tx\n"), "no error");
}

TEST(LocalState, FolderFactsAndNoneListingRoundTrip) {
    std::ostringstream out;
    LocalStateWriter writer(out);
    writer.folder({.name = "A", .messages = 0, .new_mtime_ns = 11, .cur_mtime_ns = 12,
                   .scanned_ns = 13, .listed = false});
    writer.folder({.name = "B", .messages = 0, .new_mtime_ns = 21, .cur_mtime_ns = 22,
                   .scanned_ns = 23});
    writer.finish();
    EXPECT_EQ(out.str(),
              "#oimap\tlocal-state\t1\nfolder\tA\t0\t11\t12\t13\tnone\n"
              "folder\tB\t0\t21\t22\t23\tfull\n#end\t2\n");
    std::istringstream in(out.str());
    LocalStateReader reader(in, "l");
    auto a = std::get<LocalFolder>(*reader.next());
    EXPECT_FALSE(a.listed);
    EXPECT_EQ(a.new_mtime_ns, 11);
    EXPECT_EQ(a.cur_mtime_ns, 12);
    EXPECT_EQ(a.scanned_ns, 13);
    auto b = std::get<LocalFolder>(*reader.next());
    EXPECT_TRUE(b.listed);
    EXPECT_EQ(b.scanned_ns, 23);
}

TEST(LocalState, NoneFolderWithMessagesIsRejected) {
    std::istringstream in("#oimap\tlocal-state\t1\nfolder\tA\t1\t1\t2\t3\tnone\n#end\t1\n");
    LocalStateReader reader(in, "l");
    EXPECT_THROW(reader.next(), FormatError);
}

}  // namespace
}  // namespace oimap::format
