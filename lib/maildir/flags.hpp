// SPDX-License-Identifier: GPL-2.0-or-later
// Maildir flag letters and their mapping to IMAP flags, as offlineimap3 does it
// (imaputil.py flagmap, folder/Base.py combine_flags_and_keywords).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::maildir {

/// The Maildir letters with an IMAP system flag: D F R S T (P has none).
inline constexpr std::string_view kMappedLetters = "DFRST";

/// Letter ('a'..'z') -> IMAP keyword, from the local repository's customflag_<letter>.
using KeywordMap = std::map<char, std::string>;

/// The flag characters of flags without duplicates, sorted by code point (offlineimap's
/// ''.join(sorted(set))). A character is a UTF-8 code point or one undecodable byte.
std::string normalize_flags(std::string_view flags);

/// True if the normalized or unnormalized flags contain the ASCII letter.
inline bool has_flag(std::string_view flags, char letter) {
    return flags.find(letter) != std::string_view::npos;
}

/// The IMAP system flags of the letters S R F T D, sorted by IMAP name ("\Answered",
/// "\Deleted", "\Draft", "\Flagged", "\Seen"); every other letter is ignored.
std::vector<std::string> flags_to_imap(std::string_view maildir_flags);

/// The result of mapping a server's flag list to Maildir letters.
struct FromImap {
    std::string letters;                        ///< normalized letters, keyword letters included
    std::vector<std::string> skipped_keywords;  ///< keywords without a letter, sorted, unique
};

/// Maps IMAP flags to letters: the five system flags match exactly and case-sensitively;
/// everything else (\Recent included) is a keyword, mapped through keywords or skipped.
/// When two letters name the same keyword the later letter wins (offlineimap's dict).
FromImap flags_from_imap(const std::vector<std::string>& imap_flags, const KeywordMap& keywords);

/// The IMAP keywords named by the lower-case letters of flags that keywords maps, in letter
/// order; letters without a mapping are left out.
std::vector<std::string> keywords_of(std::string_view maildir_flags, const KeywordMap& keywords);

/// True if c may be a customflag letter ('a'..'z').
inline bool is_keyword_letter(char c) {
    return c >= 'a' && c <= 'z';
}

}  // namespace oimap::maildir
