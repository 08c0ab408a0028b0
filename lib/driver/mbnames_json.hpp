// SPDX-License-Identifier: GPL-2.0-or-later
// The mbnames intermediate files <metadata>/mbnames/<account>.json (spec §7.7), byte for
// byte as Python's json.dump writes them, and the peritem %-formatting (spec §2.4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::driver {

struct MbnamesItem {
    std::string accountname;
    std::string foldername;
    std::optional<std::string> localfolders;  ///< null in JSON when absent
};

/// json.dump(items) with Python's defaults: ", " and ": " separators, ensure_ascii (every
/// non-ASCII code point as \uXXXX, lower-case hex; bytes that are not UTF-8 as the
/// surrogate escapes \udcXX Python's file-system decoding gives them).
std::string mbnames_to_json(const std::vector<MbnamesItem>& items);

/// Reads a list of {"accountname", "foldername", "localfolders"} objects (other keys are
/// ignored).  Throws FormatError "<source>: ..." when the text is not such a list.
std::vector<MbnamesItem> mbnames_from_json(std::string_view text, const std::string& source);

/// peritem % item: "%(accountname)s", "%(foldername)s", "%(localfolders)s" (None for null)
/// and "%%".  Throws ConfigError "[mbnames] peritem: ..." for any other conversion.
std::string format_peritem(std::string_view peritem, const MbnamesItem& item);

}  // namespace oimap::driver
