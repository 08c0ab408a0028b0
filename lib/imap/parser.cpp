// SPDX-License-Identifier: GPL-2.0-or-later
// Recursive-descent parser for server responses, one function per grammar rule.
//
// Implementation notes: the parser pulls bytes through Parser::peek/get, which refill a
// 64 KiB buffer and count every byte outside literals against ParserLimits::max_line, so no
// reply can make it grow without bound or spin without consuming.  Literals are read by
// count ({n}, RFC 9051 §4.3), never by looking for the tag.  Response semantics (LIST,
// FETCH, response codes) are interpreted by the session on the generic value tree.
#include "imap/parser.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

constexpr size_t kReadChunk = size_t{64} << 10;
constexpr size_t kShownBytes = 120;
constexpr size_t kTraceLiteral = 64;
constexpr size_t kRawCapTrace = size_t{1} << 20;
constexpr size_t kRawCap = 4096;

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_ctl(int c) { return c < 0x20 || c == 0x7f; }

Status status_of(std::string_view name) {
    if (name == "OK") return Status::kOk;
    if (name == "NO") return Status::kNo;
    if (name == "BAD") return Status::kBad;
    if (name == "BYE") return Status::kBye;
    if (name == "PREAUTH") return Status::kPreauth;
    return Status::kNone;
}

std::string shorten(const std::string& raw) {
    if (raw.size() <= kShownBytes) return raw;
    return raw.substr(0, kShownBytes / 2) + "..." + raw.substr(raw.size() - kShownBytes / 2);
}

}  // namespace

size_t StringSource::read_some(char* buffer, size_t size) {
    size_t n = std::min({size, chunk_, data_.size() - pos_});
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
}

// The grammar rules; a friend of Parser so that it can use its byte primitives.
class Grammar {
public:
    explicit Grammar(Parser& p) : p_(p) {}

    Response response();
    void values_to_eol(std::vector<Value>& out);

private:
    Response continue_req();
    Response response_tagged();
    Response response_untagged();
    void resp_text(Response& r);
    ResponseCode resp_text_code();
    std::string text_to_eol();
    Value value(size_t depth);
    Value list(size_t depth);
    Value quoted();
    Value literal();
    void read_literal(Value& v, uint64_t size);
    Value atom();
    void section(std::string& text);
    std::string keyword();
    uint32_t number32();
    void expect(char c, std::string_view what);
    bool at_eol() { return p_.peek() == '\r' || p_.peek() == '\n'; }
    void crlf();

    Parser& p_;
};

// RFC 9051 §7: a response is a continuation request, tagged or untagged.
Response Grammar::response() {
    int c = p_.peek();
    if (c == '+') return continue_req();
    if (c == '*') return response_untagged();
    return response_tagged();
}

// RFC 9051 §9: continue-req = "+" SP (resp-text / base64) CRLF.  Some servers omit the SP
// when there is no text; accept that (doc/QUIRKS.md).
Response Grammar::continue_req() {
    Response r;
    r.kind = Response::Kind::kContinuation;
    p_.get();
    if (p_.peek() == ' ') p_.get();
    r.text = text_to_eol();
    return r;
}

// RFC 9051 §9: response-tagged = tag SP resp-cond-state CRLF; tag excludes "+".
Response Grammar::response_tagged() {
    Response r;
    r.kind = Response::Kind::kTagged;
    for (int c = p_.peek(); c != ' '; c = p_.peek()) {
        if (is_ctl(c) || c >= 0x80 || std::strchr("+(){%*\"\\", c) != nullptr)
            p_.fail("invalid character in tag");
        r.tag += p_.get();
    }
    if (r.tag.empty()) p_.fail("expected a tag");
    expect(' ', "a space after the tag");
    r.name = to_upper(keyword());
    r.status = status_of(r.name);
    if (r.status != Status::kOk && r.status != Status::kNo && r.status != Status::kBad)
        p_.fail("expected OK, NO or BAD after the tag");
    resp_text(r);
    return r;
}

