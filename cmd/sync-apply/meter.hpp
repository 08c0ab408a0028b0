// SPDX-License-Identifier: GPL-2.0-or-later
// Per-folder statistics of sync-apply --stats: wall time and IMAP traffic between the
// applier's pair boundaries (ApplyOptions::pair_boundary).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "format/stats.hpp"
#include "imap/transport.hpp"

namespace oimap::imap {
class Session;
}

namespace oimap::sync_apply {

class FolderMeter {
public:
    /// session must outlive the meter.
    explicit FolderMeter(const imap::Session& session) : session_(session) {}
    /// Ends the folder being measured, if any, and starts folder unless it is "".
    void boundary(const std::string& folder);
    /// The folders measured so far, in order.
    const std::vector<format::FolderStats>& folders() const { return done_; }

private:
    const imap::Session& session_;
    std::optional<format::FolderStats> current_;
    imap::Traffic start_traffic_;
    std::chrono::steady_clock::time_point start_;
    uint64_t start_cpu_us_ = 0;
    std::vector<format::FolderStats> done_;
};

}  // namespace oimap::sync_apply
