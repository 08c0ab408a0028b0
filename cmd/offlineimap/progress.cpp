// SPDX-License-Identifier: GPL-2.0-or-later
#include "progress.hpp"

#include <algorithm>
#include <fstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

std::string size_text(double bytes) {
    char buf[32];
    if (bytes >= 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.0f KiB", bytes / 1024.0);
    return buf;
}

}  // namespace

PlanTotals plan_totals(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError(cat("cannot read plan '", path, "'"));
    format::PlanReader reader(in, path);
    PlanTotals totals;
    using K = format::OpKind;
    while (auto item = reader.next()) {
        auto* op = std::get_if<format::PlanOp>(&*item);
        if (op == nullptr || op->kind == K::kCreateLocalFolder ||
            op->kind == K::kCreateRemoteFolder)
            continue;
        ++totals.rows;
        if (op->kind == K::kCopyToLocal) {
            totals.bytes += op->size;
            totals.download_sizes[{op->folder, op->uid}] = op->size;
        }
    }
    return totals;
}

std::string progress_text(size_t done, size_t total, uint64_t bytes, uint64_t total_bytes,
                          double seconds) {
    done = std::min(done, total);
    std::string text = cat(done, "/", total, " msgs, ", size_text(static_cast<double>(bytes)), "/",
                           size_text(static_cast<double>(total_bytes)));
    if (seconds <= 0.0 || bytes == 0)
        return text;
    double rate = static_cast<double>(bytes) / seconds;
    long left =
        static_cast<long>(static_cast<double>(total_bytes - std::min(bytes, total_bytes)) / rate);
    return cat(text, ", ", size_text(rate), "/s, ", left / 60, ":", left % 60 < 10 ? "0" : "",
               left % 60, " left");
}

ProgressWatch::ProgressWatch(Ui& ui, std::string account, std::vector<std::string> files,
                             const PlanTotals& totals)
    : ui_(ui),
      account_(std::move(account)),
      files_(std::move(files)),
      offsets_(files_.size(), 0),
      totals_(totals),
      start_(std::chrono::steady_clock::now()),
      thread_([this] { run(); }) {}

ProgressWatch::~ProgressWatch() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
    read_new();  // what came after the last look
}

void ProgressWatch::run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        lock.unlock();
        read_new();
        lock.lock();
        wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; });
    }
}

void ProgressWatch::read_new() {
    for (size_t i = 0; i < files_.size(); ++i) {
        std::string text;
        try {
            text = fs::read_file(files_[i]);
        } catch (const Error&) {
            continue;  // not written yet
        }
        size_t end = text.rfind('\n');
        if (end == std::string::npos || end + 1 <= offsets_[i])
            continue;
        std::string fresh = text.substr(offsets_[i], end - offsets_[i]);
        for (std::string_view l : split(fresh, '\n'))
            line(std::string(l));
        offsets_[i] = end + 1;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    ui_.progress(account_, progress_text(done_, totals_.rows, bytes_, totals_.bytes, seconds));
}

// "progress<TAB>folder<TAB>put<TAB>removed<TAB>uid,uid,..." (sync-apply(1)).
void ProgressWatch::line(const std::string& text) {
    std::vector<std::string_view> f = split(text, '\t');
    if (f.size() != 5 || f[0] != "progress")
        return;
    done_ += parse_number<size_t>(f[2]).value_or(0) + parse_number<size_t>(f[3]).value_or(0);
    if (f[4].empty())
        return;
    for (std::string_view uid : split(f[4], ',')) {
        auto it = totals_.download_sizes.find(
            {std::string(f[1]), parse_number<uint32_t>(uid).value_or(0)});
        if (it != totals_.download_sizes.end())
            bytes_ += it->second;
    }
}

}  // namespace oimap::driver
