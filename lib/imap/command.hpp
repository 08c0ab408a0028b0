// SPDX-License-Identifier: GPL-2.0-or-later
// Client commands (RFC 9051 §6) built from parts, serialised with each string argument in
// the right form (atom, quoted or literal) and with secrets kept out of the trace.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::imap {

/// How a string argument goes on the wire (RFC 9051 §4.3, §9 "astring").
enum class StringForm { kAtom, kQuoted, kLiteral };

/// The form that carries text: an atom when every byte is an ATOM-CHAR (and the text is not
/// empty), a quoted string when it has only TEXT-CHARs (8-bit too when utf8 is true,
/// RFC 6855 §3), a literal otherwise (CR, LF, or 8-bit without utf8).  atom_ok=false never
/// chooses an atom (for passwords, so that "NIL" stays a string).  Throws UsageError for a
/// NUL byte, which no IMAP string can carry.
StringForm string_form(std::string_view text, bool utf8, bool atom_ok = true);

/// Whether the server takes non-synchronising literals (RFC 7888).
enum class LiteralMode { kSync, kPlus, kMinus };

/// Gives the bytes of a streamed literal in order: up to size bytes into buffer, 0 only at
/// the end.  May throw.
using LiteralReader = std::function<size_t(char* buffer, size_t size)>;

/// One piece of the wire form: first stream_size bytes from *stream (when set), then bytes.
/// After it, the client waits for a "+" continuation when wait_continuation is set, then
/// sends the next piece.
struct WirePart {
    const LiteralReader* stream = nullptr;
    uint64_t stream_size = 0;
    std::string bytes;
    bool wait_continuation = false;
};

/// A command without its tag.  Parts are separated by one space.
class Command {
public:
    /// name: the command keyword(s), e.g. "UID FETCH".
    explicit Command(std::string_view name);

    /// Text sent verbatim: sequence sets, fetch items, flag lists.  Must not contain CR/LF.
    Command& raw(std::string_view text);
    /// An astring: user names, mailbox names.
    Command& astring(std::string_view text);
    /// A string that is never an atom (quoted or literal).
    Command& string(std::string_view text);
    /// Like string, but the trace shows "<password redacted>" instead.
    Command& secret(std::string_view text);
    /// Like raw (sent verbatim: a SASL initial response), but redacted in the trace.
    Command& raw_secret(std::string_view text);
    /// Always a literal (APPEND message data); summarised in the trace when long.
    Command& literal(std::string_view data);

    /// A literal of size bytes read through read while the command is sent (APPEND of a
    /// large message, with bounded memory).  read must outlive the command.
    Command& literal_stream(uint64_t size, LiteralReader read);

    /// The wire form for tag: "<tag> <parts>\r\n", split after synchronising literals.
    std::vector<WirePart> serialise(std::string_view tag, LiteralMode mode, bool utf8) const;
    /// The trace line for tag, without CRLF: secrets redacted, literals over 64 bytes
    /// summarised as "{N bytes omitted}".
    std::string trace(std::string_view tag, bool utf8) const;
    const std::string& name() const { return name_; }

private:
    enum class Kind { kRaw, kAstring, kString, kSecret, kRawSecret, kLiteral, kStream };
    struct Part {
        Kind kind;
        std::string text;
        uint64_t size = 0;     ///< kStream
        LiteralReader reader;  ///< kStream
    };
    std::string name_;
    std::vector<Part> parts_;
};

/// "a" + number: the tags this client uses.
std::string make_tag(unsigned number);

}  // namespace oimap::imap
