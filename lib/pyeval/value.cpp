// SPDX-License-Identifier: GPL-2.0-or-later
#include "pyeval/value.hpp"

#include "core/text.hpp"

namespace oimap::pyeval {
namespace {

struct NativeFunction : Callable {
    NativeFunction(std::string n, std::function<Value(Args&)> b)
        : name_(std::move(n)), body_(std::move(b)) {}
    Value call(Args& args) override { return body_(args); }
    std::string name() const override { return name_; }

    std::string name_;
    std::function<Value(Args&)> body_;
};

std::string repr_str(const std::string& s) {
    char quote = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, quote);
    for (unsigned char c : s) {
        if (c == '\\' || c == quote) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + quote;
}

std::string join_repr(const Value::Items& items, const char* open, const char* close) {
    std::string out = open;
    for (size_t k = 0; k < items.size(); ++k) out += (k ? ", " : "") + repr(items[k]);
    if (items.size() == 1 && std::string(open) == "(") out += ",";
    return out + close;
}

bool less_items(const Value::Items& a, const Value::Items& b) {
    for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
        if (!equals(a[k], b[k])) return less(a[k], b[k]);
    }
    return a.size() < b.size();
}

}  // namespace

Value Value::boolean(bool b) {
    Value v;
    v.kind = Kind::kBool;
    v.i = b ? 1 : 0;
    return v;
}

Value Value::integer(int64_t n) {
    Value v;
    v.kind = Kind::kInt;
    v.i = n;
    return v;
}

Value Value::str(std::string text) {
    Value v;
    v.kind = Kind::kStr;
    v.s = std::move(text);
    return v;
}

Value Value::list(Items items) {
    Value v;
    v.kind = Kind::kList;
    v.items = std::make_shared<Items>(std::move(items));
    return v;
}

Value Value::tuple(Items items) {
    Value v = list(std::move(items));
    v.kind = Kind::kTuple;
    return v;
}

Value Value::dict(Pairs pairs) {
    Value v;
    v.kind = Kind::kDict;
    v.pairs = std::make_shared<Pairs>(std::move(pairs));
    return v;
}

Value Value::function(std::string name, std::function<Value(Args&)> body) {
    Value v;
    v.kind = Kind::kCallable;
    v.fn = std::make_shared<NativeFunction>(std::move(name), std::move(body));
    return v;
}

Value Value::object(std::shared_ptr<Object> o) {
    Value v;
    v.kind = Kind::kObject;
    v.obj = std::move(o);
    return v;
}

std::string type_name(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return "NoneType";
        case Value::Kind::kBool: return "bool";
        case Value::Kind::kInt: return "int";
        case Value::Kind::kStr: return "str";
        case Value::Kind::kList: return "list";
        case Value::Kind::kTuple: return "tuple";
        case Value::Kind::kDict: return "dict";
        case Value::Kind::kCallable: return "function";
        case Value::Kind::kObject: return v.obj->type_name();
    }
    return "object";
}

bool truthy(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return false;
        case Value::Kind::kBool:
        case Value::Kind::kInt: return v.i != 0;
        case Value::Kind::kStr: return !v.s.empty();
        case Value::Kind::kList:
        case Value::Kind::kTuple: return !v.items->empty();
        case Value::Kind::kDict: return !v.pairs->empty();
        default: return true;
    }
}

bool equals(const Value& v, const Value& w) {
    if (v.is_int() && w.is_int()) return v.i == w.i;
    if (v.kind != w.kind) return false;
    switch (v.kind) {
        case Value::Kind::kNone: return true;
        case Value::Kind::kStr: return v.s == w.s;
        case Value::Kind::kList:
        case Value::Kind::kTuple: {
            if (v.items->size() != w.items->size()) return false;
            for (size_t k = 0; k < v.items->size(); ++k) {
                if (!equals((*v.items)[k], (*w.items)[k])) return false;
            }
            return true;
        }
        case Value::Kind::kDict: {
            if (v.pairs->size() != w.pairs->size()) return false;
            for (const auto& [key, val] : *v.pairs) {
                bool found = false;
                for (const auto& [k2, v2] : *w.pairs) found = found || (equals(key, k2) && equals(val, v2));
                if (!found) return false;
            }
            return true;
        }
        case Value::Kind::kCallable: return v.fn == w.fn;
        case Value::Kind::kObject: return v.obj == w.obj;
        default: return false;
    }
}

bool less(const Value& v, const Value& w) {
    if (v.is_int() && w.is_int()) return v.i < w.i;
    if (v.is_str() && w.is_str()) return v.s < w.s;  // UTF-8 byte order is code point order
    if (v.kind == w.kind && v.is_sequence()) return less_items(*v.items, *w.items);
    throw PyError(cat("TypeError: '<' not supported between instances of '", type_name(v),
                      "' and '", type_name(w), "'"));
}

std::string repr(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return "None";
        case Value::Kind::kBool: return v.i ? "True" : "False";
        case Value::Kind::kInt: return std::to_string(v.i);
        case Value::Kind::kStr: return repr_str(v.s);
        case Value::Kind::kList: return join_repr(*v.items, "[", "]");
        case Value::Kind::kTuple: return join_repr(*v.items, "(", ")");
        case Value::Kind::kDict: {
            std::string out = "{";
            for (size_t k = 0; k < v.pairs->size(); ++k) {
                out += (k ? ", " : "") + repr((*v.pairs)[k].first) + ": " + repr((*v.pairs)[k].second);
            }
            return out + "}";
        }
        case Value::Kind::kCallable: return "<function " + v.fn->name() + ">";
        case Value::Kind::kObject: return "<" + v.obj->type_name() + " object>";
    }
    return "?";
}

std::string to_str(const Value& v) { return v.is_str() ? v.s : repr(v); }

const std::string& expect_str(const Value& v, const std::string& what) {
    if (!v.is_str()) throw PyError(cat("TypeError: ", what, " must be str, not ", type_name(v)));
    return v.s;
}

int64_t expect_int(const Value& v, const std::string& what) {
    if (!v.is_int()) throw PyError(cat("TypeError: ", what, " must be int, not ", type_name(v)));
    return v.i;
}

size_t code_points(const std::string& text) {
    size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

bool has_non_ascii(const std::string& text) {
    for (unsigned char c : text) {
        if (c >= 0x80) return true;
    }
    return false;
}

}  // namespace oimap::pyeval
