// SPDX-License-Identifier: GPL-2.0-or-later
// The `re` module offlineimap injects into nametrans, folderfilter, folderincludes and
// foldersort: sub, subn, search, match, fullmatch, split, findall, compile, escape and the
// flags, with Pattern and Match objects.  Compiled patterns are cached per module object.
#include <cstring>
#include <cstring>
#include <map>
#include <mutex>

#include "core/text.hpp"
#include "pyeval/eval.hpp"
#include "pyeval/regex.hpp"
#include "pyeval/strings.hpp"

namespace oimap::pyeval {
namespace {

using RegexPtr = std::shared_ptr<const CompiledRegex>;

struct MatchData {
    RegexPtr re;
    std::string subject;
    RegexMatch m;

    Value group(const Value& which) const {
        size_t g = 0;
        if (which.is_str()) {
            auto it = re->names.find(which.s);
            if (it == re->names.end()) throw PyError("IndexError: no such group");
            g = it->second;
        } else {
            int64_t n = expect_int(which, "group index");
            if (n < 0 || static_cast<size_t>(n) > re->groups) throw PyError("IndexError: no such group");
            g = static_cast<size_t>(n);
        }
        auto [b, e] = m.spans[g];
        if (b < 0) return Value::none();
        return Value::str(subject.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
    }
    int64_t position(size_t g, bool end) const {
        long byte = end ? m.spans[g].second : m.spans[g].first;
        return byte < 0 ? -1 : static_cast<int64_t>(code_point_index(subject, static_cast<size_t>(byte)));
    }
};

class MatchObject : public Object {
public:
    explicit MatchObject(std::shared_ptr<const MatchData> d) : d_(std::move(d)) {}
    std::string type_name() const override { return "re.Match"; }

