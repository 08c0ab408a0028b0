// SPDX-License-Identifier: GPL-2.0-or-later
// The folder layout of a Maildir repository (spec §6.5; offlineimap3 repository/Maildir.py):
// with sep '.' every folder is a directory directly under the root, with sep '/' folders
// nest; the root itself is the folder "" when it has cur/new/tmp.
#pragma once

#include <string>
#include <string_view>

namespace oimap::maildir {

/// Throws UsageError unless sep is '.' or '/'.
void check_separator(char sep);

/// Refuses a folder name that could leave the root or confuse the layout, with FormatError
/// "cannot use folder name '<name>': <reason>" (control bytes in the name shown as %HH):
/// absolute names, empty, "." or ".." components, NUL and other control characters, '/' when
/// sep is '.', and a component equal to cur, new or tmp. "" (the root folder) is accepted.
void check_folder_name(std::string_view name, char sep);

/// The directory of folder name under root ("root/name", or root for ""); checks the name.
std::string folder_path(const std::string& root, std::string_view name, char sep);

/// True if path is a directory holding cur/, new/ and tmp/ directories (symlinks followed).
bool is_maildir(const std::string& path);

/// Creates the folder: the root and intermediate directories as needed, then cur/, new/ and
/// tmp/, each new directory with mode 0700; existing directories are fine. Checks the name
/// first; throws IoError when a directory cannot be made. Returns the folder's path.
std::string create_folder(const std::string& root, std::string_view name, char sep);

}  // namespace oimap::maildir
