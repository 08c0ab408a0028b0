// SPDX-License-Identifier: GPL-2.0-or-later
// Listing a Maildir repository: its folders (spec §6.5) and the message files of a folder
// (spec §6.6: new/ then cur/, dot files skipped), with readdir and one fstatat per file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace oimap::maildir {

/// The folders under root, sorted bytewise: with sep '.', every directory directly under
/// root other than cur/new/tmp that has cur/, new/ and tmp/; with sep '/', the same at every
/// depth (directories without cur/new/tmp are searched too). The root itself is the folder
/// "" when it has cur/new/tmp. Symlinks are followed, but not round a loop.
/// Throws IoError if root cannot be read (NoInputError if it does not exist).
std::vector<std::string> list_folders(const std::string& root, char sep);

/// One file of new/ or cur/.
struct MessageFile {
    std::string subdir;     ///< "new" or "cur"
    std::string file_name;  ///< the name inside subdir
    uint64_t size = 0;      ///< st_size (symlinks followed, as os.path.getsize does)
    int64_t mtime = 0;      ///< st_mtime, Unix seconds
};

struct ScanOptions {
    bool stat = true;  ///< fill size and mtime (one fstatat per file); off: both stay 0
};

/// The files of new/ then cur/ of the folder at folder_path, each directory sorted bytewise;
/// names starting with '.' are skipped, other entries are not checked to be regular files
/// (as offlineimap). A file that vanishes before it is stat'ed is left out. Throws IoError
/// if new/ or cur/ cannot be read.
std::vector<MessageFile> scan_messages(const std::string& folder_path, ScanOptions options = {});

}  // namespace oimap::maildir
