// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the translator walks the Python pattern once, copying what
// ECMAScript reads the same way and rewriting the rest: \A and \Z become ^ and $,
// (?P<name>...) becomes a numbered group, a leading inline (?i) becomes the icase flag,
// stray braces are escaped, and a ']' first in a class is escaped.  Anything with no
// ECMAScript equivalent is Unsupported, so the caller uses python3 instead.
#include "pyeval/regex.hpp"

#include <cctype>
#include <cstring>

#include "core/text.hpp"
#include "pyeval/value.hpp"

namespace oimap::pyeval {
namespace {

class Translator {
public:
    Translator(const std::string& pattern, CompiledRegex& out) : p_(pattern), out_(out) {}

    std::string run() {
        if (has_non_ascii(p_)) throw Unsupported("non-ASCII regular expressions");
        while (i_ < p_.size()) step();
        return result_;
    }

private:
    void step() {
        char c = p_[i_];
        if (c == '*' || c == '+' || c == '?') return quantifier(c);
        if (c == '{' && brace_quantifier()) return;
        repeat_ = Repeat::kNone;
        if (c == '\\') return escape();
        if (c == '[') return char_class();
        if (c == '(') return group();
        if (c == '{' || c == '}') {
            result_ += '\\';
            result_ += c;
            ++i_;
            return;
        }
        if (c == '.') {
            out_.byte_safe = false;
            result_ += (out_.flags & kDotAll) ? "[\\s\\S]" : ".";
            ++i_;
            return;
        }
        result_ += c;
        ++i_;
    }

    // Python: a quantifier may be followed by one '?' (lazy) or '+' (possessive), nothing else.
    void quantifier(char c) {
        if (repeat_ == Repeat::kQuantified && c == '+') throw Unsupported("possessive quantifiers");
        if (repeat_ == Repeat::kModified || (repeat_ == Repeat::kQuantified && c != '?')) {
            throw PyError(cat("re.error: multiple repeat at position ", i_));
        }
        repeat_ = repeat_ == Repeat::kQuantified ? Repeat::kModified : Repeat::kQuantified;
        result_ += c;
        ++i_;
    }

    void escape() {
        if (i_ + 1 >= p_.size()) throw PyError("re.error: bad escape (end of pattern)");
        char e = p_[i_ + 1];
        i_ += 2;
        if (e == 'A') {
            result_ += "^";
        } else if (e == 'Z') {
            result_ += "$";
        } else if (std::strchr("dDwWsSbB", e)) {
            out_.byte_safe = false;
            result_ += '\\';
            result_ += e;
        } else if (e == 'u' || e == 'U' || e == 'N') {
            throw Unsupported("\\u, \\U and \\N escapes in regular expressions");
        } else if (std::isalpha(static_cast<unsigned char>(e)) && !std::strchr("afnrtvx", e)) {
            throw PyError(cat("re.error: bad escape \\", e));
        } else {
            result_ += '\\';
            result_ += e;
        }
    }

    void char_class() {
        result_ += '[';
        ++i_;
        if (i_ < p_.size() && p_[i_] == '^') {
            out_.byte_safe = false;
            result_ += '^';
            ++i_;
        }
        if (i_ < p_.size() && p_[i_] == ']') {
            result_ += "\\]";
            ++i_;
        }
        while (i_ < p_.size() && p_[i_] != ']') {
            if (p_[i_] == '\\' && i_ + 1 < p_.size()) {
                if (std::strchr("dDwWsS", p_[i_ + 1])) out_.byte_safe = false;
                result_ += p_.substr(i_, 2);
                i_ += 2;
            } else {
                if (p_[i_] == '[') result_ += '\\';
                result_ += p_[i_++];
            }
        }
        if (i_ >= p_.size()) throw PyError("re.error: unterminated character set");
        result_ += ']';
        ++i_;
    }

