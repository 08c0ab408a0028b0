// SPDX-License-Identifier: GPL-2.0-or-later
// When a Maildir folder need not be read (doc/planner.md "Incremental listings"): its new/
// and cur/ still have the mtimes the last sync saw, and those mtimes were older than that
// scan by a safety margin, so no later change can hide behind an unchanged mtime.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace oimap::maildir_scan {

struct DirTimes {
    int64_t new_ns = 0;
    int64_t cur_ns = 0;
};

/// The mtimes of path/new and path/cur in nanoseconds; nullopt when either cannot be read.
std::optional<DirTimes> dir_times(const std::string& path);

/// CLOCK_REALTIME in nanoseconds.
int64_t now_ns();

/// The margin an mtime must be older than its scan to be trusted: 1 s on a filesystem
/// with sub-second timestamps (covers the kernel's coarse clock), 3 s when both mtimes are
/// whole seconds (1-s or 2-s timestamp granularity: FAT, ext3, some network filesystems).
int64_t margin_ns(const DirTimes& t);

/// True when a folder with these current mtimes is unchanged since a scan that started at
/// scanned_ns and saw saved: the same mtimes, both older than scanned_ns by margin_ns.
bool unchanged_since(const DirTimes& current, const DirTimes& saved, int64_t scanned_ns);

}  // namespace oimap::maildir_scan
