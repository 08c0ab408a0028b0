// SPDX-License-Identifier: GPL-2.0-or-later
// Flag sets of the planner: Maildir letters as a 128-bit set, and the mapping of a server's
// flag list to letters (spec §6.3; offlineimap3 imaputil.py flagmap, folder/Base.py
// combine_flags_and_keywords).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "maildir/flags.hpp"

namespace oimap::sync {

/// A set of ASCII flag characters.  Characters outside ASCII are not representable; the
/// planner drops them (doc/planner.md, "Flags").
class FlagSet {
public:
    FlagSet() = default;
    /// The ASCII characters of letters; others are ignored.
    static FlagSet of(std::string_view letters);

    void add(char c);
    bool has(char c) const;
    bool empty() const { return lo_ == 0 && hi_ == 0; }
    /// The letters sorted by code point ("FRSab"), as offlineimap writes them.
    std::string str() const;

    FlagSet operator|(FlagSet o) const { return {lo_ | o.lo_, hi_ | o.hi_}; }
    FlagSet operator&(FlagSet o) const { return {lo_ & o.lo_, hi_ & o.hi_}; }
    FlagSet operator-(FlagSet o) const { return {lo_ & ~o.lo_, hi_ & ~o.hi_}; }
    bool operator==(const FlagSet&) const = default;

private:
    FlagSet(uint64_t lo, uint64_t hi) : lo_(lo), hi_(hi) {}
    uint64_t lo_ = 0;
    uint64_t hi_ = 0;
};

/// The five letters with an IMAP system flag (D F R S T).
FlagSet system_letters();

/// Maps IMAP flags to letters for one folder, remembering the keywords it had to skip.
class ImapFlagMapper {
public:
    /// keywords: the local repository's customflag_<letter> table (may be empty).
    explicit ImapFlagMapper(const maildir::KeywordMap& keywords);

    /// The letters of a space-separated IMAP flag list: the five system flags match exactly
    /// and case-sensitively; other flags go through the keyword table.  Unmapped keywords
    /// (\Recent included) are remembered, but only when a keyword table is configured, as
    /// offlineimap only warns then.
    FlagSet letters(std::string_view imap_flags);
    /// The letters of the keyword table.
    FlagSet keyword_letters() const { return keyword_letters_; }
    /// Keywords skipped since the last call, sorted; clears the list.
    std::set<std::string> take_skipped();

private:
    maildir::KeywordMap keywords_;
    FlagSet keyword_letters_;
    std::set<std::string> skipped_;
};

}  // namespace oimap::sync
