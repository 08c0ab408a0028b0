// SPDX-License-Identifier: GPL-2.0-or-later
// The typed offlineimaprc: [general], [mbnames], [Account X], [Repository X] with the
// defaults offlineimap applies (spec §2.3-§2.8).  Python-evaluated options are kept as
// their source text; lib/pyeval evaluates them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/ini.hpp"

namespace oimap::config {

struct General {
    std::vector<std::string> accounts;  ///< split on ',', leading spaces stripped
    std::string metadata;               ///< expanded; default ~/.offlineimap
    int maxsyncaccounts = 1;
    std::string ui = "ttyui";
    bool ignore_readonly = false;
    std::optional<std::string> pythonfile;  ///< expanded path
    int socktimeout = 0;                    ///< seconds; 0 = none
    bool fsync = true;
    bool dry_run = false;
    bool utime_from_header = false;
    bool filename_use_mail_timestamp = false;
};

/// [mbnames]; header, sep, footer, sort_keyfunc and folderfilter are Python expressions,
/// peritem is raw (no interpolation, no evaluation).
struct Mbnames {
    bool enabled = false;
    std::string filename;  ///< expanded
    std::string header, peritem, sep, footer;
    bool incremental = false;
    std::optional<std::string> sort_keyfunc, folderfilter;
};

enum class RepositoryType { kImap, kGmail, kMaildir, kGmailMaildir };

/// The name offlineimap prints for a repository type ("IMAP", "Gmail", "Maildir", ...).
const char* type_name(RepositoryType type);

/// The options of Maildir and GmailMaildir repositories.
struct MaildirOptions {
    std::string localfolders;  ///< expanded
    std::string sep = ".";
    bool restoreatime = false;
    bool utime_from_header = false;            ///< [general] value when unset
    bool filename_use_mail_timestamp = false;  ///< [general] value when unset
    std::map<char, std::string> customflags;   ///< customflag_a..z: letter -> IMAP keyword
};

/// The options of IMAP and Gmail repositories.
struct ImapOptions {
    std::optional<std::string> remotehost, remotehosteval;  ///< Gmail: imap.gmail.com
    std::optional<int> remoteport;                          ///< unset: port() decides
    std::optional<std::string> remoteporteval;
    std::optional<std::string> remoteuser, remoteusereval;
    std::optional<std::string> remotepass, remotepasseval;
    std::optional<std::string> remotepassfile;  ///< '~' expanded
    std::optional<std::string> remote_identity;
    std::vector<std::string> auth_mechanisms;  ///< default GSSAPI, XOAUTH2, CRAM-MD5, PLAIN, LOGIN
    bool ssl = true;
    bool starttls = true;
    std::optional<std::string> sslcacertfile;  ///< expanded and absolute, or "OS-DEFAULT"
    std::optional<std::string> sslclientcert, sslclientkey;
    std::vector<std::string> cert_fingerprint;  ///< lower-case hex, ':' removed
    std::optional<std::string> ssl_version;
    std::string tls_level = "tls_compat";
    std::optional<bool> ipv6;
    std::optional<std::string> preauthtunnel, transporttunnel;
    std::string reference = "\"\"";
    std::optional<std::string> idlefolders;  ///< Python expression
    bool usecompression = false;
    int maxconnections = 1;  ///< the connection pool size
    bool singlethreadperfolder = false;
    bool holdconnectionopen = false;
    int keepalive = 0;
    bool expunge = true;
    bool subscribedonly = false;
    int retrycount = 2;
    bool gmail = false;  ///< type Gmail: default port 993 whatever ssl says
    std::optional<std::string> copy_ignore_eval, newmail_hook;
    std::map<std::string, std::string> oauth2;  ///< oauth2_* options as written

    /// remoteport, else 993 for Gmail or with ssl, else 143 (remoteporteval aside).
    int port() const { return remoteport ? *remoteport : (gmail || ssl) ? 993 : 143; }
};

struct Repository {
    std::string name;  ///< without "Repository "
    RepositoryType type = RepositoryType::kMaildir;
    std::optional<std::string> nametrans, folderfilter, folderincludes, foldersort;  ///< Python
    bool dynamic_folderfilter = false;
    bool readonly = false;
    bool createfolders = true;
    bool sync_deletes = true;
    std::optional<std::string> startdate;  ///< YYYY-mm-dd as written
    std::optional<int> maxconnections;     ///< as written; ImapOptions has the pool default
    std::optional<MaildirOptions> maildir;  ///< set for Maildir and GmailMaildir
    std::optional<ImapOptions> imap;        ///< set for IMAP and Gmail
};

struct Account {
    std::string name;  ///< without "Account "
    std::string localrepository, remoterepository;
    std::optional<double> autorefresh;  ///< minutes; unset when absent, 0 or negative
    /// autorefresh was negative: offlineimap warns "autorefresh for X is negative, fixing it
    /// to 0." and runs once.
    bool autorefresh_negative = false;
    int quick = 0;
    std::string presynchook, postsynchook;
    std::optional<int64_t> maxsize;
    std::optional<std::string> maxage;  ///< days or YYYY-mm-dd, as written
    bool maildir_windows_compatible = false;
    bool synclabels = false;
    std::string labelsheader = "X-Keywords";
    std::vector<std::string> ignorelabels, filterheaders;
    std::optional<std::string> proxy, authproxy;
    bool utf8foldernames = false;
};

/// An account with its two repositories.
struct ResolvedAccount {
    Account account;
    Repository local;
    Repository remote;
};

/// Reads [general]; throws ConfigError when the section or `accounts` is missing.
General read_general(const Ini& ini);
/// Reads [mbnames]; nullopt when the section is absent.  A present section needs
/// filename, header, peritem, sep and footer only when enabled (spec §14: relaxed).
std::optional<Mbnames> read_mbnames(const Ini& ini);
/// The names of every [Account NAME] section, in file order.
std::vector<std::string> account_names(const Ini& ini);
/// Reads [Account name]; throws ConfigError "account 'X' does not exist" when absent.
Account read_account(const Ini& ini, const std::string& name);
/// Reads [Repository name] for one side ("local" or "remote"); throws ConfigError when the
/// section is missing, the type is missing, or the type does not fit the side.
Repository read_repository(const Ini& ini, const std::string& name, bool remote);
/// read_account plus both repositories.
ResolvedAccount resolve_account(const Ini& ini, const std::string& name);

}  // namespace oimap::config
