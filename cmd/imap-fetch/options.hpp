// SPDX-License-Identifier: GPL-2.0-or-later
// The command line of imap-fetch(1).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace oimap::imap_fetch {

struct Options {
    std::optional<std::string> host;
    std::optional<int> port;
    std::optional<std::string> user;
    std::optional<std::string> password_file;
    std::optional<std::string> password;      ///< from -c/-a only, never from argv
    std::optional<std::string> oauth2_token;  ///< from -c/-a only
    std::optional<std::string> authzid;       ///< remote_identity, from -c/-a only
    std::optional<std::string> oauth2_token_file;
    std::optional<std::string> tls;  ///< none, starttls, starttls-if-offered, implicit
    std::optional<std::string> ca_file;
    std::optional<std::string> fingerprints;
    std::optional<std::string> client_cert, client_key;
    std::optional<std::string> tls_level, ssl_version;
    std::optional<std::string> tls_server_name;
    std::optional<std::string> tunnel;
    bool preauth_tunnel = false;
    std::vector<std::string> folders;
    /// Raw names listed even when LIST/LSUB does not return them (folderincludes).
    std::vector<std::string> includes;
    bool subscribed_only = false;
    std::optional<std::string> reference;
    bool utf8_folder_names = false;
    std::optional<std::string> auth_mechanisms;
    std::optional<int> timeout;
    std::optional<bool> ipv6;  ///< true: IPv6 only, false: IPv4 only
    /// --held-fd N: a connection already open and authenticated, lent by offlineimap(1)
    /// (holdconnectionopen); --held-enabled LIST: the extensions ENABLEd on it.
    std::optional<int> held_fd;
    std::optional<std::string> held_enabled;
    std::optional<std::string> changed_since_file;
    /// The status DB directory of the account: folders whose saved facts are current are
    /// asked STATUS first, and listed as "none" or "changes" (lib/status facts.hpp).
    std::optional<std::string> state_dir;
    int window = 32;
    std::optional<std::string> output;
    /// --stats FILE: the session's traffic, a "stats" stream of oimap-formats(5).
    std::optional<std::string> stats;
    std::optional<std::string> config_file, account;
    std::optional<std::string> debug;
    bool help = false;
    bool version = false;
};

/// Parses argv; throws UsageError for unknown options, bad values or stray arguments.
Options parse_options(int argc, char** argv);
std::string help_text();

}  // namespace oimap::imap_fetch
