// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/model.hpp"

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

class ModelTest : public ::testing::Test {
protected:
    void SetUp() override { setenv("HOME", "/home/t", 1); }
};

TEST_F(ModelTest, ShippedExampleConfigParses) {
    Ini ini = load_file("tests/fixtures/config/offlineimap.conf");
    EXPECT_EQ(ini.sections(),
              (std::vector<std::string>{"general", "mbnames", "Account Test",
                                        "Repository LocalExample", "Repository GmailLocalExample",
                                        "Repository RemoteExample", "Repository GmailExample"}));
    General g = read_general(ini);
    EXPECT_EQ(g.accounts, std::vector<std::string>{"Test"});
    ASSERT_TRUE(read_mbnames(ini).has_value());
    EXPECT_FALSE(read_mbnames(ini)->enabled);
    ResolvedAccount a = resolve_account(ini, "Test");
    EXPECT_EQ(a.local.maildir->localfolders, "/home/t/Test");
    EXPECT_EQ(*a.remote.imap->remotehost, "examplehost");
    EXPECT_EQ(*a.remote.imap->remoteuser, "username");
    Repository gmail = read_repository(ini, "GmailExample", true);
    EXPECT_EQ(gmail.type, RepositoryType::kGmail);
    EXPECT_EQ(*gmail.imap->remotehost, "imap.gmail.com");
    EXPECT_EQ(gmail.imap->port(), 993);
}

TEST_F(ModelTest, MinimalConfigDefaults) {
    Ini ini = load_file("tests/fixtures/config/offlineimap.conf.minimal");
    General g = read_general(ini);
    EXPECT_EQ(g.metadata, "/home/t/.offlineimap");
    EXPECT_EQ(g.maxsyncaccounts, 1);
    EXPECT_EQ(g.ui, "ttyui");
    EXPECT_TRUE(g.fsync);
    EXPECT_FALSE(g.dry_run);
    EXPECT_EQ(g.socktimeout, 0);
    EXPECT_FALSE(g.pythonfile);
    EXPECT_FALSE(read_mbnames(ini).has_value());
    ResolvedAccount a = resolve_account(ini, "Test");
    EXPECT_EQ(a.account.quick, 0);
    EXPECT_FALSE(a.account.autorefresh);
    EXPECT_EQ(a.account.labelsheader, "X-Keywords");
    EXPECT_EQ(a.local.type, RepositoryType::kMaildir);
    EXPECT_EQ(a.local.maildir->sep, ".");
    EXPECT_TRUE(a.local.createfolders);
    EXPECT_TRUE(a.local.sync_deletes);
    EXPECT_FALSE(a.local.readonly);
    const ImapOptions& imap = *a.remote.imap;
    EXPECT_TRUE(imap.ssl);
    EXPECT_TRUE(imap.starttls);
    EXPECT_EQ(imap.port(), 993);
    EXPECT_EQ(imap.auth_mechanisms,
              (std::vector<std::string>{"GSSAPI", "XOAUTH2", "CRAM-MD5", "PLAIN", "LOGIN"}));
    EXPECT_EQ(imap.maxconnections, 1);
    EXPECT_EQ(imap.reference, "\"\"");
    EXPECT_EQ(imap.tls_level, "tls_compat");
    EXPECT_EQ(imap.retrycount, 2);
    EXPECT_TRUE(imap.expunge);
    EXPECT_FALSE(imap.ipv6);
}

TEST_F(ModelTest, TypicalUserConfig) {
    Ini ini = load_file("tests/fixtures/config/typical.conf");
    General g = read_general(ini);
    EXPECT_EQ(g.accounts, (std::vector<std::string>{"Personal", "Work"}));
    EXPECT_EQ(g.metadata, "/home/t/Mail/.offlineimap");
    EXPECT_EQ(g.maxsyncaccounts, 2);
    EXPECT_EQ(g.socktimeout, 60);
    auto mbnames = read_mbnames(ini);
    ASSERT_TRUE(mbnames);
    EXPECT_EQ(mbnames->filename, "/home/t/.mutt/mailboxes");
    EXPECT_EQ(mbnames->peritem, "\"+%(accountname)s/%(foldername)s\"");
    EXPECT_EQ(mbnames->footer, "\"\\n\"");
    ResolvedAccount p = resolve_account(ini, "Personal");
    EXPECT_EQ(p.account.autorefresh, 5.0);
    EXPECT_EQ(p.account.presynchook, "notmuch new --quiet");
    EXPECT_EQ(p.local.maildir->localfolders, "/home/t/Mail/personal");
    EXPECT_EQ(*p.local.nametrans,
              "lambda folder: {'archive': '[Gmail]/All Mail',\n'inbox':   'INBOX',\n}.get(folder, folder)");
    EXPECT_EQ(p.remote.type, RepositoryType::kGmail);
    EXPECT_EQ(*p.remote.imap->remotehost, "imap.gmail.com");
    EXPECT_EQ(*p.remote.imap->remotepasseval, "get_password(\"gmail\")");
    ResolvedAccount w = resolve_account(ini, "Work");
    EXPECT_EQ(*w.account.maxage, "30");
    EXPECT_EQ(w.local.maildir->sep, "/");
    EXPECT_EQ(w.remote.imap->port(), 143);
    EXPECT_FALSE(w.remote.imap->ssl);
    EXPECT_EQ(*w.remote.imap->remotepassfile, "/home/t/.imap-pass");
    EXPECT_EQ(w.remote.imap->auth_mechanisms, (std::vector<std::string>{"CRAM-MD5", "PLAIN"}));
    EXPECT_EQ(w.remote.imap->maxconnections, 3);
}

