// SPDX-License-Identifier: GPL-2.0-or-later
// Methods of str, list and dict objects (Python library reference, "Built-in Types").
// Case mapping is ASCII-only here, so it is Unsupported on non-ASCII text.
#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "pyeval/eval.hpp"
#include "pyeval/strings.hpp"

namespace oimap::pyeval {
namespace {

using Method = Value (*)(const std::string& self, Args& args);

std::string ascii_case(const std::string& s, bool upper, const char* name) {
    if (has_non_ascii(s)) throw Unsupported(cat("str.", name, "() on non-ASCII text"));
    std::string out = s;
    for (char& c : out) c = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
    return out;
}

Value lower(const std::string& s, Args& a) {
    check_arity(a, "lower", 0, 0);
    return Value::str(ascii_case(s, false, "lower"));
}

Value upper(const std::string& s, Args& a) {
    check_arity(a, "upper", 0, 0);
    return Value::str(ascii_case(s, true, "upper"));
}

Value capitalize(const std::string& s, Args& a) {
    check_arity(a, "capitalize", 0, 0);
    std::string out = ascii_case(s, false, "capitalize");
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(out[0]));
    return Value::str(out);
}

Value strip_impl(const std::string& s, Args& a, const char* name, bool left, bool right) {
    check_arity(a, name, 0, 1);
    const Value* chars = argument(a, 0, "");
    std::u32string set;
    if (chars && chars->kind != Value::Kind::kNone) set = to_code_points(expect_str(*chars, "strip arg"));
    auto strip_it = [&](char32_t c) {
        return chars && chars->kind != Value::Kind::kNone ? set.find(c) != std::u32string::npos
                                                          : is_space(c);
    };
    std::u32string text = to_code_points(s);
    size_t b = 0, e = text.size();
    while (left && b < e && strip_it(text[b])) ++b;
    while (right && e > b && strip_it(text[e - 1])) --e;
    return Value::str(to_utf8(text.substr(b, e - b)));
}

Value strip(const std::string& s, Args& a) { return strip_impl(s, a, "strip", true, true); }
Value lstrip(const std::string& s, Args& a) { return strip_impl(s, a, "lstrip", true, false); }
Value rstrip(const std::string& s, Args& a) { return strip_impl(s, a, "rstrip", false, true); }

Value affix(const std::string& s, Args& a, const char* name, bool prefix) {
    check_arity(a, name, 1, 1);
    const Value& arg = a.positional[0];
    std::vector<Value> options = arg.kind == Value::Kind::kTuple ? *arg.items : std::vector<Value>{arg};
    for (const Value& o : options) {
        if (!o.is_str()) {
            throw PyError(cat("TypeError: ", name, " first arg must be str or a tuple of str, not ",
                              type_name(o)));
        }
        bool hit = o.s.size() <= s.size() &&
                   (prefix ? s.compare(0, o.s.size(), o.s) == 0
                           : s.compare(s.size() - o.s.size(), o.s.size(), o.s) == 0);
        if (hit) return Value::boolean(true);
    }
    return Value::boolean(false);
}

Value startswith(const std::string& s, Args& a) { return affix(s, a, "startswith", true); }
Value endswith(const std::string& s, Args& a) { return affix(s, a, "endswith", false); }

Value replace(const std::string& s, Args& a) {
    check_arity(a, "replace", 2, 3);
    const std::string& from = expect_str(a.positional[0], "replace() argument 1");
    const std::string& to = expect_str(a.positional[1], "replace() argument 2");
    int64_t count = a.positional.size() > 2 ? expect_int(a.positional[2], "count") : -1;
    if (from.empty()) throw Unsupported("str.replace() with an empty pattern");
    std::string out;
    size_t pos = 0;
    for (int64_t n = 0; count < 0 || n < count; ++n) {
        size_t hit = s.find(from, pos);
        if (hit == std::string::npos) break;
        out += s.substr(pos, hit - pos) + to;
        pos = hit + from.size();
    }
    return Value::str(out + s.substr(pos));
}

Value split_impl(const std::string& s, Args& a, bool from_right) {
    check_arity(a, from_right ? "rsplit" : "split", 0, 2, {"sep", "maxsplit"});
    const Value* sep = argument(a, 0, "sep");
    const Value* max = argument(a, 1, "maxsplit");
    int64_t maxsplit = max ? expect_int(*max, "maxsplit") : -1;
    if (!sep || sep->kind == Value::Kind::kNone) {
        if (from_right && maxsplit >= 0) throw Unsupported("str.rsplit() on whitespace with maxsplit");
        std::u32string text = to_code_points(s);
        Value::Items parts;
        size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && is_space(text[i])) ++i;
            if (i >= text.size()) break;
            size_t j = i;
            if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
                j = text.size();  // the remainder keeps its trailing whitespace
            } else {
                while (j < text.size() && !is_space(text[j])) ++j;
            }
            parts.push_back(Value::str(to_utf8(text.substr(i, j - i))));
            i = j;
        }
        return Value::list(parts);
    }
    const std::string& d = expect_str(*sep, "must be str or None");
    if (d.empty()) throw PyError("ValueError: empty separator");
    size_t pos = 0;
    std::vector<size_t> hits;
    for (size_t h = s.find(d); h != std::string::npos; h = s.find(d, h + d.size())) hits.push_back(h);
    if (maxsplit >= 0 && hits.size() > static_cast<size_t>(maxsplit)) {
        if (from_right) {
            hits.erase(hits.begin(), hits.end() - maxsplit);
        } else {
            hits.resize(static_cast<size_t>(maxsplit));
        }
    }
    Value::Items parts;
    for (size_t h : hits) {
        parts.push_back(Value::str(s.substr(pos, h - pos)));
        pos = h + d.size();
    }
    parts.push_back(Value::str(s.substr(pos)));
    return Value::list(parts);
}

