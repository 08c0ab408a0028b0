// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/section.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "config/load.hpp"
#include "core/error.hpp"

namespace oimap::config {
namespace {

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

TEST(SectionTest, Booleans) {
    const std::pair<const char*, bool> kCases[] = {
        {"1", true},   {"yes", true},  {"TRUE", true},   {"On", true},
        {"0", false},  {"no", false},  {"False", false}, {"OFF", false},
    };
    for (auto [text, expected] : kCases) {
        EXPECT_EQ(parse_bool(text), expected) << text;
    }
    EXPECT_FALSE(parse_bool("y"));
    EXPECT_FALSE(parse_bool("2"));
    EXPECT_FALSE(parse_bool(""));
    EXPECT_FALSE(parse_bool(" yes"));  // getboolean does not strip; only -k values can have it
    Ini ini = Ini::parse("[Repository R]\nssl = maybe\nstarttls =  On \n", "rc");
    SectionView s(ini, "Repository R");
    EXPECT_EQ(s.boolean("starttls", false), true);
    EXPECT_EQ(s.boolean("expunge", true), true);
    EXPECT_EQ(error_of([&] { s.boolean("ssl"); }),
              "[Repository R] ssl: 'maybe' is not a boolean (use yes/no, true/false, on/off, 1/0)");
}

TEST(SectionTest, Numbers) {
    EXPECT_EQ(parse_int(" 42 "), 42);
    EXPECT_EQ(parse_int("-1"), -1);
    EXPECT_EQ(parse_int("+7"), 7);
    EXPECT_EQ(parse_int("007"), 7);
    EXPECT_EQ(parse_int("1_000"), 1000);
    EXPECT_FALSE(parse_int("1__0"));
    EXPECT_FALSE(parse_int("_1"));
    EXPECT_FALSE(parse_int("1.5"));
    EXPECT_FALSE(parse_int("0x10"));
    EXPECT_FALSE(parse_int(""));
    EXPECT_EQ(parse_float("1.5"), 1.5);
    EXPECT_EQ(parse_float(" -2 "), -2.0);
    EXPECT_EQ(parse_float("1e1"), 10.0);
    EXPECT_FALSE(parse_float("0x1p3"));
    EXPECT_FALSE(parse_float("1.5min"));
    Ini ini = Ini::parse("[Account A]\nquick = fast\nautorefresh = soon\n", "rc");
    SectionView s(ini, "Account A");
    EXPECT_EQ(error_of([&] { s.integer("quick"); }), "[Account A] quick: 'fast' is not an integer");
    EXPECT_EQ(error_of([&] { s.real("autorefresh"); }),
              "[Account A] autorefresh: 'soon' is not a number");
}

TEST(SectionTest, PathExpansion) {
    setenv("HOME", "/home/tester", 1);
    setenv("OIMAP_TEST_VAR", "val", 1);
    unsetenv("OIMAP_TEST_UNSET");
    EXPECT_EQ(expand_user("~"), "/home/tester");
    EXPECT_EQ(expand_user("~/Mail"), "/home/tester/Mail");
    EXPECT_EQ(expand_user("/abs/~"), "/abs/~");
    EXPECT_EQ(expand_user("~root/x"), "/root/x");
    EXPECT_EQ(expand_user("~nosuchuser-oimap/x"), "~nosuchuser-oimap/x");
    EXPECT_EQ(expand_vars("$OIMAP_TEST_VAR/${OIMAP_TEST_VAR}x"), "val/valx");
    EXPECT_EQ(expand_vars("$OIMAP_TEST_UNSET/${OIMAP_TEST_UNSET}/$/${"), "$OIMAP_TEST_UNSET/${OIMAP_TEST_UNSET}/$/${");
    Ini ini = Ini::parse("[general]\nmetadata = ~/$OIMAP_TEST_VAR\n", "rc");
    EXPECT_EQ(*SectionView(ini, "general").path("metadata"), "/home/tester/val");
}

TEST(SectionTest, Lists) {
    Ini ini = Ini::parse("[r]\na = PLAIN,LOGIN ,  CRAM-MD5\n", "rc");
    EXPECT_EQ(*SectionView(ini, "r").list("a", true),
              (std::vector<std::string>{"PLAIN", "LOGIN ", "CRAM-MD5"}));
}

TEST(SectionTest, Overrides) {
    Ini ini = Ini::parse("[general]\nui = ttyui\n[Account My Mail]\n", "rc");
    apply_override(ini, "Account_My_Mail:autorefresh=30");
    apply_override(ini, "ui=quiet=1");
    apply_override(ini, "DEFAULT:x=y");
    EXPECT_EQ(*ini.get("Account My Mail", "autorefresh"), "30");
    EXPECT_EQ(*ini.get("general", "ui"), "quiet=1");
    EXPECT_EQ(*ini.get("general", "x"), "y");
    EXPECT_EQ(error_of([&] { apply_override(ini, "Account_Nope:quick=1"); }),
              "cannot set 'quick': no section [Account Nope]");
    EXPECT_EQ(error_of([&] { apply_override(ini, "quick"); }),
              "cannot apply -k 'quick': expected [section:]option=value");
    EXPECT_EQ(error_of([&] { apply_override(ini, "remotepass=a%b"); }),
              "[general] remotepass: invalid interpolation syntax in 'a%b' at position 1");
}

TEST(SectionTest, ConfigFileLookup) {
    setenv("HOME", "/nonexistent-oimap-home", 1);
    setenv("XDG_CONFIG_HOME", "", 1);
    EXPECT_EQ(find_config_file(std::string("~/rc")), "/nonexistent-oimap-home/rc");
    EXPECT_EQ(find_config_file(std::nullopt), "/nonexistent-oimap-home/.offlineimaprc");
    char dir[] = "/tmp/oimap-config-XXXXXX";
    ASSERT_TRUE(mkdtemp(dir));
    std::string xdg = std::string(dir);
    setenv("XDG_CONFIG_HOME", xdg.c_str(), 1);
    EXPECT_EQ(find_config_file(std::nullopt), "/nonexistent-oimap-home/.offlineimaprc");
    ASSERT_EQ(system(("mkdir -p " + xdg + "/offlineimap && touch " + xdg + "/offlineimap/config").c_str()), 0);
    EXPECT_EQ(find_config_file(std::nullopt), xdg + "/offlineimap/config");
    EXPECT_EQ(error_of([&] { load_file(xdg + "/missing"); }),
              "config file '" + xdg + "/missing' does not exist");
    ASSERT_EQ(system(("rm -rf " + xdg).c_str()), 0);
    unsetenv("XDG_CONFIG_HOME");
}

}  // namespace
}  // namespace oimap::config
