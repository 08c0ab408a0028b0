// SPDX-License-Identifier: GPL-2.0-or-later
// MD5 (RFC 1321), only for the FMD5 part of Maildir file names; our own small copy so that
// OpenSSL stays confined to lib/imap/tls.
#pragma once

#include <string>
#include <string_view>

namespace oimap::maildir {

/// The MD5 digest of data as 32 lower-case hexadecimal digits (RFC 1321).
std::string md5_hex(std::string_view data);

/// The FMD5 of a folder: md5_hex of the local visible folder name, UTF-8 bytes as given
/// (offlineimap3 folder/Maildir.py: md5(getvisiblename().encode('utf-8'))).
inline std::string folder_md5(std::string_view visible_name) {
    return md5_hex(visible_name);
}

}  // namespace oimap::maildir
