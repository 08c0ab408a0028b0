// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/ini.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace oimap::config {
namespace {

struct ValueCase {
    const char* text;
    const char* section;
    const char* option;
    const char* expected;  ///< nullptr: option absent
};

// Every expected value was checked against Python 3.11 configparser.ConfigParser.
const ValueCase kValues[] = {
    {"[s]\nk = v\n", "s", "k", "v"},
    {"[s]\nk: v\n", "s", "k", "v"},
    {"[s]\nKey = V\n", "s", "KEY", "V"},
    {"[s]\nk=a=b\n", "s", "k", "a=b"},
    {"[s]\nk:a=b\n", "s", "k", "a=b"},
    {"[s]\nk=a:b\n", "s", "k", "a:b"},
    {"[s]\nnametrans: lambda f: f\n", "s", "nametrans", "lambda f: f"},
    {"[s]\n  k  =   v  \n", "s", "k", "v"},
    {"[s]\nk =\n", "s", "k", ""},
    {"[s]\nk = abc # x\n", "s", "k", "abc # x"},
    {"[s]\nk = abc ; x\n", "s", "k", "abc ; x"},
    {"[s]\n# k = 1\n; j = 2\n  # i = 3\n", "s", "k", nullptr},
    {"[s]\nk = a\n  b\n\tc\n", "s", "k", "a\nb\nc"},
    {"[s]\nk = a\n\n  b\n", "s", "k", "a\n\nb"},
    {"[s]\nk = a\n  # comment\n  b\n", "s", "k", "a\nb"},
    {"[s]\nk = a\n\n\n", "s", "k", "a"},
    {"[s]\nk = a\nj = b\n", "s", "k", "a"},
    {"[s]\n  k = a\n  j = b\n", "s", "j", "b"},
    {"[s]\nk = a\r\n  b\r\n", "s", "k", "a\nb"},
    {"[s]\rk = a\r", "s", "k", "a"},
    {"[DEFAULT]\nk = d\n[s]\n", "s", "k", "d"},
    {"[DEFAULT]\nk = d\n[s]\nk = own\n", "s", "k", "own"},
    {"[DEFAULT]\nk = d\n[general]\n", "general", "k", "d"},
    {"[s] trailing\nk = v\n", "s", "k", "v"},
    {"[a]b]\nk = v\n", "a]b", "k", "v"},
    {"[Account X]\nk = v\n", "Account X", "k", "v"},
    {"[s]\nk = %(j)s/x\nj = J\n", "s", "k", "J/x"},
    {"[s]\nk = %(J)s\nj = J\n", "s", "k", "J"},
    {"[DEFAULT]\nh = /home\n[s]\nk = %(h)s/m\n", "s", "k", "/home/m"},
    {"[DEFAULT]\nk = %(h)s\n[s]\nh = own\n", "s", "k", "own"},
    {"[s]\nk = 100%%\n", "s", "k", "100%"},
    {"[s]\nk = %(a)s\na = %(b)s%%\nb = B\n", "s", "k", "B%"},
    {"[s]\nk = v\n[t]\n", "t", "k", nullptr},
};

TEST(IniTest, Values) {
    for (const ValueCase& c : kValues) {
        SCOPED_TRACE(c.text);
        Ini ini = Ini::parse(c.text, "rc");
        auto value = ini.get(c.section, c.option);
        if (c.expected) {
            ASSERT_TRUE(value.has_value());
            EXPECT_EQ(*value, c.expected);
        } else {
            EXPECT_FALSE(value.has_value());
        }
    }
}

struct ErrorCase {
    const char* text;
    const char* expected;
};

const ErrorCase kParseErrors[] = {
    {"[s]\n[s]\n", "rc:2: section [s] already exists"},
    {"[s]\nk = 1\nK = 2\n", "rc:3: option 'k' in section [s] already exists"},
    {"[DEFAULT]\nk = 1\n[DEFAULT]\nk = 2\n", "rc:4: option 'k' in section [DEFAULT] already exists"},
    {"k = 1\n", "rc:1: expected a section header before 'k = 1'"},
    {"# c\n\nk = 1\n", "rc:3: expected a section header before 'k = 1'"},
    {"[s]\njunk\n", "rc:2: expected '[section]', 'option = value' or a comment, got 'junk'"},
    {"[s]\n= v\n", "rc:2: expected '[section]', 'option = value' or a comment, got '= v'"},
    {"[s\n", "rc:1: expected a section header before '[s'"},
    {"[s]\n[]\n", "rc:2: expected '[section]', 'option = value' or a comment, got '[]'"},
};

TEST(IniTest, ParseErrors) {
    for (const ErrorCase& c : kParseErrors) {
        SCOPED_TRACE(c.text);
        try {
            Ini::parse(c.text, "rc");
            ADD_FAILURE() << "no error";
        } catch (const ConfigError& e) {
            EXPECT_EQ(std::string(e.what()), c.expected);
        }
    }
}

const ErrorCase kGetErrors[] = {
    {"[s]\nk = 100%\n", "[s] k: '%' must be followed by '%' or '(', found: '%'"},
    {"[s]\nk = 5%d\n", "[s] k: '%' must be followed by '%' or '(', found: '%d'"},
    {"[s]\nk = %(j\n", "[s] k: bad interpolation variable reference '%(j'"},
    {"[s]\nk = %(j)d\nj = 1\n", "[s] k: bad interpolation variable reference '%(j)d'"},
    {"[s]\nk = %(nope)s\n", "[s] k: bad value substitution: no option 'nope' to refer to"},
    {"[s]\nk = %(k)s\n", "[s] k: interpolation deeper than 10 levels"},
};

TEST(IniTest, InterpolationErrors) {
    for (const ErrorCase& c : kGetErrors) {
        SCOPED_TRACE(c.text);
        Ini ini = Ini::parse(c.text, "rc");
        try {
            ini.get("s", "k");
            ADD_FAILURE() << "no error";
        } catch (const ConfigError& e) {
            EXPECT_EQ(std::string(e.what()), c.expected);
        }
    }
}

TEST(IniTest, RawValueIsNotInterpolated) {
    Ini ini = Ini::parse("[mbnames]\nperitem = +%(accountname)s/%(foldername)s\n", "rc");
    EXPECT_EQ(*ini.get_raw("mbnames", "peritem"), "+%(accountname)s/%(foldername)s");
}

TEST(IniTest, SectionsOptionsAndLocations) {
    Ini ini = Ini::parse("[DEFAULT]\nd = 1\n[b]\nY = 2\nx = 3\n[a]\n", "rc");
    EXPECT_EQ(ini.sections(), (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(ini.options("b"), (std::vector<std::string>{"y", "x", "d"}));
    EXPECT_TRUE(ini.has_option("a", "D"));
    EXPECT_FALSE(ini.has_option("nosuch", "d"));
    EXPECT_FALSE(ini.has_section("DEFAULT"));
    EXPECT_EQ(ini.location("b", "x"), "rc:5");
    EXPECT_EQ(ini.location("a", "d"), "rc:2");
}

TEST(IniTest, SetLikeConfigParser) {
    Ini ini = Ini::parse("[general]\n[Account A]\nquick = 0\n", "rc");
    ini.set("Account A", "Quick", " -1");
    EXPECT_EQ(*ini.get("Account A", "quick"), " -1");
    ini.set("DEFAULT", "x", "%(quick)s%%");
    EXPECT_EQ(*ini.get("Account A", "x"), " -1%");
    EXPECT_EQ(ini.location("Account A", "quick"), "");
    try {
        ini.set("Account B", "quick", "1");
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "cannot set 'quick': no section [Account B]");
    }
    try {
        ini.set("general", "x", "50%(a)s%");
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(),
                     "[general] x: invalid interpolation syntax in '50%(a)s%' at position 2");
    }
}

}  // namespace
}  // namespace oimap::config
