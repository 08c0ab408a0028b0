// SPDX-License-Identifier: GPL-2.0-or-later
// Turning a Maildir scan into local-state records (oimap-formats(5)).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "format/local_state.hpp"
#include "maildir/scan.hpp"
#include "status/facts.hpp"

namespace oimap::maildir_scan {

struct ListingRequest {
    std::string root;
    char sep = '.';
    char info_sep = ':';
    std::vector<std::string> folders;  ///< empty: every folder under root
    /// With state: folder records carry the mtimes and scan time, and a folder whose saved
    /// facts show it unchanged is listed "none" (unchanged.hpp).
    bool with_facts = false;
    std::map<std::string, status::FolderFacts> facts;  ///< by local folder name
};

/// The msg record of one file: the facts of its name (first ,U=, first ,FMD5=, info
/// letters split into flags and a-z keywords), its size and mtime.
format::LocalMessage message_record(const std::string& folder, const maildir::MessageFile& file,
                                    char info_sep);

/// The folders to scan, bytewise: the requested ones (checked names, each must be a Maildir,
/// else NoInputError), or every folder under the root. Called before any output is written.
std::vector<std::string> folders_to_scan(const ListingRequest& request);

/// Scans folders and writes them in the format's order: folders as given, messages with a
/// UID by UID, then those without by file name.
/// The records of one folder at path, in listing order.
std::vector<format::LocalMessage> folder_messages(const std::string& folder, const std::string& path,
                                                  char info_sep);

void write_listing(const ListingRequest& request, const std::vector<std::string>& folders,
                   format::LocalStateWriter& writer);

}  // namespace oimap::maildir_scan
