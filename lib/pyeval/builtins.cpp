// SPDX-License-Identifier: GPL-2.0-or-later
// Builtin functions, iteration, indexing and slicing with Python's rules (str indices are
// code points).
#include <algorithm>

#include "core/text.hpp"
#include "pyeval/eval.hpp"
#include "pyeval/strings.hpp"

namespace oimap::pyeval {
namespace {

Value str_of(const std::u32string& text) { return Value::str(to_utf8(text)); }

Value builtin_len(Args& a) {
    check_arity(a, "len", 1, 1);
    const Value& v = a.positional[0];
    if (v.is_str()) return Value::integer(static_cast<int64_t>(code_points(v.s)));
    if (v.is_sequence()) return Value::integer(static_cast<int64_t>(v.items->size()));
    if (v.kind == Value::Kind::kDict) return Value::integer(static_cast<int64_t>(v.pairs->size()));
    throw PyError(cat("TypeError: object of type '", type_name(v), "' has no len()"));
}

Value builtin_int(Args& a) {
    check_arity(a, "int", 0, 1);
    if (a.positional.empty()) return Value::integer(0);
    const Value& v = a.positional[0];
    if (v.is_int()) return Value::integer(v.i);
    if (!v.is_str()) {
        throw PyError(cat("TypeError: int() argument must be a string or a number, not '",
                          type_name(v), "'"));
    }
    std::string_view t = trim(v.s);
    bool negative = !t.empty() && t[0] == '-';
    if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
    auto n = parse_number<int64_t>(t);
    if (!n) throw PyError(cat("ValueError: invalid literal for int() with base 10: ", repr(v)));
    return Value::integer(negative ? -*n : *n);
}

Value builtin_sorted(Args& a) {
    check_arity(a, "sorted", 1, 1, {"key", "reverse"});
    Value::Items items = iterate(a.positional[0]);
    const Value* key = argument(a, 9, "key");
    const Value* reverse = argument(a, 9, "reverse");
    std::vector<std::pair<Value, Value>> keyed;
    for (const Value& item : items) {
        Args ka{{item}, {}};
        keyed.emplace_back(key && key->kind != Value::Kind::kNone ? call_value(*key, ka) : item, item);
    }
    bool rev = reverse && truthy(*reverse);
    std::stable_sort(keyed.begin(), keyed.end(), [rev](const auto& x, const auto& y) {
        return rev ? less(y.first, x.first) : less(x.first, y.first);
    });
    Value::Items out;
    for (auto& [k, v] : keyed) out.push_back(v);
    return Value::list(out);
}

Value extreme(Args& a, const char* name, bool want_max) {
    check_arity(a, name, 1, 99);
    Value::Items items = a.positional.size() == 1 ? iterate(a.positional[0]) : a.positional;
    if (items.empty()) throw PyError(cat("ValueError: ", name, "() arg is an empty sequence"));
    Value best = items[0];
    for (const Value& v : items) {
        if (want_max ? less(best, v) : less(v, best)) best = v;
    }
    return best;
}

Value builtin_cmp(Args& a) {
    check_arity(a, "cmp", 2, 2);
    const Value& x = a.positional[0];
    const Value& y = a.positional[1];
    return Value::integer(less(y, x) - less(x, y));
}

int64_t adjust(const Value& v, int64_t fallback, int64_t size, int64_t low, int64_t high) {
    if (v.kind == Value::Kind::kNone) return fallback;
    int64_t i = expect_int(v, "slice indices");
    if (i < 0) i += size;
    return std::clamp(i, low, high);
}

}  // namespace

void check_arity(const Args& args, const std::string& name, size_t min, size_t max,
                 std::vector<std::string_view> allowed) {
    size_t n = args.positional.size();
    if (n < min || n > max) {
        throw PyError(cat("TypeError: ", name, "() takes ", min == max ? cat(min) : cat(min, " to ", max),
                          " positional arguments but ", n, n == 1 ? " was" : " were", " given"));
    }
    for (const auto& [key, value] : args.keywords) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            throw PyError(cat("TypeError: ", name, "() got an unexpected keyword argument '", key, "'"));
        }
    }
}

const Value* argument(const Args& args, size_t index, std::string_view name) {
    for (const auto& [key, value] : args.keywords) {
        if (key == name) return &value;
    }
    return index < args.positional.size() ? &args.positional[index] : nullptr;
}

