// SPDX-License-Identifier: GPL-2.0-or-later
// The parsed form of server responses (RFC 9051 §7, RFC 3501 §7): a generic value tree that
// the session interprets, plus typed accessors that fail with ProtocolError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::imap {

/// One value of the generic grammar: atom, number, string (quoted or literal), NIL or list.
struct Value {
    enum class Kind { kAtom, kNumber, kString, kNil, kList, kStreamed };
    Kind kind = Kind::kNil;
    std::string text;          ///< atom text, string contents, or the digits of a number
    uint64_t number = 0;       ///< kNumber: the value; kStreamed: the size of the literal
    std::vector<Value> items;  ///< kList: the elements

    /// True for an atom equal to name, ignoring ASCII case.
    bool is_atom(std::string_view name) const;
};

/// A response code, "[" resp-text-code "]" (RFC 9051 §7.1).
struct ResponseCode {
    std::string name;         ///< upper-cased: "UIDVALIDITY", "CAPABILITY", "READ-ONLY"
    std::string raw;          ///< the bytes after the name and its space, up to "]"
    std::vector<Value> args;  ///< raw as values; empty when raw is free text that is not
};

enum class Status { kNone, kOk, kNo, kBad, kBye, kPreauth };

/// One server response: a continuation request, a tagged completion or untagged data.
struct Response {
    enum class Kind { kUntagged, kTagged, kContinuation };
    Kind kind = Kind::kUntagged;
    std::string tag;                   ///< kTagged only
    std::optional<uint32_t> number;    ///< "* 12 FETCH ...": 12
    std::string name;                  ///< upper-cased keyword: "OK", "LIST", "FETCH", "EXISTS"
    Status status = Status::kNone;     ///< OK/NO/BAD/BYE/PREAUTH and every tagged response
    std::optional<ResponseCode> code;  ///< the response code of a status response
    std::string text;                  ///< resp-text; for a continuation, all after "+ "
    std::vector<Value> values;         ///< the data of every other untagged response
};

/// ASCII upper-casing, for keywords and capability names.
std::string to_upper(std::string_view text);
/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

/// A number that fits 32 bits (RFC 9051 "number"); throws ProtocolError naming what.
uint32_t to_uint32(const Value& v, std::string_view what);
/// A number that fits 63 bits (RFC 7162 "mod-sequence-value"); throws ProtocolError.
uint64_t to_uint64(const Value& v, std::string_view what);
/// An astring: atom, number or string; throws ProtocolError naming what.
const std::string& to_astring(const Value& v, std::string_view what);
/// The elements of a list; throws ProtocolError naming what.
const std::vector<Value>& to_list(const Value& v, std::string_view what);

/// A canonical one-line rendering, for tests and diagnostics: atoms and numbers as they are,
/// strings in double quotes with \" and \\ escaped, NIL, lists in parentheses, streamed
/// literals as <streamed N>.
std::string dump(const Value& v);
/// "* 3 FETCH (UID 7)", "a1 OK [READ-WRITE] \"done\"", "+ \"ready\"" and so on.
std::string dump(const Response& r);

}  // namespace oimap::imap