    void group() {
        std::string rest = p_.substr(i_, 4);
        if (rest.rfind("(?P<", 0) == 0) {
            size_t close = p_.find('>', i_);
            if (close == std::string::npos) throw PyError("re.error: missing >, unterminated name");
            std::string name = p_.substr(i_ + 4, close - i_ - 4);
            if (out_.names.count(name)) {
                throw PyError(cat("re.error: redefinition of group name '", name, "' as group ",
                                  out_.groups + 1, "; was group ", out_.names[name], " at position ", i_ + 4));
            }
            out_.names[name] = ++out_.groups;
            result_ += '(';
            i_ = close + 1;
        } else if (rest.rfind("(?P=", 0) == 0) {
            size_t close = p_.find(')', i_);
            auto it = out_.names.find(p_.substr(i_ + 4, close - i_ - 4));
            if (close == std::string::npos || it == out_.names.end()) {
                throw PyError("re.error: unknown group name");
            }
            result_ += cat("\\", it->second);
            i_ = close + 1;
        } else if (rest.rfind("(?:", 0) == 0 || rest.rfind("(?=", 0) == 0 ||
                   rest.rfind("(?!", 0) == 0) {
            result_ += p_.substr(i_, 3);
            i_ += 3;
        } else if (rest.rfind("(?#", 0) == 0) {
            size_t close = p_.find(')', i_);
            if (close == std::string::npos) throw PyError("re.error: missing ), unterminated comment");
            i_ = close + 1;
        } else if (rest.rfind("(?", 0) == 0) {
            inline_flags();
        } else {
            ++out_.groups;
            result_ += '(';
            ++i_;
        }
    }

    // (?aiu) at the start of the pattern; other inline flags are not translated.
    void inline_flags() {
        size_t close = p_.find(')', i_);
        std::string letters = close == std::string::npos ? "" : p_.substr(i_ + 2, close - i_ - 2);
        bool ok = !letters.empty() && i_ == 0 && letters.find_first_not_of("aiu") == std::string::npos;
        if (!ok) throw Unsupported(cat("the regular expression construct '", p_.substr(i_, 3), "'"));
        if (letters.find('i') != std::string::npos) out_.flags |= kIgnoreCase;
        i_ = close + 1;
    }

    // Python reads '{' that does not start {m}, {m,}, {,n} or {m,n} as a literal; returns
    // false for such a literal.
    bool brace_quantifier() {
        size_t close = p_.find('}', i_);
        std::string body = close == std::string::npos ? "" : p_.substr(i_ + 1, close - i_ - 1);
        bool quantifier = !body.empty() && body != "," &&
                          body.find_first_not_of("0123456789,") == std::string::npos &&
                          body.find(',') == body.rfind(',');
        if (!quantifier) return false;
        if (repeat_ != Repeat::kNone) throw PyError(cat("re.error: multiple repeat at position ", i_));
        repeat_ = Repeat::kQuantified;
        if (body[0] == ',') body = "0" + body;
        result_ += "{" + body + "}";
        i_ = close + 1;
        return true;
    }

    enum class Repeat { kNone, kQuantified, kModified };

