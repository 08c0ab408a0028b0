// SPDX-License-Identifier: GPL-2.0-or-later
// Reads server responses off a byte stream, one at a time, framing them by the grammar and
// by literal counts (RFC 9051 §4.3, §7, §9), with bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "imap/response.hpp"

namespace oimap::imap {

/// Where response bytes come from: a socket, a TLS stream, a pipe, or a string in tests.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Reads between 1 and size bytes; returns 0 only at the end of the stream.  Throws
    /// NetworkError (or IoError) on failure or time-out.
    virtual size_t read_some(char* buffer, size_t size) = 0;
};

/// Bytes from a string, chunk bytes at a time (tests use 1 to exercise every boundary).
class StringSource : public ByteSource {
public:
    explicit StringSource(std::string data, size_t chunk = 4096)
        : data_(std::move(data)), chunk_(chunk) {}
    size_t read_some(char* buffer, size_t size) override;

private:
    std::string data_;
    size_t chunk_;
    size_t pos_ = 0;
};

/// Receives a literal that is too large to buffer, in order, in chunks.  The response then
/// carries a Value of kind kStreamed with the size in place of the literal.
class LiteralConsumer {
public:
    virtual ~LiteralConsumer() = default;
    virtual void begin(uint64_t size) = 0;
    virtual void chunk(std::string_view bytes) = 0;
    virtual void end() = 0;
};

/// Bounds on what one response may make the parser hold in memory.
struct ParserLimits {
    size_t max_line = size_t{64} << 20;         ///< bytes outside literals in one response
    size_t max_depth = 64;                      ///< nesting of parenthesised lists
    size_t stream_threshold = size_t{64} << 10; ///< literals above this go to the consumer
    size_t max_buffered = size_t{64} << 20;     ///< buffered literal bytes in one response
};

/// A pull parser for the response grammar.  It keeps the bytes read past the current
/// response, so many pipelined responses can be read one after another.
class Parser {
public:
    explicit Parser(ByteSource& source, ParserLimits limits = {});

    /// Reads exactly one response.  Throws ProtocolError "cannot parse server response:
    /// <reason>: '<bytes>'" for anything malformed or over a limit (bytes sanitised and
    /// shortened), and NetworkError when the stream ends between two responses.
    Response next();

    /// Literals larger than the stream threshold go to consumer (nullptr: they are errors).
    void set_literal_consumer(LiteralConsumer* consumer) { consumer_ = consumer; }
    /// With trace on, trace() holds each response as read, literals summarised unless
    /// full_literals is set.
    void set_trace(bool on, bool full_literals);
    /// The last response as read, for "S:" protocol-trace lines.
    const std::string& trace() const { return raw_; }
    /// Bytes already read from the source that belong to later responses.
    size_t buffered() const { return end_ - pos_; }

private:
    friend class Grammar;
    int peek();
    char get();
    [[noreturn]] void fail(std::string_view reason);
    /// The message of fail(reason): the reason and the bytes of the response read so far.
    std::string failure(std::string_view reason) const;
    void note(std::string_view bytes);

    ByteSource& source_;
    ParserLimits limits_;
    LiteralConsumer* consumer_ = nullptr;
    std::string buffer_;
    size_t pos_ = 0;
    size_t end_ = 0;
    size_t line_bytes_ = 0;
    size_t literal_bytes_ = 0;
    bool trace_ = false;
    bool full_literals_ = false;
    bool started_ = false;
    bool peeked_ = false;
    std::string raw_;
};

}  // namespace oimap::imap
