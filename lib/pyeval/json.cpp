// SPDX-License-Identifier: GPL-2.0-or-later
// RFC 8259, restricted to what the child protocol carries.
#include "pyeval/json.hpp"

#include <cctype>
#include <cstdio>
#include <cstring>

#include "core/text.hpp"
#include "pyeval/strings.hpp"

namespace oimap::pyeval {
namespace {

void encode_string(const std::string& s, std::string& out) {
    out += '"';
    for (char32_t c : to_code_points(s)) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f || (c >= 0xDC80 && c <= 0xDCFF)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += to_utf8(std::u32string(1, c));
        }
    }
    out += '"';
}

void encode(const Value& v, std::string& out) {
    switch (v.kind) {
        case Value::Kind::kNone: out += "null"; return;
        case Value::Kind::kBool: out += v.i ? "true" : "false"; return;
        case Value::Kind::kInt: out += std::to_string(v.i); return;
        case Value::Kind::kStr: encode_string(v.s, out); return;
        case Value::Kind::kList:
        case Value::Kind::kTuple:
            out += '[';
            for (size_t k = 0; k < v.items->size(); ++k) {
                if (k) out += ',';
                encode((*v.items)[k], out);
            }
            out += ']';
            return;
        case Value::Kind::kDict:
            out += '{';
            for (size_t k = 0; k < v.pairs->size(); ++k) {
                const auto& [key, value] = (*v.pairs)[k];
                if (!key.is_str()) throw Unsupported("dict keys other than str for python3");
                if (k) out += ',';
                encode_string(key.s, out);
                out += ':';
                encode(value, out);
            }
            out += '}';
            return;
        default: throw Unsupported(cat("passing a ", type_name(v), " to python3"));
    }
}

class Decoder {
public:
    explicit Decoder(std::string_view text) : t_(text) {}

    Value document() {
        Value v = value();
        space();
        if (p_ != t_.size()) fail("trailing data");
        return v;
    }

private:
    [[noreturn]] void fail(const char* why) const {
        throw PyError(cat("ValueError: bad JSON from python3 (", why, " at ", p_, ")"));
    }
    void space() {
        while (p_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[p_]))) ++p_;
    }
    bool literal(std::string_view word) {
        if (t_.substr(p_, word.size()) != word) return false;
        p_ += word.size();
        return true;
    }

    Value value() {
        space();
        if (p_ >= t_.size()) fail("unexpected end");
        char c = t_[p_];
        if (literal("null")) return Value::none();
        if (literal("true")) return Value::boolean(true);
        if (literal("false")) return Value::boolean(false);
        if (c == '"') return Value::str(string());
        if (c == '[') return array();
        if (c == '{') return object();
        return number();
    }

    Value number() {
        size_t start = p_;
        if (t_[p_] == '-') ++p_;
        while (p_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[p_]))) ++p_;
        if (p_ < t_.size() && std::strchr(".eE", t_[p_])) fail("non-integer number");
        std::string_view digits = t_.substr(start, p_ - start);
        bool negative = !digits.empty() && digits[0] == '-';
        auto n = parse_number<int64_t>(negative ? digits.substr(1) : digits);
        if (!n) fail("bad number");
        return Value::integer(negative ? -*n : *n);
    }

    uint32_t hex4() {
        if (p_ + 4 > t_.size()) fail("short \\u escape");
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = t_[p_++];
            if (!std::isxdigit(static_cast<unsigned char>(c))) fail("bad \\u escape");
            v = v * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        return v;
    }

    std::string string() {
        ++p_;
        std::u32string out;
        while (p_ < t_.size() && t_[p_] != '"') {
            if (t_[p_] != '\\') {
                size_t start = p_;
                while (p_ < t_.size() && t_[p_] != '"' && t_[p_] != '\\') ++p_;
                out += to_code_points(std::string(t_.substr(start, p_ - start)));
                continue;
            }
            if (++p_ >= t_.size()) fail("bad escape");
            char e = t_[p_++];
            const char* from = "\"\\/bfnrt";
            const char* to = "\"\\/\b\f\n\r\t";
            if (const char* hit = std::strchr(from, e); hit && e) {
                out += static_cast<char32_t>(to[hit - from]);
            } else if (e == 'u') {
                uint32_t cp = hex4();
                if (cp >= 0xD800 && cp < 0xDC00 && t_.substr(p_, 2) == "\\u") {
                    p_ += 2;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
                }
                out += static_cast<char32_t>(cp);
            } else {
                fail("bad escape");
            }
        }
        if (p_ >= t_.size()) fail("unterminated string");
        ++p_;
        return to_utf8(out);
    }

    Value array() {
        ++p_;
        Value::Items items;
        space();
        if (literal("]")) return Value::list(items);
        for (;;) {
            items.push_back(value());
            space();
            if (literal("]")) return Value::list(items);
            if (!literal(",")) fail("expected ',' or ']'");
        }
    }

    Value object() {
        ++p_;
        Value::Pairs pairs;
        space();
        if (literal("}")) return Value::dict(pairs);
        for (;;) {
            space();
            if (p_ >= t_.size() || t_[p_] != '"') fail("expected a key");
            Value key = Value::str(string());
            space();
            if (!literal(":")) fail("expected ':'");
            pairs.emplace_back(key, value());
            space();
            if (literal("}")) return Value::dict(pairs);
            if (!literal(",")) fail("expected ',' or '}'");
        }
    }

    std::string_view t_;
    size_t p_ = 0;
};

}  // namespace

std::string to_json(const Value& v) {
    std::string out;
    encode(v, out);
    return out;
}

Value from_json(std::string_view text) { return Decoder(text).document(); }

}  // namespace oimap::pyeval