TEST_F(ModelTest, ExplicitValues) {
    Ini ini = Ini::parse(R"([DEFAULT]
base = /srv
[general]
accounts = A,  B ,C
metadata = %(base)s/meta
fsync = no
[Account A]
localrepository = L
remoterepository = R
autorefresh = -3
quick = 10
maxsize = 2000000
[Account B]
localrepository = L
remoterepository = R
autorefresh = 0.5
[Repository L]
type = GmailMaildir
localfolders = %(base)s/mail
sep = /
customflag_a = $Forwarded
[Repository R]
type = IMAP
remotehost = h
ssl = no
cert_fingerprint = AA:BB, cc
idlefolders = ['INBOX']
sslcacertfile = OS-DEFAULT
)", "rc");
    General g = read_general(ini);
    EXPECT_EQ(g.accounts, (std::vector<std::string>{"A", "B ", "C"}));
    EXPECT_EQ(g.metadata, "/srv/meta");
    EXPECT_FALSE(g.fsync);
    ResolvedAccount a = resolve_account(ini, "A");
    EXPECT_FALSE(a.account.autorefresh);
    EXPECT_TRUE(a.account.autorefresh_negative);
    EXPECT_EQ(a.account.quick, 10);
    EXPECT_EQ(a.account.maxsize, 2000000);
    EXPECT_EQ(resolve_account(ini, "B").account.autorefresh, 0.5);
    EXPECT_EQ(a.local.type, RepositoryType::kGmailMaildir);
    EXPECT_EQ(a.local.maildir->localfolders, "/srv/mail");
    EXPECT_EQ(a.local.maildir->sep, "/");
    EXPECT_EQ(a.local.maildir->customflags.at('a'), "$Forwarded");
    const ImapOptions& imap = *a.remote.imap;
    EXPECT_EQ(imap.port(), 143);
    EXPECT_EQ(imap.cert_fingerprint, (std::vector<std::string>{"aabb", "cc"}));
    EXPECT_EQ(*imap.idlefolders, "['INBOX']");
    EXPECT_TRUE(imap.holdconnectionopen);
    EXPECT_EQ(imap.keepalive, 29 * 60);
    EXPECT_EQ(*imap.sslcacertfile, "OS-DEFAULT");
    EXPECT_EQ(account_names(ini), (std::vector<std::string>{"A", "B"}));
}

TEST_F(ModelTest, Errors) {
    const char* base = "[general]\naccounts = A\n[Account A]\nlocalrepository = L\n"
                       "remoterepository = R\n[Repository L]\ntype = Maildir\n"
                       "localfolders = /m\n";
    struct Case {
        std::string extra;
        const char* expected;
    };
    const Case kCases[] = {
        {"", "could not find section 'Repository R' in configuration"},
        {"[Repository R]\n", "[Repository R] type: option is required"},
        {"[Repository R]\ntype = Maildir\n",
         "'Maildir' repository not supported for 'remote' repositories."},
        {"[Repository R]\ntype = imap\n",
         "'imap' repository not supported for 'remote' repositories."},
        {"[Repository R]\ntype = IMAP\nremoteport = 99x\n", "[Repository R] remoteport: '99x' is not an integer"},
    };
    for (const Case& c : kCases) {
        Ini ini = Ini::parse(base + c.extra, "rc");
        EXPECT_EQ(error_of([&] { resolve_account(ini, "A"); }), c.expected);
    }
    Ini ini = Ini::parse(base, "rc");
    EXPECT_EQ(error_of([&] { resolve_account(ini, "Z"); }), "account 'Z' does not exist");
    EXPECT_EQ(error_of([&] { read_general(Ini::parse("[x]\n", "rc")); }), "rc: no [general] section");
    EXPECT_EQ(error_of([&] { read_general(Ini::parse("[general]\n", "rc")); }),
              "[general] accounts: option is required");
    EXPECT_EQ(error_of([&] { read_mbnames(Ini::parse("[mbnames]\nenabled = yes\n", "rc")); }),
              "[mbnames] filename: option is required");
}

}  // namespace
}  // namespace oimap::config
