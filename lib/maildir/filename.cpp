// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap3 uses three regular expressions on the str file name:
// ',U=(\d+)' (first match anywhere), the substring ',FMD5=<md5>', and '<sep>2,(\w*)'
// (first match). The searches below reproduce them on bytes; only '\w' needs to know about
// characters, which utf8_units provides.
#include "maildir/filename.hpp"

#include <vector>

#include "core/text.hpp"
#include "maildir/flags.hpp"
#include "maildir/utf8_units.hpp"

namespace oimap::maildir {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// re.search(',U=(\d+)'): the first ",U=" followed by at least one digit. "Found but does not
// fit 32 bits" gives nullopt as well.
std::optional<uint32_t> find_uid(std::string_view name) {
    for (size_t pos = name.find(",U="); pos != std::string_view::npos;
         pos = name.find(",U=", pos + 1)) {
        size_t start = pos + 3, end = start;
        while (end < name.size() && is_digit(name[end]))
            ++end;
        if (end > start)
            return parse_number<uint32_t>(name.substr(start, end - start));
    }
    return std::nullopt;
}

std::optional<std::string> find_fmd5(std::string_view name) {
    size_t pos = name.find(",FMD5=");
    if (pos == std::string_view::npos)
        return std::nullopt;
    size_t start = pos + 6, end = start;
    while (end < name.size() && is_hex(name[end]))
        ++end;
    return std::string(name.substr(start, end - start));
}

// The first match of '<sep>2,(\w*)': {offset of the match, length of the match in bytes,
// length in characters}; offset is npos without a match.
struct InfoMatch {
    size_t offset = std::string_view::npos;
    size_t bytes = 0;
    size_t characters = 0;
};

InfoMatch find_info(std::string_view name, char info_sep) {
    const char marker[] = {info_sep, '2', ','};
    size_t pos = name.find(std::string_view(marker, 3));
    if (pos == std::string_view::npos)
        return {};
    InfoMatch match{pos, 3, 3};
    while (pos + match.bytes < name.size()) {
        Utf8Unit unit = utf8_unit_at(name, pos + match.bytes);
        if (!is_word_character(unit))
            break;
        match.bytes += unit.length;
        match.characters += 1;
    }
    return match;
}

}  // namespace

ParsedName parse_filename(std::string_view name, std::string_view folder_md5, char info_sep) {
    ParsedName parsed;
    parsed.name_uid = find_uid(name);
    parsed.fmd5 = find_fmd5(name);
    std::string marker = std::string(",FMD5=").append(folder_md5);
    if (name.find(marker) != std::string_view::npos)
        parsed.uid = parsed.name_uid;
    InfoMatch info = find_info(name, info_sep);
    if (info.offset != std::string_view::npos) {
        parsed.has_info = true;
        parsed.flags = std::string(name.substr(info.offset + 3, info.bytes - 3));
    }
    return parsed;
}

std::string format_filename(const NewName& parts) {
    std::string name =
        cat(parts.time, '_', parts.seq, '.', parts.pid, '.', parts.host, ",U=", parts.uid,
            ",FMD5=", parts.fmd5, parts.info_sep, "2,", normalize_flags(parts.flags));
    for (char& c : name) {
        if (c == '/')
            c = '-';  // offlineimap: uniq_name.replace(os.path.sep, '-')
    }
    return name;
}

std::string rename_for_flags(std::string_view name, std::string_view flags, char info_sep) {
    std::string_view kept = name;
    InfoMatch info = find_info(name, info_sep);
    if (info.offset != std::string_view::npos) {
        // offlineimap3: filename[:-len(infomatch.group())], counted in characters from the
        // end whether or not the match ends the name; see doc/QUIRKS.md.
        std::vector<size_t> starts;
        for (size_t pos = 0; pos < name.size(); pos += utf8_unit_at(name, pos).length) {
            starts.push_back(pos);
        }
        kept = name.substr(0, starts[starts.size() - info.characters]);
    }
    return cat(kept, info_sep, "2,", normalize_flags(flags));
}

uint32_t SequenceCounter::next(int64_t time) {
    return counts_[time]++;
}

}  // namespace oimap::maildir
