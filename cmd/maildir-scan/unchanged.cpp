// SPDX-License-Identifier: GPL-2.0-or-later
#include "unchanged.hpp"

#include <sys/stat.h>
#include <time.h>

namespace oimap::maildir_scan {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

std::optional<int64_t> mtime_ns(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    return int64_t(st.st_mtim.tv_sec) * kSecond + st.st_mtim.tv_nsec;
}

}  // namespace

std::optional<DirTimes> dir_times(const std::string& path) {
    auto n = mtime_ns(path + "/new");
    auto c = mtime_ns(path + "/cur");
    if (!n || !c)
        return std::nullopt;
    return DirTimes{*n, *c};
}

int64_t now_ns() {
    timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * kSecond + ts.tv_nsec;
}

int64_t margin_ns(const DirTimes& t) {
    bool whole = t.new_ns % kSecond == 0 && t.cur_ns % kSecond == 0;
    return whole ? 3 * kSecond : kSecond;
}

bool unchanged_since(const DirTimes& current, const DirTimes& saved, int64_t scanned_ns) {
    if (scanned_ns <= 0 || current.new_ns != saved.new_ns || current.cur_ns != saved.cur_ns)
        return false;
    int64_t limit = scanned_ns - margin_ns(saved);
    return saved.new_ns <= limit && saved.cur_ns <= limit;
}

}  // namespace oimap::maildir_scan
