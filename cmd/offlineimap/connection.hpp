// SPDX-License-Identifier: GPL-2.0-or-later
// How to reach an account's remote repository (spec §2.8, §9): as explicit flags for
// imap-fetch(1) and sync-apply(1), with the password handed over through a descriptor, and
// as a direct lib/imap session for --info and --delete-folder.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/credentials.hpp"
#include "config/model.hpp"
#include "core/fs.hpp"

namespace oimap::imap {
class Session;
}

namespace oimap::driver {

/// Everything about the remote side, resolved from the configuration.
struct Endpoint {
    std::string host;  ///< remotehost (remotehosteval); may be empty with a tunnel
    int port = 0;
    std::string tls = "implicit";  ///< none, starttls-if-offered or implicit (imap-fetch's words)
    const config::ImapOptions* imap = nullptr;  ///< the rest: certificates, tunnels, ...
    std::optional<std::string> user, password;
    bool utf8_folder_names = false;
    int timeout = 0;

    /// "host:port", or "tunnel:<command>".
    std::string display() const;
};

/// Asks the user for the password of a user name; nullopt when the UI cannot ask.
using PasswordPrompt = std::function<std::optional<std::string>(const std::string& user)>;

/// Resolves the endpoint: host, port (*eval through eval), user and password (spec §9.1
/// order, then prompt).  Throws ConfigError when no host or tunnel is configured, AuthError
/// "no password for '<user>' on '<host>' ..." when nothing gives a password.
Endpoint resolve_endpoint(const config::ResolvedAccount& account, const config::General& general,
                          const config::EvalString& eval, const PasswordPrompt& prompt = {});
/// The same for another IMAP repository of the account: its local repository when that is
/// of type IMAP (spec §5.12).
Endpoint resolve_endpoint(const config::ResolvedAccount& account, const config::Repository& repository,
                          const config::General& general, const config::EvalString& eval,
                          const PasswordPrompt& prompt = {});

/// Explicit flags for the plumbing; the password never appears in them.
struct Connection {
    std::vector<std::string> args;          ///< --host ... --password-file /dev/fd/N ...
    std::vector<std::string> listing_args;  ///< --reference, --utf8-folder-names (imap-fetch)
    fs::UniqueFd password;                  ///< an in-memory file the children inherit
    std::string display;                    ///< for "Establishing connection to ..."
    std::string host_port;                  ///< machineui's "host\nport" or "tunnel\n<command>"
};

/// The flags of imap-fetch(1) and sync-apply(1) for endpoint.
Connection make_connection(const Endpoint& endpoint);

/// Connects and logs in session as the plumbing would.  Throws NetworkError, AuthError,
/// ProtocolError, ConfigError.
void open_session(imap::Session& session, const Endpoint& endpoint);

}  // namespace oimap::driver