Value split_method(const std::string& s, Args& a) { return split_impl(s, a, false); }
Value rsplit(const std::string& s, Args& a) { return split_impl(s, a, true); }

Value join(const std::string& s, Args& a) {
    check_arity(a, "join", 1, 1);
    std::string out;
    size_t k = 0;
    for (const Value& item : iterate(a.positional[0])) {
        if (!item.is_str()) {
            throw PyError(cat("TypeError: sequence item ", k, ": expected str instance, ",
                              type_name(item), " found"));
        }
        out += (k++ ? s : "") + item.s;
    }
    return Value::str(out);
}

Value find_impl(const std::string& s, Args& a, const char* name) {
    check_arity(a, name, 1, 1);
    const std::string& sub = expect_str(a.positional[0], cat(name, "() argument"));
    std::string n = name;
    if (n == "count") {
        if (sub.empty()) return Value::integer(static_cast<int64_t>(code_points(s) + 1));
        int64_t count = 0;
        for (size_t h = s.find(sub); h != std::string::npos; h = s.find(sub, h + sub.size())) ++count;
        return Value::integer(count);
    }
    size_t hit = n == "find" || n == "index" ? s.find(sub) : s.rfind(sub);
    if (hit == std::string::npos) {
        if (n == "index" || n == "rindex") throw PyError("ValueError: substring not found");
        return Value::integer(-1);
    }
    return Value::integer(static_cast<int64_t>(code_point_index(s, hit)));
}

Value find(const std::string& s, Args& a) { return find_impl(s, a, "find"); }
Value rfind(const std::string& s, Args& a) { return find_impl(s, a, "rfind"); }
Value index(const std::string& s, Args& a) { return find_impl(s, a, "index"); }
Value rindex(const std::string& s, Args& a) { return find_impl(s, a, "rindex"); }
Value count(const std::string& s, Args& a) { return find_impl(s, a, "count"); }

const std::map<std::string, Method, std::less<>> kStrMethods = {
    {"lower", lower},       {"upper", upper},     {"capitalize", capitalize},
    {"strip", strip},       {"lstrip", lstrip},   {"rstrip", rstrip},
    {"startswith", startswith}, {"endswith", endswith}, {"replace", replace},
    {"split", split_method}, {"rsplit", rsplit},  {"join", join},
    {"find", find},         {"rfind", rfind},     {"index", index},
    {"rindex", rindex},     {"count", count},
};

Value dict_method(const Value& self, const std::string& name) {
    auto pairs = self.pairs;
    if (name == "get") {
        return Value::function("dict.get", [pairs](Args& a) {
            check_arity(a, "get", 1, 2);
            for (const auto& [k, v] : *pairs) {
                if (equals(k, a.positional[0])) return v;
            }
            return a.positional.size() > 1 ? a.positional[1] : Value::none();
        });
    }
    if (name == "keys" || name == "values" || name == "items") {
        return Value::function("dict." + name, [pairs, name](Args& a) {
            check_arity(a, name, 0, 0);
            Value::Items out;
            for (const auto& [k, v] : *pairs) {
                out.push_back(name == "keys" ? k : name == "values" ? v : Value::tuple({k, v}));
            }
            return Value::list(out);
        });
    }
    throw Unsupported(cat("dict.", name));
}

}  // namespace

Value attribute(const Value& v, const std::string& name) {
    if (v.is_str()) {
        auto it = kStrMethods.find(name);
        if (it == kStrMethods.end()) throw Unsupported(cat("str.", name));
        std::string self = v.s;
        Method m = it->second;
        return Value::function("str." + name, [self, m](Args& a) { return m(self, a); });
    }
    if (v.kind == Value::Kind::kDict) return dict_method(v, name);
    if (v.kind == Value::Kind::kObject) return v.obj->attribute(name);
    if (v.is_sequence()) throw Unsupported(cat(type_name(v), ".", name));
    throw PyError(cat("AttributeError: '", type_name(v), "' object has no attribute '", name, "'"));
}

}  // namespace oimap::pyeval