// RFC 9051 §9: response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data /
// message-data / capability-data / enable-data) CRLF.  Status responses carry resp-text;
// all the others are read as generic values.
Response Grammar::response_untagged() {
    Response r;
    p_.get();
    expect(' ', "a space after '*'");
    if (is_digit(p_.peek())) {
        r.number = number32();
        expect(' ', "a space after the message number");
    }
    r.name = to_upper(keyword());
    Status status = status_of(r.name);
    if (status != Status::kNone && !r.number) {
        r.status = status;
        resp_text(r);
    } else {
        values_to_eol(r.values);
    }
    return r;
}

// RFC 9051 §9: resp-text = ["[" resp-text-code "]" SP] [text].  A status response with no
// text at all (no SP either) is accepted (doc/QUIRKS.md).
void Grammar::resp_text(Response& r) {
    if (at_eol()) return crlf();
    expect(' ', "a space before the response text");
    if (p_.peek() == '[') {
        r.code = resp_text_code();
        if (at_eol()) return crlf();
        expect(' ', "a space after the response code");
    }
    r.text = text_to_eol();
}

// RFC 9051 §7.1: resp-text-code = atom [SP 1*<any TEXT-CHAR except "]">].  The arguments
// are kept raw and also read as values when they are values (UIDVALIDITY, CAPABILITY,
// PERMANENTFLAGS, APPENDUID ...).
ResponseCode Grammar::resp_text_code() {
    ResponseCode code;
    p_.get();
    for (int c = p_.peek(); c != ' ' && c != ']'; c = p_.peek()) {
        if (is_ctl(c)) p_.fail("unterminated response code");
        code.name += p_.get();
    }
    if (code.name.empty()) p_.fail("empty response code");
    code.name = to_upper(code.name);
    if (p_.peek() == ' ') {
        p_.get();
        for (int c = p_.peek(); c != ']'; c = p_.peek()) {
            if (is_ctl(c)) p_.fail("unterminated response code");
            code.raw += p_.get();
        }
    }
    p_.get();
    StringSource source(" " + code.raw + "\r\n");
    Parser sub(source, ParserLimits{.max_line = code.raw.size() + 3, .max_depth = 8,
                                     .stream_threshold = code.raw.size(), .max_buffered = code.raw.size()});
    sub.started_ = true;
    try {
        Grammar(sub).values_to_eol(code.args);
    } catch (const ProtocolError&) {
        code.args.clear();
    }
    return code;
}

// RFC 9051 §9: text = 1*TEXT-CHAR; TEXT-CHAR excludes CR and LF, CHAR excludes NUL.
std::string Grammar::text_to_eol() {
    std::string text;
    while (!at_eol()) {
        if (p_.peek() == 0) p_.fail("NUL byte in response text");
        text += p_.get();
    }
    crlf();
    return text;
}

// The elements of an untagged data response: *(SP value) CRLF.  A trailing space before
// CRLF is accepted (Exchange sends "* SEARCH " with no results; doc/QUIRKS.md).
void Grammar::values_to_eol(std::vector<Value>& out) {
    for (;;) {
        if (at_eol()) return crlf();
        expect(' ', "a space or the end of the line");
        if (at_eol()) return crlf();
        out.push_back(value(0));
    }
}

// A generic value: list, quoted string, literal, or atom / number / NIL.
Value Grammar::value(size_t depth) {
    switch (p_.peek()) {
        case '(': return list(depth + 1);
        case '"': return quoted();
        case '{': return literal();
        default: return atom();
    }
}

// RFC 9051 §9 (flag-list, mailbox-list, msg-att, body ...): "(" [value *(SP value)] ")".
Value Grammar::list(size_t depth) {
    if (depth > p_.limits_.max_depth) p_.fail(cat("lists nested deeper than ", p_.limits_.max_depth));
    Value v;
    v.kind = Value::Kind::kList;
    p_.get();
    if (p_.peek() == ')') {
        p_.get();
        return v;
    }
    for (;;) {
        v.items.push_back(value(depth));
        if (p_.peek() == ')') break;
        expect(' ', "a space or ')' in a list");
    }
    p_.get();
    return v;
}

