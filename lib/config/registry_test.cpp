// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/registry.hpp"

#include <gtest/gtest.h>

#include <set>

#include "config/load.hpp"
#include "core/error.hpp"

namespace oimap::config {
namespace {

const char* kBase = R"([general]
accounts = Gmail
[Account Gmail]
localrepository = L
remoterepository = R
[Repository L]
type = Maildir
localfolders = /m
[Repository R]
type = IMAP
remotehost = h
)";

std::string check(const std::string& extra_general, const std::string& extra_account,
                  const std::string& extra_remote, const std::string& tail = "") {
    std::string text = kBase;
    text.insert(text.find("[Account Gmail]"), extra_general);
    text.insert(text.find("[Repository L]"), extra_account);
    text += extra_remote + tail;
    try {
        check_supported(Ini::parse(text, "rc"), "Gmail");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "ok";
}

std::string not_yet(const char* option, const char* section) {
    return std::string("option '") + option + "' in [" + section +
           "] is not supported yet by this offlineimap; remove it or use offlineimap3";
}

TEST(RegistryTest, AcceptsWhatOfflineimapAccepts) {
    EXPECT_EQ(check("", "", ""), "ok");
    EXPECT_EQ(check("", "", "startdate = 2024-01-01\n"), "ok");
    EXPECT_EQ(check("", "", "realdelete = no\n"), "ok");
    EXPECT_EQ(check("", "", "sep = /\ntrashfolder = T\n"), "ok");
    EXPECT_EQ(check("", "", "", "[ui.Curses.Blinkenlights]\nstatuschar = .\n"), "ok");
    EXPECT_EQ(check("nosuchoption = 1\n", "frobnicate = yes\n", "whatever = x\n"), "ok");
    EXPECT_EQ(check("", "synclabels = no\nproxy =\n", "usecompression = false\nidlefolders = []\n"),
              "ok");
    EXPECT_EQ(check("", "", "auth_mechanisms = GSSAPI, PLAIN\n"), "ok");
    EXPECT_EQ(check("", "", "customflag_a = $Label1\n", "[Repository X]\ncustomflag_a = y\n"), "ok");
}

TEST(RegistryTest, AcceptsFolderincludes) {
    EXPECT_EQ(check("", "", "folderincludes = ['Archive']\n"), "ok");
    EXPECT_EQ(check("", "", "folderincludes = []\n"), "ok");
}

TEST(RegistryTest, RefusesWhatIsNotImplementedYet) {
    EXPECT_EQ(check("", "synclabels = yes\n", ""), not_yet("synclabels", "Account Gmail"));
    EXPECT_EQ(check("", "labelsheader = X-Label\n", ""), not_yet("labelsheader", "Account Gmail"));
    EXPECT_EQ(check("", "ignorelabels = a\n", ""), not_yet("ignorelabels", "Account Gmail"));
    EXPECT_EQ(check("", "proxy = SOCKS5:h:1080\n", ""), not_yet("proxy", "Account Gmail"));
    EXPECT_EQ(check("", "", "usecompression = yes\n"), not_yet("usecompression", "Repository R"));
    EXPECT_EQ(check("", "", "decodefoldernames = yes\n"), not_yet("decodefoldernames", "Repository R"));
    EXPECT_EQ(check("", "", "oauth2_refresh_token = t\n"),
              not_yet("oauth2_refresh_token", "Repository R"));
    EXPECT_EQ(check("update-keyring = yes\n", "", ""), not_yet("update-keyring", "general"));
    EXPECT_EQ(check("[DEFAULT]\nsynclabels = on\n", "", ""), not_yet("synclabels", "Account Gmail"));
    EXPECT_EQ(check("", "", "holdconnectionopen = yes\n"), "ok");  // cmd/offlineimap/held.hpp
    EXPECT_EQ(check("", "", "holdconnectionopen = yes\nidlefolders = ['INBOX']\n"), "ok");
    EXPECT_EQ(check("", "", "holdconnectionopen = no\nkeepalive = 60\n"), "ok");
    EXPECT_EQ(check("", "", "auth_mechanisms = GSSAPI\n"),
              "option 'auth_mechanisms' in [Repository R] is not supported yet by this "
              "offlineimap: GSSAPI is not implemented; remove it or use offlineimap3");
    EXPECT_EQ(check("", "", "", "[Repository L]\n").substr(0, 5), "rc:12");
}

TEST(RegistryTest, FixturesAreSupported) {
    Ini typical = load_file("tests/fixtures/config/typical.conf");
    EXPECT_NO_THROW(check_supported(typical, "Personal"));
    EXPECT_NO_THROW(check_supported(typical, "Work"));
    EXPECT_NO_THROW(check_supported(load_file("tests/fixtures/config/offlineimap.conf"), "Test"));
}

TEST(RegistryTest, StatusBackendIsRemoved) {
    EXPECT_EQ(check("", "status_backend = sqlite\n", ""),
              "the 'status_backend' configuration option is not supported anymore; please, "
              "remove this configuration option.");
}

TEST(RegistryTest, StartdateOfALocalImapRepositoryIsSupported) {
    std::string text = kBase;
    text.replace(text.find("type = Maildir"), 14, "type = IMAP\nstartdate = 2024-01-01");
    EXPECT_NO_THROW(check_supported(Ini::parse(text, "rc"), "Gmail"));
}

TEST(RegistryTest, StartdateOfALocalMaildirRepositoryIsNotYet) {
    std::string text = kBase;
    text.replace(text.find("type = Maildir"), 14, "type = Maildir\nstartdate = 2024-01-01");
    try {
        check_supported(Ini::parse(text, "rc"), "Gmail");
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "option 'startdate' in [Repository L] is not supported yet by this "
                               "offlineimap on a local repository; remove it or use offlineimap3");
    }
}

TEST(RegistryTest, LocalImapIsSupportedLocalGmailIsNot) {
    std::string text = kBase;
    text.replace(text.find("type = Maildir"), 14, "type = IMAP");
    EXPECT_NO_THROW(check_supported(Ini::parse(text, "rc"), "Gmail"));
    text.replace(text.find("type = IMAP"), 11, "type = Gmail");
    try {
        check_supported(Ini::parse(text, "rc"), "Gmail");
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(),
                     "option 'type' in [Repository L] is not supported yet by this offlineimap: "
                     "a local repository of type Gmail; remove it or use offlineimap3");
    }
}

TEST(RegistryTest, TableHasNoDuplicates) {
    std::set<std::pair<int, std::string_view>> seen;
    for (const OptionInfo& info : option_table()) {
        EXPECT_TRUE(seen.emplace(static_cast<int>(info.scope), info.name).second) << info.name;
        if (info.boolean) {
            EXPECT_TRUE(info.harmless.has_value()) << info.name;
        }
    }
    EXPECT_EQ(find_option(Scope::kMaildir, "customflag_z")->support, Support::kSupported);
    EXPECT_FALSE(find_option(Scope::kMaildir, "customflag_zz"));
    EXPECT_FALSE(find_option(Scope::kImap, "customflag_a"));
}

}  // namespace
}  // namespace oimap::config
