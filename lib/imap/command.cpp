// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/command.hpp"

#include <cstring>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

constexpr size_t kTraceLiteral = 64;
constexpr size_t kLiteralMinusMax = 4096;  // RFC 7888 §5

// RFC 9051 §9: ATOM-CHAR = any CHAR except atom-specials; we also leave out "]" (allowed
// in an astring) so that no server can mistake it for the end of a response code.
bool is_atom_char(unsigned char c) {
    return c > 0x20 && c < 0x7f && std::strchr("(){%*\"\\]", c) == nullptr;
}

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

StringForm string_form(std::string_view text, bool utf8, bool atom_ok) {
    bool atom = atom_ok && !text.empty();
    bool quoted = true;
    for (unsigned char c : text) {
        if (c == 0) throw UsageError("cannot send a string with a NUL byte to the server");
        if (!is_atom_char(c)) atom = false;
        // RFC 9051 §4.3: CR and LF are never allowed in a quoted string; 8-bit only with
        // UTF8=ACCEPT enabled (RFC 6855 §3).
        if (c == '\r' || c == '\n' || (c >= 0x80 && !utf8)) quoted = false;
    }
    return atom ? StringForm::kAtom : quoted ? StringForm::kQuoted : StringForm::kLiteral;
}

Command::Command(std::string_view name) : name_(name) {}

Command& Command::raw(std::string_view text) {
    parts_.push_back({Kind::kRaw, std::string(text)});
    return *this;
}
Command& Command::astring(std::string_view text) {
    parts_.push_back({Kind::kAstring, std::string(text)});
    return *this;
}
Command& Command::string(std::string_view text) {
    parts_.push_back({Kind::kString, std::string(text)});
    return *this;
}
Command& Command::secret(std::string_view text) {
    parts_.push_back({Kind::kSecret, std::string(text)});
    return *this;
}
Command& Command::raw_secret(std::string_view text) {
    parts_.push_back({Kind::kRawSecret, std::string(text)});
    return *this;
}
Command& Command::literal(std::string_view data) {
    parts_.push_back({Kind::kLiteral, std::string(data)});
    return *this;
}

Command& Command::literal_stream(uint64_t size, LiteralReader read) {
    parts_.push_back({Kind::kStream, {}, size, std::move(read)});
    return *this;
}

std::vector<WirePart> Command::serialise(std::string_view tag, LiteralMode mode, bool utf8) const {
    std::vector<WirePart> out(1);
    out.back().bytes = cat(tag, " ", name_);
    for (const Part& part : parts_) {
        std::string& bytes = out.back().bytes;
        bytes += ' ';
        if (part.kind == Kind::kStream) {
            bool plus = mode == LiteralMode::kPlus || (mode == LiteralMode::kMinus && part.size <= kLiteralMinusMax);
            bytes += cat("{", part.size, plus ? "+" : "", "}\r\n");
            out.back().wait_continuation = !plus;
            out.push_back({.stream = &part.reader, .stream_size = part.size});
            continue;
        }
        bool verbatim = part.kind == Kind::kRaw || part.kind == Kind::kRawSecret;
        StringForm form = verbatim                      ? StringForm::kAtom
                          : part.kind == Kind::kLiteral ? StringForm::kLiteral
                                                        : string_form(part.text, utf8, part.kind == Kind::kAstring);
        if (form == StringForm::kAtom) {
            bytes += part.text;
        } else if (form == StringForm::kQuoted) {
            bytes += quote(part.text);
        } else {
            bool plus = mode == LiteralMode::kPlus ||
                        (mode == LiteralMode::kMinus && part.text.size() <= kLiteralMinusMax);
            bytes += cat("{", part.text.size(), plus ? "+" : "", "}\r\n");
            if (!plus) {
                out.back().wait_continuation = true;
                out.emplace_back();
            }
            out.back().bytes += part.text;
        }
    }
    out.back().bytes += "\r\n";
    return out;
}

std::string Command::trace(std::string_view tag, bool utf8) const {
    std::string out = cat(tag, " ", name_);
    for (const Part& part : parts_) {
        out += ' ';
        if (part.kind == Kind::kSecret) {
            out += "<password redacted>";
        } else if (part.kind == Kind::kRawSecret) {
            out += "<credentials redacted>";
        } else if (part.kind == Kind::kRaw) {
            out += part.text;
        } else if (part.kind == Kind::kLiteral && part.text.size() > kTraceLiteral) {
            out += cat("{", part.text.size(), " bytes omitted}");
        } else if (part.kind == Kind::kStream) {
            out += cat("{", part.size, " bytes omitted}");
        } else {
            StringForm form = part.kind == Kind::kLiteral ? StringForm::kLiteral
                                                          : string_form(part.text, utf8, part.kind == Kind::kAstring);
            out += form == StringForm::kAtom     ? part.text
                   : form == StringForm::kQuoted ? quote(part.text)
                                                 : cat("{", part.text.size(), "}\r\n", part.text);
        }
    }
    return out;
}

std::string make_tag(unsigned number) { return cat("a", number); }

}  // namespace oimap::imap