// RFC 9051 §4.3 and §9: quoted = DQUOTE *QUOTED-CHAR DQUOTE; only \" and \\ are escapes, and
// CR, LF and NUL are never allowed.  8-bit bytes are accepted (UTF8=ACCEPT, RFC 6855 §3).
Value Grammar::quoted() {
    Value v;
    v.kind = Value::Kind::kString;
    p_.get();
    for (int c = p_.peek(); c != '"'; c = p_.peek()) {
        if (c == '\r' || c == '\n') p_.fail("line break in a quoted string");
        if (c == 0) p_.fail("NUL byte in a quoted string");
        char ch = p_.get();
        if (ch == '\\') {
            c = p_.peek();
            if (c != '"' && c != '\\') p_.fail("invalid escape in a quoted string");
            ch = p_.get();
        }
        v.text += ch;
    }
    p_.get();
    return v;
}

// RFC 9051 §4.3: literal = "{" number64 ["+"] "}" CRLF *CHAR8, read by count.
Value Grammar::literal() {
    size_t mark = p_.raw_.size();
    p_.get();
    std::string digits;
    while (is_digit(p_.peek())) digits += p_.get();
    if (p_.peek() == '+') p_.get();
    expect('}', "'}' after the literal size");
    auto size = digits.size() <= 19 ? parse_number<uint64_t>(digits) : std::nullopt;
    if (!size) p_.fail("invalid literal size");
    crlf();
    Value v;
    if (p_.trace_ && !p_.full_literals_ && *size > kTraceLiteral) {
        p_.raw_.resize(mark);
        p_.raw_ += cat("{", *size, " bytes omitted}");
    }
    read_literal(v, *size);
    return v;
}

void Grammar::read_literal(Value& v, uint64_t size) {
    bool stream = size > p_.limits_.stream_threshold;
    if (stream && p_.consumer_ == nullptr)
        p_.fail(cat("literal of ", size, " bytes exceeds the limit of ", p_.limits_.stream_threshold, " bytes"));
    if (!stream && (p_.literal_bytes_ += size) > p_.limits_.max_buffered)
        p_.fail(cat("literals in one response exceed ", p_.limits_.max_buffered, " bytes"));
    bool shown = p_.trace_ && (p_.full_literals_ || size <= kTraceLiteral);
    v.kind = stream ? Value::Kind::kStreamed : Value::Kind::kString;
    v.number = size;
    if (stream) p_.consumer_->begin(size);
    for (uint64_t left = size; left > 0;) {
        p_.peek();
        size_t n = static_cast<size_t>(std::min<uint64_t>(left, p_.end_ - p_.pos_));
        std::string_view chunk(p_.buffer_.data() + p_.pos_, n);
        if (stream) p_.consumer_->chunk(chunk); else v.text += chunk;
        if (shown) p_.note(chunk);
        p_.pos_ += n;
        p_.peeked_ = false;
        left -= n;
    }
    if (stream) p_.consumer_->end();
}

// RFC 9051 §9: atom, number and nil, plus the bracketed section of fetch attributes and
// of names such as [Gmail]/Sent ("BODY[HEADER.FIELDS (FROM)]<0>" is one token).
Value Grammar::atom() {
    Value v;
    for (int c = p_.peek(); std::strchr(" ()\"{\r\n", c) == nullptr || c == 0; c = p_.peek()) {
        if (is_ctl(c)) p_.fail(cat("control byte ", c, " in an atom"));
        if (c == '[') {
            section(v.text);
        } else {
            v.text += p_.get();
        }
    }
    if (v.text.empty()) p_.fail("expected a value");
    if (iequals(v.text, "NIL")) {
        v.kind = Value::Kind::kNil;
    } else if (auto n = v.text.size() <= 19 ? parse_number<uint64_t>(v.text) : std::nullopt) {
        v.kind = Value::Kind::kNumber;
        v.number = *n;
    } else {
        v.kind = Value::Kind::kAtom;
    }
    return v;
}

