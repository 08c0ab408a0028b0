// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/response.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

[[noreturn]] void bad_value(const Value& v, std::string_view what, std::string_view expected) {
    std::string shown = dump(v);
    if (shown.size() > 80) shown = shown.substr(0, 80) + "...";
    throw ProtocolError(cat("cannot parse ", what, ": expected ", expected, ", got '",
                            log::sanitize(shown), "'"));
}

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string dump_code(const ResponseCode& code) {
    std::string out = "[" + code.name;
    if (!code.args.empty()) {
        for (const auto& v : code.args) out += " " + dump(v);
    } else if (!code.raw.empty()) {
        out += " " + quote(code.raw);
    }
    return out + "]";
}

}  // namespace

std::string to_upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && to_upper(a) == to_upper(b);
}

bool Value::is_atom(std::string_view name) const {
    return kind == Kind::kAtom && iequals(text, name);
}

uint32_t to_uint32(const Value& v, std::string_view what) {
    if (v.kind != Value::Kind::kNumber || v.number > UINT32_MAX) bad_value(v, what, "a 32-bit number");
    return static_cast<uint32_t>(v.number);
}

uint64_t to_uint64(const Value& v, std::string_view what) {
    if (v.kind != Value::Kind::kNumber || v.number > INT64_MAX) bad_value(v, what, "a 63-bit number");
    return v.number;
}

const std::string& to_astring(const Value& v, std::string_view what) {
    using K = Value::Kind;
    if (v.kind != K::kAtom && v.kind != K::kNumber && v.kind != K::kString)
        bad_value(v, what, "a string");
    return v.text;
}

const std::vector<Value>& to_list(const Value& v, std::string_view what) {
    if (v.kind != Value::Kind::kList) bad_value(v, what, "a parenthesised list");
    return v.items;
}

std::string dump(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kAtom:
        case Value::Kind::kNumber: return v.text;
        case Value::Kind::kString: return quote(v.text);
        case Value::Kind::kNil: return "NIL";
        case Value::Kind::kStreamed: return cat("<streamed ", v.number, ">");
        case Value::Kind::kList: break;
    }
    std::string out = "(";
    for (size_t i = 0; i < v.items.size(); ++i) out += (i ? " " : "") + dump(v.items[i]);
    return out + ")";
}

std::string dump(const Response& r) {
    if (r.kind == Response::Kind::kContinuation) return "+ " + quote(r.text);
    std::string out = r.kind == Response::Kind::kTagged ? r.tag : "*";
    if (r.number) out += cat(" ", *r.number);
    out += " " + r.name;
    if (r.status != Status::kNone) {
        if (r.code) out += " " + dump_code(*r.code);
        return out + " " + quote(r.text);
    }
    for (const auto& v : r.values) out += " " + dump(v);
    return out;
}

}  // namespace oimap::imap
