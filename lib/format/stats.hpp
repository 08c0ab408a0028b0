// SPDX-License-Identifier: GPL-2.0-or-later
// Typed records of the "stats" format, oimap-formats(5): what a plumbing run cost in IMAP
// round trips, bytes and time (imap-fetch --stats, sync-apply --stats; offlineimap -P).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <variant>

#include "format/stream.hpp"

namespace oimap::format {

inline constexpr const char* kStatsKind = "stats";
inline constexpr int kStatsMajor = 1;

/// What one IMAP session exchanged with its server.
struct SessionStats {
    uint64_t round_trips = 0;  ///< times the client wrote and then waited for the server
    uint64_t bytes_sent = 0;
    uint64_t bytes_received = 0;
};

/// What one folder pair of a sync-apply run cost, from its SELECT to the next pair's.
struct FolderStats {
    std::string folder;  ///< the pair's remote name, raw
    uint64_t wall_us = 0;
    SessionStats traffic;
    uint64_t cpu_us = 0;  ///< user and system CPU time of the process in that time
};

using StatsItem = std::variant<SessionStats, FolderStats>;

class StatsWriter {
public:
    explicit StatsWriter(std::ostream& out) : writer_(out, kStatsKind, kStatsMajor) {}
    void meta(std::string_view key, std::string_view value) { writer_.meta(key, value); }
    void session(const SessionStats& s);
    void folder(const FolderStats& f);
    void finish() { writer_.finish(); }

private:
    Writer writer_;
};

class StatsReader {
public:
    StatsReader(std::istream& in, std::string_view source)
        : reader_(in, source, kStatsKind, kStatsMajor) {}
    std::optional<StatsItem> next();
    const Reader& stream() const { return reader_; }

private:
    Reader reader_;
};

}  // namespace oimap::format
