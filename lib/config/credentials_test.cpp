// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/credentials.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>

#include "core/error.hpp"

namespace oimap::config {
namespace {

std::string dump(const std::map<std::string, NetrcEntry>& hosts) {
    std::string out;
    for (const auto& [host, e] : hosts) out += host + "=" + e.login + "/" + e.account + "/" + e.password + ";";
    return out;
}

TEST(NetrcTest, Parse) {
    struct Case {
        const char* text;
        const char* expected;
    };
    const Case kCases[] = {
        {"machine h login u password p\n", "h=u//p;"},
        {"machine h\n  user u\n  account a\n  password p\n", "h=u/a/p;"},
        {"machine a login x password 1 machine b login y password 2", "a=x//1;b=y//2;"},
        {"default login d password dp\nmachine h login u\n", "default=d//dp;h=u//;"},
        {"machine h login u password \"p w\\\"q\"\n", "h=u//p w\"q;"},
        {"machine h login u password p\\ q\n", "h=u//p q;"},
        {"# comment machine x\nmachine h login u password p # trailing\n", "h=u//p;"},
        {"macdef init\ncd /\nput x\n\nmachine h login u password p\n", "h=u//p;"},
        {"machine imap.example.org login u port 993 password p\n", "imap.example.org=u//p;"},
        {"", ""},
    };
    for (const Case& c : kCases) {
        EXPECT_EQ(dump(parse_netrc(c.text, "netrc")), c.expected) << c.text;
    }
}

TEST(NetrcTest, Errors) {
    const std::pair<const char*, const char*> kCases[] = {
        {"machine h login u\nbogus x\n", "netrc:2: bad follower token 'bogus'"},
        {"login u\n", "netrc:1: bad toplevel token 'login'"},
        {"machine", "netrc:1: missing 'machine' name"},
        {"macdef m\nline\n", "netrc:1: macro definition missing null line terminator"},
    };
    for (auto [text, expected] : kCases) {
        try {
            parse_netrc(text, "netrc");
            ADD_FAILURE() << text;
        } catch (const ConfigError& e) {
            EXPECT_STREQ(e.what(), expected);
        }
    }
}

class CredentialsTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/oimap-cred-XXXXXX";
        ASSERT_TRUE(mkdtemp(tmpl));
        home_ = tmpl;
        setenv("HOME", home_.c_str(), 1);
    }
    void TearDown() override { ASSERT_EQ(system(("rm -rf " + home_).c_str()), 0); }
    void write(const std::string& name, const std::string& text, mode_t mode = 0600) {
        std::ofstream(home_ + "/" + name) << text;
        chmod((home_ + "/" + name).c_str(), mode);
    }
    std::string home_;
};

EvalString fake_eval() {
    return [](std::string_view option, const std::string& text) {
        return std::string(option) + "(" + text + ")";
    };
}

TEST_F(CredentialsTest, PasswordOrder) {
    ImapOptions imap;
    EXPECT_EQ(find_password(imap, "h", std::nullopt, fake_eval()), std::nullopt);
    write(".netrc", "machine h login u password netrc-pw\n");
    EXPECT_EQ(find_password(imap, "h", std::nullopt, fake_eval()), "netrc-pw");
    EXPECT_EQ(find_password(imap, "h", std::string("u"), fake_eval()), "netrc-pw");
    EXPECT_EQ(find_password(imap, "h", std::string("other"), fake_eval()), std::nullopt);
    EXPECT_EQ(find_password(imap, "nohost", std::nullopt, fake_eval()), std::nullopt);
    write("pwfile", "  file-pw \nsecond line\n");
    imap.remotepassfile = home_ + "/pwfile";
    EXPECT_EQ(find_password(imap, "h", std::nullopt, fake_eval()), "file-pw");
    imap.remotepass = "plain-pw";
    EXPECT_EQ(find_password(imap, "h", std::nullopt, fake_eval()), "plain-pw");
    imap.remotepasseval = "get_pass()";
    EXPECT_EQ(find_password(imap, "h", std::nullopt, fake_eval()), "remotepasseval(get_pass())");
}

TEST_F(CredentialsTest, AuthinfoAfterNetrc) {
    ImapOptions imap;
    write(".authinfo", "machine h login a port 993 password authinfo-pw\n");
    EXPECT_EQ(find_password(imap, "h", std::nullopt, fake_eval()), "authinfo-pw");
    EXPECT_EQ(find_user(imap, "h", fake_eval()), "a");
}

TEST_F(CredentialsTest, UserOrder) {
    ImapOptions imap;
    EXPECT_EQ(find_user(imap, "h", fake_eval()), std::nullopt);
    write(".netrc", "default login d password x\n");
    EXPECT_EQ(find_user(imap, "h", fake_eval()), "d");
    imap.remoteuser = "plain";
    EXPECT_EQ(find_user(imap, "h", fake_eval()), "plain");
    imap.remoteusereval = "'e'";
    EXPECT_EQ(find_user(imap, "h", fake_eval()), "remoteusereval('e')");
}

TEST_F(CredentialsTest, PermissiveNetrcIsRefused) {
    write(".netrc", "machine h login u password p\n", 0644);
    try {
        find_password(ImapOptions{}, "h", std::nullopt, fake_eval());
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot use '" + home_ +
                      "/.netrc': access too permissive (permissions must restrict access to "
                      "the owner)");
    }
}

TEST_F(CredentialsTest, MissingPasswordFileIsAnError) {
    ImapOptions imap;
    imap.remotepassfile = home_ + "/nope";
    EXPECT_THROW(find_password(imap, "h", std::nullopt, fake_eval()), NoInputError);
}

}  // namespace
}  // namespace oimap::config
