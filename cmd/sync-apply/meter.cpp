// SPDX-License-Identifier: GPL-2.0-or-later
#include "meter.hpp"

#include <sys/resource.h>

#include "imap/session.hpp"

namespace oimap::sync_apply {
namespace {

uint64_t cpu_us() {
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    auto us = [](const timeval& t) {
        return static_cast<uint64_t>(t.tv_sec) * 1000000 + static_cast<uint64_t>(t.tv_usec);
    };
    return us(usage.ru_utime) + us(usage.ru_stime);
}

}  // namespace

void FolderMeter::boundary(const std::string& folder) {
    auto now = std::chrono::steady_clock::now();
    uint64_t cpu = cpu_us();
    const imap::Traffic& traffic = session_.traffic();
    if (current_) {
        current_->wall_us = static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(now - start_).count());
        current_->traffic = {.round_trips = traffic.round_trips - start_traffic_.round_trips,
                             .bytes_sent = traffic.bytes_sent - start_traffic_.bytes_sent,
                             .bytes_received =
                                 traffic.bytes_received - start_traffic_.bytes_received};
        current_->cpu_us = cpu - start_cpu_us_;
        done_.push_back(std::move(*current_));
        current_.reset();
    }
    if (folder.empty())
        return;
    current_ = format::FolderStats{.folder = folder};
    start_traffic_ = traffic;
    start_ = now;
    start_cpu_us_ = cpu;
}

}  // namespace oimap::sync_apply