// RFC 9051 §9: section = "[" [section-spec] "]"; may hold spaces and parentheses.
void Grammar::section(std::string& text) {
    text += p_.get();
    for (int c = p_.peek(); c != ']'; c = p_.peek()) {
        if (is_ctl(c) || c == '[') p_.fail("unterminated section");
        text += p_.get();
    }
    text += p_.get();
}

// The keyword of a response: an atom (OK, FETCH, CAPABILITY, X-GM-...).
std::string Grammar::keyword() {
    std::string name;
    for (int c = p_.peek(); c != ' ' && c != '\r' && c != '\n'; c = p_.peek()) {
        if (is_ctl(c) || c >= 0x80 || std::strchr("(){%*\"\\[]", c) != nullptr)
            p_.fail("invalid character in a response keyword");
        name += p_.get();
    }
    if (name.empty()) p_.fail("expected a response keyword");
    return name;
}

// RFC 9051 §9: number = 1*DIGIT, unsigned 32-bit.
uint32_t Grammar::number32() {
    std::string digits;
    while (is_digit(p_.peek())) digits += p_.get();
    auto n = digits.size() <= 10 ? parse_number<uint64_t>(digits) : std::nullopt;
    if (!n || *n > UINT32_MAX) p_.fail("number out of range");
    return static_cast<uint32_t>(*n);
}

void Grammar::expect(char c, std::string_view what) {
    if (p_.peek() != static_cast<unsigned char>(c)) p_.fail(cat("expected ", what));
    p_.get();
}

// RFC 9051 §9: CRLF.  A bare LF is accepted (doc/QUIRKS.md); a bare CR is not.
void Grammar::crlf() {
    if (p_.peek() == '\r') p_.get();
    expect('\n', "CRLF");
}

Parser::Parser(ByteSource& source, ParserLimits limits)
    : source_(source), limits_(limits), buffer_(kReadChunk, '\0') {}

void Parser::set_trace(bool on, bool full_literals) {
    trace_ = on;
    full_literals_ = full_literals;
}

Response Parser::next() {
    line_bytes_ = 0;
    literal_bytes_ = 0;
    raw_.clear();
    started_ = false;
    peek();
    started_ = true;
    return Grammar(*this).response();
}

int Parser::peek() {
    if (pos_ == end_) {
        pos_ = 0;
        end_ = source_.read_some(buffer_.data(), buffer_.size());
        if (end_ == 0) {
            if (!started_) throw NetworkError("cannot read server response: connection closed by the server");
            throw NetworkError(failure("connection closed in the middle of a response"));
        }
    }
    peeked_ = true;
    return static_cast<unsigned char>(buffer_[pos_]);
}

char Parser::get() {
    peek();
    char c = buffer_[pos_++];
    peeked_ = false;
    if (++line_bytes_ > limits_.max_line) fail(cat("response longer than ", limits_.max_line, " bytes"));
    note(std::string_view(&c, 1));
    return c;
}

void Parser::note(std::string_view bytes) {
    size_t cap = trace_ ? (full_literals_ ? SIZE_MAX : kRawCapTrace) : kRawCap;
    if (raw_.size() < cap) raw_.append(bytes.substr(0, cap - raw_.size()));
}

std::string Parser::failure(std::string_view reason) const {
    // The bytes consumed so far and the one that was looked at; reading further could
    // block on a silent server.
    std::string shown = shorten(raw_);
    if (peeked_ && pos_ < end_) shown += buffer_[pos_];
    return cat("cannot parse server response: ", reason, " at byte ", line_bytes_, ": '",
               log::sanitize(shown), "'");
}

void Parser::fail(std::string_view reason) {
    throw ProtocolError(failure(reason));
}

}  // namespace oimap::imap