std::vector<Value> iterate(const Value& v) {
    if (v.is_sequence()) return *v.items;
    std::vector<Value> out;
    if (v.is_str()) {
        for (char32_t c : to_code_points(v.s)) out.push_back(str_of(std::u32string(1, c)));
        return out;
    }
    if (v.kind == Value::Kind::kDict) {
        for (const auto& [k, val] : *v.pairs) out.push_back(k);
        return out;
    }
    throw PyError(cat("TypeError: '", type_name(v), "' object is not iterable"));
}

Value subscript(const Value& v, const Value& index) {
    if (v.kind == Value::Kind::kDict) {
        for (const auto& [k, val] : *v.pairs) {
            if (equals(k, index)) return val;
        }
        throw PyError("KeyError: " + repr(index));
    }
    if (!v.is_str() && !v.is_sequence()) {
        throw PyError(cat("TypeError: '", type_name(v), "' object is not subscriptable"));
    }
    if (!index.is_int()) {
        throw PyError(cat("TypeError: ", type_name(v), " indices must be integers, not ", type_name(index)));
    }
    std::u32string text = v.is_str() ? to_code_points(v.s) : U"";
    int64_t size = static_cast<int64_t>(v.is_str() ? text.size() : v.items->size());
    int64_t i = index.i < 0 ? index.i + size : index.i;
    if (i < 0 || i >= size) {
        throw PyError(cat("IndexError: ", v.is_str() ? "string" : type_name(v), " index out of range"));
    }
    return v.is_str() ? str_of(text.substr(static_cast<size_t>(i), 1)) : (*v.items)[static_cast<size_t>(i)];
}

Value slice(const Value& v, const Value& lower, const Value& upper, const Value& step_value) {
    if (!v.is_str() && !v.is_sequence()) {
        throw PyError(cat("TypeError: '", type_name(v), "' object is not subscriptable"));
    }
    int64_t step = step_value.kind == Value::Kind::kNone ? 1 : expect_int(step_value, "slice step");
    if (step == 0) throw PyError("ValueError: slice step cannot be zero");
    std::u32string text = v.is_str() ? to_code_points(v.s) : U"";
    int64_t size = static_cast<int64_t>(v.is_str() ? text.size() : v.items->size());
    int64_t start = step > 0 ? adjust(lower, 0, size, 0, size) : adjust(lower, size - 1, size, -1, size - 1);
    int64_t stop = step > 0 ? adjust(upper, size, size, 0, size) : adjust(upper, -1, size, -1, size - 1);
    std::u32string out_text;
    Value::Items out_items;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (v.is_str()) {
            out_text += text[static_cast<size_t>(i)];
        } else {
            out_items.push_back((*v.items)[static_cast<size_t>(i)]);
        }
    }
    if (v.is_str()) return str_of(out_text);
    return v.kind == Value::Kind::kList ? Value::list(out_items) : Value::tuple(out_items);
}

std::map<std::string, Value, std::less<>> builtin_names() {
    std::map<std::string, Value, std::less<>> names;
    names["len"] = Value::function("len", builtin_len);
    names["int"] = Value::function("int", builtin_int);
    names["str"] = Value::function("str", [](Args& a) {
        check_arity(a, "str", 0, 1);
        return Value::str(a.positional.empty() ? "" : to_str(a.positional[0]));
    });
    names["repr"] = Value::function("repr", [](Args& a) {
        check_arity(a, "repr", 1, 1);
        return Value::str(repr(a.positional[0]));
    });
    names["bool"] = Value::function("bool", [](Args& a) {
        check_arity(a, "bool", 0, 1);
        return Value::boolean(!a.positional.empty() && truthy(a.positional[0]));
    });
    names["list"] = Value::function("list", [](Args& a) {
        check_arity(a, "list", 0, 1);
        return Value::list(a.positional.empty() ? Value::Items{} : iterate(a.positional[0]));
    });
    names["tuple"] = Value::function("tuple", [](Args& a) {
        check_arity(a, "tuple", 0, 1);
        return Value::tuple(a.positional.empty() ? Value::Items{} : iterate(a.positional[0]));
    });
    names["abs"] = Value::function("abs", [](Args& a) {
        check_arity(a, "abs", 1, 1);
        int64_t n = expect_int(a.positional[0], "abs() argument");
        return Value::integer(n < 0 ? -n : n);
    });
    names["sorted"] = Value::function("sorted", builtin_sorted);
    names["min"] = Value::function("min", [](Args& a) { return extreme(a, "min", false); });
    names["max"] = Value::function("max", [](Args& a) { return extreme(a, "max", true); });
    names["cmp"] = Value::function("cmp", builtin_cmp);
    return names;
}

}  // namespace oimap::pyeval
