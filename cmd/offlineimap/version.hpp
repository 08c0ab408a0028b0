// SPDX-License-Identifier: GPL-2.0-or-later
// What offlineimap --version and -V print.
#pragma once

#include <string>

namespace oimap::driver {

/// The offlineimap release whose command line and files we reproduce; --version prints it
/// bare, as offlineimap does, so that scripts comparing versions keep working.
inline constexpr const char* kCompatibleVersion = "8.0.1";
/// This implementation's own version.
inline constexpr const char* kOimapVersion = "0.1.0";

/// "oimap v0.1.0 (C++ reimplementation; imap-fetch, maildir-scan, sync-plan, sync-apply)":
/// the second start-up line, in place of offlineimap's imaplib2/Python/OpenSSL line.
inline std::string environment_info() {
    return std::string("oimap v") + kOimapVersion +
           " (C++ reimplementation; imap-fetch, maildir-scan, sync-plan, sync-apply)";
}

/// -V: "offlineimap v8.0.1, oimap v0.1.0 (...)".
inline std::string full_version_line() {
    return std::string("offlineimap v") + kCompatibleVersion + ", " + environment_info();
}

}  // namespace oimap::driver