    const std::string& p_;
    CompiledRegex& out_;
    std::string result_;
    size_t i_ = 0;
    Repeat repeat_ = Repeat::kNone;
};

std::optional<char> simple_escape(char c) {
    switch (c) {
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        case '\\': return '\\';
        default: return std::nullopt;
    }
}

std::regex::flag_type std_flags(int flags) {
    auto f = std::regex::ECMAScript;
    if (flags & kIgnoreCase) f |= std::regex::icase;
    return f;
}

}  // namespace

std::shared_ptr<const CompiledRegex> compile_regex(const std::string& pattern, int flags) {
    if (flags & (kVerbose | kLocale | kMultiline)) {
        throw Unsupported("re.VERBOSE, re.LOCALE and re.MULTILINE");
    }
    auto re = std::make_shared<CompiledRegex>();
    re->pattern = pattern;
    re->flags = flags;
    std::string translated = Translator(pattern, *re).run();
    if (re->flags & kIgnoreCase) re->byte_safe = false;
    try {
        re->regex = std::regex(translated, std_flags(re->flags));
    } catch (const std::regex_error& e) {
        throw Unsupported(cat("regular expression '", pattern, "': ", e.what()));
    }
    return re;
}

std::optional<RegexMatch> regex_find(const CompiledRegex& re, const std::string& subject,
                                     Anchor anchor, size_t start, bool not_empty) {
    if (!re.byte_safe && has_non_ascii(subject)) {
        throw Unsupported("this regular expression on non-ASCII text");
    }
    auto flags = std::regex_constants::match_default;
    if (start > 0) flags |= std::regex_constants::match_prev_avail;
    if (anchor != Anchor::kSearch) flags |= std::regex_constants::match_continuous;
    if (not_empty) flags |= std::regex_constants::match_not_null;
    std::smatch m;
    auto begin = subject.begin() + static_cast<long>(start);
    bool found = anchor == Anchor::kFullMatch ? std::regex_match(begin, subject.end(), m, re.regex, flags)
                                              : std::regex_search(begin, subject.end(), m, re.regex, flags);
    if (!found) return std::nullopt;
    RegexMatch result;
    for (size_t g = 0; g < m.size(); ++g) {
        if (!m[g].matched) {
            result.spans.emplace_back(-1, -1);
        } else {
            long b = m[g].first - subject.begin();
            result.spans.emplace_back(b, b + m[g].length());
        }
    }
    return result;
}

std::vector<RegexMatch> regex_find_all(const CompiledRegex& re, const std::string& subject,
                                       size_t count) {
    std::vector<RegexMatch> all;
    size_t pos = 0;
    long last_empty = -1;
    while (pos <= subject.size() && (count == 0 || all.size() < count)) {
        auto m = regex_find(re, subject, Anchor::kSearch, pos);
        if (!m) break;
        auto [b, e] = m->spans[0];
        if (b == e && b == last_empty) {
            // Python takes no empty match where the previous empty match was: it wants a
            // non-empty one there, else any match further on.
            m = regex_find(re, subject, Anchor::kMatch, pos, true);
            size_t next = pos + 1;  // the next code point: Python positions are characters
            while (next < subject.size() && (static_cast<unsigned char>(subject[next]) & 0xC0) == 0x80) ++next;
            if (!m && pos < subject.size()) m = regex_find(re, subject, Anchor::kSearch, next);
            if (!m) break;
            std::tie(b, e) = m->spans[0];
        }
        all.push_back(*m);
        last_empty = b == e ? e : -1;
        pos = static_cast<size_t>(e);
    }
    return all;
}

std::string expand_template(const CompiledRegex& re, const std::string& repl,
                            const std::string& subject, const RegexMatch& m) {
    size_t at = 0;
    auto group = [&](size_t g) -> std::string {
        if (g > re.groups) throw PyError(cat("re.error: invalid group reference ", g, " at position ", at));
        auto [b, e] = m.spans[g];
        return b < 0 ? "" : subject.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
    };
    std::string out;
    for (size_t i = 0; i < repl.size(); ++i) {
        if (repl[i] != '\\' || i + 1 >= repl.size()) {
            out += repl[i];
            continue;
        }
        char c = repl[++i];
        at = i;
        if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t g = static_cast<size_t>(c - '0');
            if (i + 1 < repl.size() && std::isdigit(static_cast<unsigned char>(repl[i + 1]))) {
                g = g * 10 + static_cast<size_t>(repl[++i] - '0');
            }
            out += group(g);
        } else if (c == 'g') {
            size_t close = repl.find('>', i);
            if (i + 1 >= repl.size() || repl[i + 1] != '<' || close == std::string::npos) {
                throw PyError("re.error: missing <");
            }
            std::string name = repl.substr(i + 2, close - i - 2);
            auto number = parse_number<size_t>(name);
            auto it = re.names.find(name);
            if (!number && it == re.names.end()) throw PyError(cat("re.error: unknown group name '", name, "'"));
            out += group(number ? *number : it->second);
            i = close;
        } else if (auto simple = simple_escape(c)) {
            out += *simple;
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            throw PyError(cat("re.error: bad escape \\", c));
        } else {
            out += '\\';
            out += c;
        }
    }
    return out;
}

}  // namespace oimap::pyeval
