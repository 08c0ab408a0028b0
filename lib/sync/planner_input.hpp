// SPDX-License-Identifier: GPL-2.0-or-later
// The two listings the planner diffs, read whole into memory through the typed readers of
// lib/format (remote-state from imap-fetch, local-state from maildir-scan).
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format/local_state.hpp"
#include "format/remote_state.hpp"

namespace oimap::sync {

/// An inclusive UID range from a QRESYNC VANISHED set.
using UidRange = std::pair<uint32_t, uint32_t>;

struct RemoteFolderListing {
    format::RemoteFolder folder;
    std::vector<format::RemoteMessage> messages;  ///< ascending UID (the reader checks it)
    std::vector<UidRange> vanished;
};

struct RemoteListing {
    std::map<std::string, std::string> meta;
    std::vector<RemoteFolderListing> folders;  ///< bytewise name order
};

struct LocalFolderListing {
    format::LocalFolder folder;
    std::vector<format::LocalMessage> messages;  ///< in listing order
};

struct LocalListing {
    std::map<std::string, std::string> meta;
    std::vector<LocalFolderListing> folders;
};

/// Reads a whole remote-state stream; throws FormatError "<source>:<line>: ..." on bad input.
RemoteListing read_remote_listing(std::istream& in, std::string_view source);
/// Reads a whole local-state stream; throws FormatError on bad input.
LocalListing read_local_listing(std::istream& in, std::string_view source);

/// Parses an IMAP sequence set of UIDs ("1:3,7", RFC 9051 §9 sequence-set, no "*");
/// nullopt when malformed.
std::optional<std::vector<UidRange>> parse_uid_set(std::string_view set);

}  // namespace oimap::sync
