// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver/mbnames_json.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace oimap::driver {
namespace {

// Expected strings are what Python 3's json.dump writes for the same items.
TEST(MbnamesJson, WritesAsPythonJsonDump) {
    EXPECT_EQ(mbnames_to_json({}), "[]");
    EXPECT_EQ(mbnames_to_json({{"Test", "INBOX", "/home/u/Mail"}, {"T", "Sent", std::nullopt}}),
              "[{\"accountname\": \"Test\", \"foldername\": \"INBOX\", \"localfolders\": "
              "\"/home/u/Mail\"}, {\"accountname\": \"T\", \"foldername\": \"Sent\", "
              "\"localfolders\": null}]");
}

TEST(MbnamesJson, EscapesLikeEnsureAscii) {
    struct Case {
        std::string folder, json;
    } cases[] = {
        {"Entw\xc3\xbcrfe", "Entw\\u00fcrfe"},
        {"a\"b\\c", "a\\\"b\\\\c"},
        {"t\tn\nr\rb\bf\f", "t\\tn\\nr\\rb\\bf\\f"},
        {std::string("x\x01y\x7f", 4), "x\\u0001y\\u007f"},
        {"\xf0\x9f\x93\xa7", "\\ud83d\\udce7"},  // U+1F4E7, a surrogate pair
        {"\xff"
         "a",
         "\\udcffa"},  // not UTF-8: surrogateescape
        {"/&.", "/&."},
    };
    for (const auto& c : cases) {
        std::string json = mbnames_to_json({{"A", c.folder, std::nullopt}});
        EXPECT_EQ(json, "[{\"accountname\": \"A\", \"foldername\": \"" + c.json +
                            "\", \"localfolders\": null}]")
            << c.folder;
        auto back = mbnames_from_json(json, "t.json");
        ASSERT_EQ(back.size(), 1u);
        EXPECT_EQ(back[0].foldername, c.folder);
        EXPECT_FALSE(back[0].localfolders.has_value());
    }
}

TEST(MbnamesJson, ReadsOtherLayoutsAndIgnoresUnknownKeys) {
    auto items = mbnames_from_json(
        " [ {\"foldername\":\"F\" , \"x\": \"y\",\"accountname\":\"A\",\"localfolders\":\"\\/r\"} "
        "]\n",
        "t.json");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].accountname, "A");
    EXPECT_EQ(items[0].foldername, "F");
    EXPECT_EQ(items[0].localfolders, "/r");
}

TEST(MbnamesJson, RejectsWhatIsNotAListOfObjects) {
    for (std::string bad :
         {"", "{}", "[1]", "[{\"accountname\": 1}]", "[{}", "[{}] x", "[{\"a\": \"\\u12\"}]"}) {
        EXPECT_THROW(mbnames_from_json(bad, "t.json"), FormatError) << bad;
    }
    try {
        mbnames_from_json("[{} x", "m/Test.json");
    } catch (const FormatError& e) {
        EXPECT_STREQ(e.what(), "m/Test.json: offset 4: expected ']'");
    }
}

TEST(MbnamesPeritem, FormatsTheThreeKeysAndPercent) {
    MbnamesItem item{"Test", "INBOX", "/m"};
    EXPECT_EQ(format_peritem("\"+%(accountname)s/%(foldername)s\"", item), "\"+Test/INBOX\"");
    EXPECT_EQ(format_peritem("%(localfolders)s/%(foldername)s 100%%", item), "/m/INBOX 100%");
    EXPECT_EQ(format_peritem("%(localfolders)s", {"A", "F", std::nullopt}), "None");
    try {
        format_peritem("%(folder)s", item);
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(),
                     "[mbnames] peritem: unsupported format at '%(folder)s' (use "
                     "%(accountname)s, %(foldername)s, %(localfolders)s or %%)");
    }
    EXPECT_THROW(format_peritem("%d", item), ConfigError);
}

}  // namespace
}  // namespace oimap::driver
