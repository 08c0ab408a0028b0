// SPDX-License-Identifier: GPL-2.0-or-later
// The generic line stream of oimap-formats(5): header, meta lines, records, "#end" trailer.
// Typed layers (remote_state, local_state, plan) sit on top; nothing else parses or prints
// the formats.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::format {

/// One input record: its type and its unescaped fields; line is 1-based, for diagnostics.
struct Record {
    std::string type;
    std::vector<std::string> fields;
    uint64_t line = 0;
};

/// Reads a stream; checks the header (kind and major version) and the trailer.
/// Every failure throws FormatError "<source>:<line>: <what>".
class Reader {
public:
    /// Reads the header and the meta lines that follow it.
    Reader(std::istream& in, std::string_view source, std::string_view kind, int major);

    /// The next record; nullopt only after a valid "#end" trailer whose count matches.
    std::optional<Record> next();
    const std::map<std::string, std::string>& meta() const { return meta_; }
    /// The value of a meta key that must be present; throws FormatError naming it.
    const std::string& required_meta(const std::string& key) const;
    /// "<source>:<line>: " + what, as a FormatError, for typed layers.
    [[noreturn]] void fail(uint64_t line, std::string_view what) const;
    const std::string& source() const { return source_; }

private:
    bool read_line();
    void read_header(std::string_view kind, int major);
    Record parse_record();
    void check_trailer();

    std::istream& in_;
    std::string source_;
    std::string line_;
    uint64_t line_number_ = 0;
    uint64_t records_ = 0;
    bool pending_ = false;  ///< line_ holds a record read ahead while reading meta lines
    bool done_ = false;
    std::map<std::string, std::string> meta_;
};

/// Writes a stream.  Output is buffered and flushed in large blocks and by finish().
class Writer {
public:
    /// Writes the header line "#oimap<TAB>kind<TAB>major".
    Writer(std::ostream& out, std::string_view kind, int major);
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer();

    /// A meta line; only before the first record.
    void meta(std::string_view key, std::string_view value);
    /// A record: the type, then each field escaped.
    void record(std::string_view type, std::initializer_list<std::string_view> fields);
    void record(std::string_view type, const std::vector<std::string>& fields);
    /// Writes "#end<TAB>count" and flushes; throws IoError if the stream failed.
    void finish();
    uint64_t records() const { return records_; }

private:
    void begin_record(std::string_view type);
    void end_record();
    void flush_if_full();

    std::ostream& out_;
    std::string buffer_;
    uint64_t records_ = 0;
    bool finished_ = false;
};

}  // namespace oimap::format