    Value attribute(const std::string& name) override {
        auto d = d_;
        if (name == "group") {
            return Value::function("group", [d](Args& a) {
                check_arity(a, "group", 0, 99);
                if (a.positional.empty()) return d->group(Value::integer(0));
                if (a.positional.size() == 1) return d->group(a.positional[0]);
                Value::Items items;
                for (const Value& g : a.positional) items.push_back(d->group(g));
                return Value::tuple(items);
            });
        }
        if (name == "groups") {
            return Value::function("groups", [d](Args& a) {
                check_arity(a, "groups", 0, 0);
                Value::Items items;
                for (size_t g = 1; g <= d->re->groups; ++g) items.push_back(d->group(Value::integer(static_cast<int64_t>(g))));
                return Value::tuple(items);
            });
        }
        if (name == "start" || name == "end") {
            bool end = name == "end";
            return Value::function(name, [d, end](Args& a) {
                check_arity(a, end ? "end" : "start", 0, 1);
                int64_t g = a.positional.empty() ? 0 : expect_int(a.positional[0], "group");
                if (g < 0 || static_cast<size_t>(g) > d->re->groups) throw PyError("IndexError: no such group");
                return Value::integer(d->position(static_cast<size_t>(g), end));
            });
        }
        if (name == "string") return Value::str(d->subject);
        throw Unsupported(cat("re.Match.", name));
    }

private:
    std::shared_ptr<const MatchData> d_;
};

Value match_value(const RegexPtr& re, const std::string& subject, const std::optional<RegexMatch>& m) {
    if (!m) return Value::none();
    return Value::object(std::make_shared<MatchObject>(std::make_shared<MatchData>(MatchData{re, subject, *m})));
}

Value substitute(const RegexPtr& re, const Value& repl, const std::string& subject, int64_t count, bool with_count) {
    if (repl.kind != Value::Kind::kCallable) {
        // Python compiles the template before searching: a bad one fails even without a match.
        RegexMatch none{std::vector<std::pair<long, long>>(re->groups + 1, {-1, -1})};
        expand_template(*re, expect_str(repl, "repl"), subject, none);
    }
    std::string out;
    size_t pos = 0;
    auto matches = regex_find_all(*re, subject, count > 0 ? static_cast<size_t>(count) : 0);
    for (const RegexMatch& m : matches) {
        auto [b, e] = m.spans[0];
        out += subject.substr(pos, static_cast<size_t>(b) - pos);
        if (repl.kind == Value::Kind::kCallable) {
            Args args{{match_value(re, subject, m)}, {}};
            out += expect_str(call_value(repl, args), "expected str instance");
        } else {
            out += expand_template(*re, expect_str(repl, "repl"), subject, m);
        }
        pos = static_cast<size_t>(e);
    }
    out += subject.substr(pos);
    if (!with_count) return Value::str(out);
    return Value::tuple({Value::str(out), Value::integer(static_cast<int64_t>(matches.size()))});
}

Value find_all(const RegexPtr& re, const std::string& subject) {
    Value::Items items;
    for (const RegexMatch& m : regex_find_all(*re, subject)) {
        MatchData d{re, subject, m};
        if (re->groups == 0) {
            items.push_back(d.group(Value::integer(0)));
        } else if (re->groups == 1) {
            Value g = d.group(Value::integer(1));
            items.push_back(g.kind == Value::Kind::kNone ? Value::str("") : g);
        } else {
            Value::Items groups;
            for (size_t k = 1; k <= re->groups; ++k) {
                Value g = d.group(Value::integer(static_cast<int64_t>(k)));
                groups.push_back(g.kind == Value::Kind::kNone ? Value::str("") : g);
            }
            items.push_back(Value::tuple(groups));
        }
    }
    return Value::list(items);
}

Value split_by(const RegexPtr& re, const std::string& subject, int64_t maxsplit) {
    Value::Items parts;
    size_t pos = 0;
    for (const RegexMatch& m : regex_find_all(*re, subject, maxsplit > 0 ? static_cast<size_t>(maxsplit) : 0)) {
        MatchData d{re, subject, m};
        parts.push_back(Value::str(subject.substr(pos, static_cast<size_t>(m.spans[0].first) - pos)));
        for (size_t k = 1; k <= re->groups; ++k) parts.push_back(d.group(Value::integer(static_cast<int64_t>(k))));
        pos = static_cast<size_t>(m.spans[0].second);
    }
    parts.push_back(Value::str(subject.substr(pos)));
    return Value::list(parts);
}

// One operation of the module or of a Pattern: the pattern is bound, the rest are arguments
// in Python's order (string, then the operation's own).
Value run(const std::string& op, const RegexPtr& re, Args& a, size_t first) {
    auto arg = [&](size_t k, std::string_view name) { return argument(a, first + k, name); };
    if (op == "sub" || op == "subn") {
        const Value* repl = arg(0, "repl");
        const Value* subject = arg(1, "string");
        if (!repl || !subject) throw PyError(cat("TypeError: ", op, "() missing required arguments"));
        const Value* count = arg(2, "count");
        return substitute(re, *repl, expect_str(*subject, "expected string"),
                          count ? expect_int(*count, "count") : 0, op == "subn");
    }
    const Value* subject = arg(0, "string");
    if (!subject) throw PyError(cat("TypeError: ", op, "() missing required argument 'string'"));
    const std::string& s = expect_str(*subject, "expected string");
    if (op == "search") return match_value(re, s, regex_find(*re, s, Anchor::kSearch));
    if (op == "match") return match_value(re, s, regex_find(*re, s, Anchor::kMatch));
    if (op == "fullmatch") return match_value(re, s, regex_find(*re, s, Anchor::kFullMatch));
    if (op == "findall") return find_all(re, s);
    const Value* maxsplit = arg(1, "maxsplit");
    return split_by(re, s, maxsplit ? expect_int(*maxsplit, "maxsplit") : 0);
}

class PatternObject : public Object {
public:
    explicit PatternObject(RegexPtr re) : re_(std::move(re)) {}
    std::string type_name() const override { return "re.Pattern"; }
    const RegexPtr& regex() const { return re_; }

