// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/stats.hpp"

#include "core/text.hpp"
#include "format/escape.hpp"
#include "format/fields.hpp"

namespace oimap::format {
namespace {

SessionStats traffic(const Reader& reader, const Record& r, size_t first) {
    return {.round_trips = field_u64(reader, r, first, "round-trips"),
            .bytes_sent = field_u64(reader, r, first + 1, "bytes-sent"),
            .bytes_received = field_u64(reader, r, first + 2, "bytes-received")};
}

}  // namespace

void StatsWriter::session(const SessionStats& s) {
    writer_.record("session", {std::to_string(s.round_trips), std::to_string(s.bytes_sent),
                               std::to_string(s.bytes_received)});
}

void StatsWriter::folder(const FolderStats& f) {
    writer_.record("folder", {f.folder, std::to_string(f.wall_us),
                              std::to_string(f.traffic.round_trips),
                              std::to_string(f.traffic.bytes_sent),
                              std::to_string(f.traffic.bytes_received),
                              std::to_string(f.cpu_us)});
}

std::optional<StatsItem> StatsReader::next() {
    auto r = reader_.next();
    if (!r)
        return std::nullopt;
    if (r->type == "session") {
        require_fields(reader_, *r, 3);
        return traffic(reader_, *r, 0);
    }
    if (r->type == "folder") {
        require_fields(reader_, *r, 6);
        return FolderStats{.folder = r->fields[0],
                           .wall_us = field_u64(reader_, *r, 1, "wall-us"),
                           .traffic = traffic(reader_, *r, 2),
                           .cpu_us = field_u64(reader_, *r, 5, "cpu-us")};
    }
    reader_.fail(r->line, cat("unknown record type '", escape(r->type), "'"));
}

}  // namespace oimap::format
