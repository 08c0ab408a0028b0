// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/flags.hpp"

#include <algorithm>
#include <set>

#include "maildir/utf8_units.hpp"

namespace oimap::maildir {
namespace {

struct SystemFlag {
    std::string_view imap;
    char letter;
};

// offlineimap3 imaputil.py flagmap, reordered by IMAP name (the order of STORE lists).
constexpr SystemFlag kSystemFlags[] = {
    {"\\Answered", 'R'}, {"\\Deleted", 'T'}, {"\\Draft", 'D'}, {"\\Flagged", 'F'}, {"\\Seen", 'S'},
};

const SystemFlag* find_system_flag(std::string_view imap) {
    for (const auto& flag : kSystemFlags) {
        if (flag.imap == imap)
            return &flag;
    }
    return nullptr;
}

}  // namespace

std::string normalize_flags(std::string_view flags) {
    // Fast path: ASCII only (every real Maildir), a bitmap instead of a set.
    if (std::all_of(flags.begin(), flags.end(), [](char c) { return (c & 0x80) == 0; })) {
        bool seen[128] = {};
        for (char c : flags)
            seen[static_cast<unsigned char>(c)] = true;
        std::string out;
        for (int c = 0; c < 128; ++c) {
            if (seen[c])
                out.push_back(static_cast<char>(c));
        }
        return out;
    }
    // Sorted by code point as Python does; an undecodable byte counts as U+DC80..U+DCFF.
    std::set<std::pair<uint32_t, std::string_view>> units;
    for (size_t pos = 0; pos < flags.size();) {
        Utf8Unit unit = utf8_unit_at(flags, pos);
        units.insert({unit.code_point, flags.substr(pos, unit.length)});
        pos += unit.length;
    }
    std::string out;
    for (const auto& [code_point, bytes] : units)
        out += bytes;
    return out;
}

std::vector<std::string> flags_to_imap(std::string_view maildir_flags) {
    std::vector<std::string> out;
    for (const auto& flag : kSystemFlags) {
        if (has_flag(maildir_flags, flag.letter))
            out.emplace_back(flag.imap);
    }
    return out;
}

FromImap flags_from_imap(const std::vector<std::string>& imap_flags, const KeywordMap& keywords) {
    std::map<std::string_view, char> letter_of;  // later letters overwrite earlier ones
    for (const auto& [letter, keyword] : keywords)
        letter_of[keyword] = letter;
    std::string letters;
    std::set<std::string> skipped;
    for (const auto& flag : imap_flags) {
        if (const SystemFlag* system = find_system_flag(flag)) {
            letters.push_back(system->letter);
        } else if (auto it = letter_of.find(flag); it != letter_of.end()) {
            letters.push_back(it->second);
        } else {
            skipped.insert(flag);
        }
    }
    return {normalize_flags(letters), {skipped.begin(), skipped.end()}};
}

std::vector<std::string> keywords_of(std::string_view maildir_flags, const KeywordMap& keywords) {
    std::vector<std::string> out;
    for (const auto& [letter, keyword] : keywords) {
        if (has_flag(maildir_flags, letter))
            out.push_back(keyword);
    }
    return out;
}

}  // namespace oimap::maildir
