// SPDX-License-Identifier: GPL-2.0-or-later
// Progress of sync-apply while it runs: the driver sets OIMAP_PROGRESS for each sync-apply
// (sync-apply(1)) and follows those files, adding up the rows made durable and the sizes
// of the downloads they name, against the plan's totals.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace oimap::driver {

class Ui;

/// What the plan holds: status rows to be written and the downloads' sizes.
struct PlanTotals {
    size_t rows = 0;
    uint64_t bytes = 0;
    std::map<std::pair<std::string, uint32_t>, uint64_t> download_sizes;  ///< (folder, uid)
};

/// Reads the plan at path.  Throws IoError, FormatError.
PlanTotals plan_totals(const std::string& path);

/// "12/40 msgs, 1.2/3.4 MiB, 250 KiB/s, 0:09 left" (the rate and time left once known).
std::string progress_text(size_t done, size_t total, uint64_t bytes, uint64_t total_bytes,
                          double seconds);

/// Follows files (written by sync-apply) until destroyed, showing progress through ui.
class ProgressWatch {
public:
    ProgressWatch(Ui& ui, std::string account, std::vector<std::string> files,
                  const PlanTotals& totals);
    ~ProgressWatch();
    ProgressWatch(const ProgressWatch&) = delete;
    ProgressWatch& operator=(const ProgressWatch&) = delete;

private:
    void run();
    void read_new();
    void line(const std::string& text);

    Ui& ui_;
    std::string account_;
    std::vector<std::string> files_;
    std::vector<size_t> offsets_;
    const PlanTotals& totals_;
    size_t done_ = 0;
    uint64_t bytes_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable wake_;  ///< stop without waiting out the poll interval
    bool stop_ = false;             ///< guarded by mutex_
    std::thread thread_;
};

}  // namespace oimap::driver
