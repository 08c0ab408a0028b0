// SPDX-License-Identifier: GPL-2.0-or-later
// Python `re` patterns on top of std::regex (ECMAScript): translation of the syntax that
// differs, and Python's search/match/sub semantics (internal to lib/pyeval).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace oimap::pyeval {

/// Python's re flag values.
enum RegexFlag : int {
    kIgnoreCase = 2,
    kLocale = 4,
    kMultiline = 8,
    kDotAll = 16,
    kUnicode = 32,
    kVerbose = 64,
    kAscii = 256,
};

struct CompiledRegex {
    std::string pattern;  ///< as written in Python
    int flags = 0;
    std::regex regex;
    size_t groups = 0;
    std::map<std::string, size_t> names;  ///< (?P<name>...) -> group number
    /// False when the pattern has constructs (., \w, [^...], IGNORECASE, ...) whose meaning
    /// on non-ASCII text differs between Python and byte-wise std::regex.
    bool byte_safe = true;
};

/// One match: the group spans in bytes, -1 for a group that did not take part.
struct RegexMatch {
    std::vector<std::pair<long, long>> spans;
};

/// Translates and compiles pattern.  Throws Unsupported for Python syntax std::regex
/// cannot express (look-behind, conditionals, verbose mode, non-ASCII patterns) and
/// PyError "re.error: ..." for a pattern both reject.
std::shared_ptr<const CompiledRegex> compile_regex(const std::string& pattern, int flags);

enum class Anchor { kSearch, kMatch, kFullMatch };

/// re.search / re.match / re.fullmatch on subject from byte offset start (not_empty: refuse
/// an empty match).  Throws Unsupported when subject is non-ASCII and the pattern is not
/// byte-safe.
std::optional<RegexMatch> regex_find(const CompiledRegex& re, const std::string& subject,
                                     Anchor anchor, size_t start = 0, bool not_empty = false);

/// Every non-overlapping match, with Python 3.7+ rules for empty matches; at most count
/// matches when count > 0.
std::vector<RegexMatch> regex_find_all(const CompiledRegex& re, const std::string& subject,
                                       size_t count = 0);

/// Expands a re.sub replacement template (\1, \g<1>, \g<name>, \n, ...) for one match.
/// Throws PyError "re.error: ..." on a bad escape or an unknown group.
std::string expand_template(const CompiledRegex& re, const std::string& repl,
                            const std::string& subject, const RegexMatch& m);

}  // namespace oimap::pyeval
