// SPDX-License-Identifier: GPL-2.0-or-later
// Where offlineimap finds the user name and password of an IMAP repository (spec §9.1):
// the *eval options, the plain options, remotepassfile, then netrc files.  Prompting is the
// driver's job; nothing here prints a credential.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.hpp"

namespace oimap::config {

/// One machine (or "default") entry of a netrc file.
struct NetrcEntry {
    std::string login, account, password;
};

/// Parses netrc text as Python's netrc module does (machine/default/macdef, login or user,
/// account, password, '#' comments, quoted and backslash-escaped tokens); the authinfo
/// "port" follower is also accepted.  Throws ConfigError "<file>:<line>: ..." on a bad token.
std::map<std::string, NetrcEntry> parse_netrc(std::string_view text, const std::string& file);

/// The entry for host (else the "default" entry) in the netrc file at path; nullopt when
/// the file does not exist (or, without check_owner, cannot be read).  With check_owner
/// (for ~/.netrc, as Python does) a file owned by someone else or readable by group or
/// others is a ConfigError unless the entry's login is "anonymous".
std::optional<NetrcEntry> netrc_lookup(const std::string& path, const std::string& host,
                                       bool check_owner);

/// Evaluates a Python expression option ("remotepasseval", its text) to a string; the driver
/// binds this to lib/pyeval, which may throw.
using EvalString = std::function<std::string(std::string_view option, const std::string& text)>;

/// The netrc files searched, in order: ~/.netrc, /etc/netrc, then ~/.authinfo (an
/// extension, doc/QUIRKS.md).
std::vector<std::string> netrc_files();

/// remoteusereval, else remoteuser, else the login of host's netrc entry, else nullopt.
std::optional<std::string> find_user(const ImapOptions& imap, const std::string& host,
                                     const EvalString& eval);

/// remotepasseval, else remotepass, else the first line of remotepassfile (stripped), else
/// the password of host's netrc entry when its login is user (or user is unset); nullopt
/// when every source is empty, so that the caller prompts.  A missing remotepassfile is an
/// error (NoInputError), as in offlineimap.
std::optional<std::string> find_password(const ImapOptions& imap, const std::string& host,
                                         const std::optional<std::string>& user,
                                         const EvalString& eval);

}  // namespace oimap::config
