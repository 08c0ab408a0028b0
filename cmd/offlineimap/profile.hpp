// SPDX-License-Identifier: GPL-2.0-or-later
// -P DIR (profile mode): where one account sync spent its time, per stage (wall and CPU
// time of each child, from wait4; IMAP round trips and bytes, from the child's --stats) and
// per folder (messages and bytes moved, from the plan; sync-apply's time, round trips and
// bytes for the folder pair).  One file per account sync; the format is in offlineimap(1),
// PROFILE FILES.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "format/stats.hpp"

namespace oimap::driver {

class Profile {
public:
    Profile() : start_(std::chrono::steady_clock::now()) {}

    /// A child that ran: its name, wall seconds until reaped, CPU seconds, exit status, and
    /// the "stats" stream it wrote with --stats (oimap-formats(5)), "" or absent if none.
    /// Throws FormatError for a malformed stats file.
    void stage(const std::string& name, double wall, double user, double sys, int code,
               const std::string& stats = {});
    /// Counts the plan's operations per folder pair.  Throws IoError/FormatError.
    void plan(const std::string& path);
    /// Writes DIR/<YYYYmmddHHMMSS>_<account>.tsv (mode 0644).  Throws IoError.
    std::string write(const std::string& dir, const std::string& account) const;

private:
    struct Stage {
        std::string name;
        double wall, user, sys;
        int code;
        format::SessionStats traffic;
    };
    struct Folder {
        size_t down = 0, up = 0, deletions = 0, flag_changes = 0;
        uint64_t down_bytes = 0, up_bytes = 0;
        uint64_t wall_us = 0;  ///< in sync-apply, from the pair's SELECT to the next pair
        format::SessionStats traffic;
        uint64_t cpu_us = 0;
    };
    format::SessionStats read_stats(const std::string& path);
    std::chrono::steady_clock::time_point start_;
    std::vector<Stage> stages_;
    std::map<std::string, Folder> folders_;  ///< by remote folder name
};

/// Seconds since start, as a double.
double seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace oimap::driver
