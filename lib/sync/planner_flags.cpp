// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_flags.hpp"

#include <bit>

namespace oimap::sync {

FlagSet FlagSet::of(std::string_view letters) {
    FlagSet set;
    for (char c : letters)
        set.add(c);
    return set;
}

void FlagSet::add(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u < 64)
        lo_ |= uint64_t{1} << u;
    else if (u < 128)
        hi_ |= uint64_t{1} << (u - 64);
}

bool FlagSet::has(char c) const {
    auto u = static_cast<unsigned char>(c);
    if (u < 64)
        return (lo_ >> u) & 1;
    if (u < 128)
        return (hi_ >> (u - 64)) & 1;
    return false;
}

std::string FlagSet::str() const {
    std::string out;
    out.reserve(8);
    for (uint64_t w = lo_; w != 0; w &= w - 1)
        out.push_back(static_cast<char>(std::countr_zero(w)));
    for (uint64_t w = hi_; w != 0; w &= w - 1)
        out.push_back(static_cast<char>(64 + std::countr_zero(w)));
    return out;
}

FlagSet system_letters() {
    return FlagSet::of(maildir::kMappedLetters);
}

namespace {

// offlineimap3 imaputil.py flagmap.
char system_letter(std::string_view flag) {
    if (flag == "\\Seen")
        return 'S';
    if (flag == "\\Answered")
        return 'R';
    if (flag == "\\Flagged")
        return 'F';
    if (flag == "\\Deleted")
        return 'T';
    if (flag == "\\Draft")
        return 'D';
    return 0;
}

}  // namespace

ImapFlagMapper::ImapFlagMapper(const maildir::KeywordMap& keywords) : keywords_(keywords) {
    for (const auto& [letter, keyword] : keywords_)
        keyword_letters_.add(letter);
}

FlagSet ImapFlagMapper::letters(std::string_view imap_flags) {
    FlagSet out;
    size_t pos = 0;
    while (pos < imap_flags.size()) {
        size_t end = imap_flags.find(' ', pos);
        if (end == std::string_view::npos)
            end = imap_flags.size();
        std::string_view flag = imap_flags.substr(pos, end - pos);
        pos = end + 1;
        if (flag.empty())
            continue;
        if (char letter = system_letter(flag)) {
            out.add(letter);
            continue;
        }
        if (keywords_.empty())
            continue;
        // When two letters name one keyword the later letter wins (offlineimap's dict).
        char found = 0;
        for (const auto& [letter, keyword] : keywords_)
            if (keyword == flag)
                found = letter;
        if (found)
            out.add(found);
        else
            skipped_.insert(std::string(flag));
    }
    return out;
}

std::set<std::string> ImapFlagMapper::take_skipped() {
    std::set<std::string> out;
    out.swap(skipped_);
    return out;
}

}  // namespace oimap::sync