    Value attribute(const std::string& name) override {
        if (name == "pattern") return Value::str(re_->pattern);
        if (name == "flags") return Value::integer(re_->flags);
        static const char* const kOps[] = {"sub", "subn", "search", "match", "fullmatch", "findall", "split"};
        for (const char* op : kOps) {
            if (name != op) continue;
            RegexPtr re = re_;
            std::string o = op;
            return Value::function("Pattern." + o, [re, o](Args& a) { return run(o, re, a, 0); });
        }
        throw Unsupported(cat("re.Pattern.", name));
    }

private:
    RegexPtr re_;
};

class ReModule : public Object, public std::enable_shared_from_this<ReModule> {
public:
    std::string type_name() const override { return "module"; }

    Value attribute(const std::string& name) override;

    RegexPtr compile(const Value& pattern, const Value* flags_value) {
        int flags = flags_value ? static_cast<int>(expect_int(*flags_value, "flags")) : 0;
        if (pattern.kind == Value::Kind::kObject && pattern.obj->type_name() == "re.Pattern") {
            if (flags) throw PyError("ValueError: cannot process flags argument with a compiled pattern");
            return static_cast<PatternObject&>(*pattern.obj).regex();
        }
        const std::string& text = expect_str(pattern, "first argument");
        std::lock_guard lock(mutex_);
        auto key = std::make_pair(text, flags);
        auto it = cache_.find(key);
        if (it == cache_.end()) it = cache_.emplace(key, compile_regex(text, flags)).first;
        return it->second;
    }

private:
    std::mutex mutex_;
    std::map<std::pair<std::string, int>, RegexPtr> cache_;
};

// The index of `flags` among each function's positional parameters (pattern first).
size_t flags_position(const std::string& op) {
    if (op == "sub" || op == "subn") return 4;
    if (op == "split") return 3;
    return 2;
}

Value ReModule::attribute(const std::string& name) {
    static const std::map<std::string, int> kFlags = {
        {"I", kIgnoreCase}, {"IGNORECASE", kIgnoreCase}, {"M", kMultiline}, {"MULTILINE", kMultiline},
        {"S", kDotAll}, {"DOTALL", kDotAll}, {"X", kVerbose}, {"VERBOSE", kVerbose},
        {"A", kAscii}, {"ASCII", kAscii}, {"U", kUnicode}, {"UNICODE", kUnicode},
        {"L", kLocale}, {"LOCALE", kLocale}};
    if (auto f = kFlags.find(name); f != kFlags.end()) return Value::integer(f->second);
    auto self = shared_from_this();
    if (name == "compile") {
        return Value::function("re.compile", [self](Args& a) {
            check_arity(a, "compile", 1, 2, {"flags"});
            return Value::object(std::make_shared<PatternObject>(self->compile(a.positional[0], argument(a, 1, "flags"))));
        });
    }
    if (name == "escape") {
        return Value::function("re.escape", [](Args& a) {
            check_arity(a, "escape", 1, 1);
            std::string out;
            for (char c : expect_str(a.positional[0], "escape argument")) {
                if (std::strchr("()[]{}?*+-|^$\\.&~# \t\n\r\v\f", c) && c) out += '\\';
                out += c;
            }
            return Value::str(out);
        });
    }
    static const char* const kOps[] = {"sub", "subn", "search", "match", "fullmatch", "findall", "split"};
    for (const char* op : kOps) {
        if (name != op) continue;
        std::string o = op;
        return Value::function("re." + o, [self, o](Args& a) {
            size_t fp = flags_position(o);
            check_arity(a, o, 1, fp + 1, {"pattern", "repl", "string", "count", "maxsplit", "flags"});
            const Value* pattern = argument(a, 0, "pattern");
            return run(o, self->compile(*pattern, argument(a, fp, "flags")), a, 1);
        });
    }
    throw Unsupported(cat("re.", name));
}

}  // namespace

Value make_re_module() { return Value::object(std::make_shared<ReModule>()); }

}  // namespace oimap::pyeval
