// SPDX-License-Identifier: GPL-2.0-or-later
// --stats FILE of imap-fetch(1) and sync-apply(1): a "stats" stream (oimap-formats(5)) with
// what the IMAP session cost, for offlineimap -P.
#pragma once

#include <string>
#include <vector>

#include "format/stats.hpp"
#include "imap/transport.hpp"

namespace oimap::imap_fetch {

/// The traffic in the format's terms.
format::SessionStats session_stats(const imap::Traffic& traffic);

/// Writes the session record, then folders, to path atomically.  Throws IoError.
void write_stats(const std::string& path, const std::string& tool, const imap::Traffic& traffic,
                 const std::vector<format::FolderStats>& folders = {});

}  // namespace oimap::imap_fetch
