// SPDX-License-Identifier: GPL-2.0-or-later
// Maildir message file names as offlineimap3 writes and reads them (folder/Maildir.py):
// "<time>_<seq>.<pid>.<host>,U=<uid>,FMD5=<md5><sep>2,<flags>", spec §6.1 and §6.6.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oimap::maildir {

/// The info separator: ':' normally, '!' with maildir-windows-compatible.
inline char info_separator(bool windows_compatible) {
    return windows_compatible ? '!' : ':';
}

/// What a file name says, read the way offlineimap3's _parse_filename reads it.
struct ParsedName {
    /// The first ",U=<digits>" anywhere in the name; nullopt without one, or when the number
    /// does not fit 32 bits.
    std::optional<uint32_t> name_uid;
    /// The hexadecimal digits after the first ",FMD5=" (possibly empty); nullopt without one.
    std::optional<std::string> fmd5;
    /// name_uid, but only if the name contains ",FMD5=<folder md5>": the message's UID in
    /// this folder. Otherwise the message is new to offlineimap (a temporary negative UID).
    std::optional<uint32_t> uid;
    /// The characters after the first "<sep>2," that are word characters, as they appear
    /// (not normalized); empty without an info part.
    std::string flags;
    /// Whether the name has an info part "<sep>2," at all.
    bool has_info = false;
};

/// Parses a file name (no directory part). folder_md5 is the folder's FMD5 (folder_md5()).
ParsedName parse_filename(std::string_view name, std::string_view folder_md5, char info_sep);

/// The parts of a new file name.
struct NewName {
    int64_t time = 0;  ///< Unix seconds (the current time, or the message's Date:)
    uint32_t seq = 0;  ///< per-process counter for that time (SequenceCounter)
    long pid = 0;
    std::string host;  ///< gethostname(), as is
    uint32_t uid = 0;
    std::string fmd5;
    std::string flags;  ///< normalized by format_filename
    char info_sep = ':';
};

/// The name offlineimap3 gives a new message; every '/' in the result becomes '-'.
std::string format_filename(const NewName& parts);

/// The name after a flag change: the info part found by parse_filename is cut off the end
/// of the name (offlineimap3 assumes it ends the name and cuts that many characters), and
/// "<sep>2,<normalized flags>" is appended. A name without an info part gets one appended.
/// offlineimap renames only when the flag set changed; so do callers (set_message_flags).
std::string rename_for_flags(std::string_view name, std::string_view flags, char info_sep);

/// "cur" if flags contain S, else "new" (spec §6.4).
inline std::string_view subdir_for_flags(std::string_view flags) {
    return flags.find('S') != std::string_view::npos ? "cur" : "new";
}

/// Hands out offlineimap's per-process sequence numbers: 0, 1, 2... for each time value,
/// remembered for every time seen (message dates may repeat out of order). Not thread-safe.
class SequenceCounter {
public:
    uint32_t next(int64_t time);

private:
    std::map<int64_t, uint32_t> counts_;
};

}  // namespace oimap::maildir
