// SPDX-License-Identifier: GPL-2.0-or-later
// Small pieces of text offlineimap builds with Python: repr() of a folder name for the -f
// filter, and imaputil.uid_sequence for its "Deleting N messages (...)" line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::driver {

/// Python's repr() of a str: single quotes unless the text holds a single quote and no double
/// quote; backslash escapes for the quote, '\\', \n, \r, \t and the other bytes below 0x20
/// and 0x7f (\xNN).  Other bytes, UTF-8 included, are copied.
std::string python_repr(std::string_view text);

/// The folderfilter offlineimap installs for -f: "lambda f: f in ['a', 'b']", the list being
/// folders split on ',' (no trimming).
std::string folder_filter_expression(std::string_view folders);

/// An IMAP sequence set of the UIDs, sorted, runs collapsed: {7, 1, 2, 3} -> "1:3,7".
std::string uid_sequence(std::vector<uint32_t> uids);

}  // namespace oimap::driver
