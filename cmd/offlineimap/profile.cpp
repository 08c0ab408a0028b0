// SPDX-License-Identifier: GPL-2.0-or-later
#include "profile.hpp"

#include <fcntl.h>

#include <ctime>
#include <fstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"

namespace oimap::driver {
namespace {

std::string fixed(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", value);
    return buf;
}

std::string stamp() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
    return buf;
}

void add(format::SessionStats& sum, const format::SessionStats& more) {
    sum.round_trips += more.round_trips;
    sum.bytes_sent += more.bytes_sent;
    sum.bytes_received += more.bytes_received;
}

std::string traffic_fields(const format::SessionStats& t) {
    return cat("\t", t.round_trips, "\t", t.bytes_sent, "\t", t.bytes_received);
}

}  // namespace

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Profile::stage(const std::string& name, double wall, double user, double sys, int code,
                    const std::string& stats) {
    stages_.push_back({name, wall, user, sys, code, read_stats(stats)});
}

// The session record is the stage's; folder records add to the plan's folders.
format::SessionStats Profile::read_stats(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (path.empty() || !in)
        return {};  // a stage without --stats, or one that failed before writing it
    format::StatsReader reader(in, path);
    format::SessionStats session;
    while (auto item = reader.next()) {
        if (auto* s = std::get_if<format::SessionStats>(&*item)) {
            session = *s;
        } else {
            const auto& f = std::get<format::FolderStats>(*item);
            Folder& folder = folders_[f.folder];
            folder.wall_us += f.wall_us;
            folder.cpu_us += f.cpu_us;
            add(folder.traffic, f.traffic);
        }
    }
    return session;
}

void Profile::plan(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError(cat("cannot read plan '", path, "'"));
    format::PlanReader reader(in, path);
    using K = format::OpKind;
    while (auto item = reader.next()) {
        if (auto* pair = std::get_if<format::FolderPair>(&*item))
            folders_[pair->remote];
        auto* op = std::get_if<format::PlanOp>(&*item);
        if (op == nullptr || op->kind == K::kCreateLocalFolder ||
            op->kind == K::kCreateRemoteFolder)
            continue;
        Folder& f = folders_[op->folder];
        if (op->kind == K::kCopyToLocal)
            ++f.down, f.down_bytes += op->size;
        else if (op->kind == K::kCopyToRemote || op->kind == K::kAdoptOrCopyToRemote)
            ++f.up, f.up_bytes += op->size;
        else if (op->kind == K::kDeleteLocal || op->kind == K::kDeleteRemote)
            ++f.deletions;
        else if (op->kind == K::kSetLocalFlags || op->kind == K::kSetRemoteFlags)
            ++f.flag_changes;
    }
}

std::string Profile::write(const std::string& dir, const std::string& account) const {
    std::string text = cat("# oimap-profile 1\taccount\t", account, "\n", "total\t",
                           fixed(seconds_since(start_)), "\n");
    for (const Stage& s : stages_)
        text += cat("stage\t", s.name, "\t", fixed(s.wall), "\t", fixed(s.user), "\t", fixed(s.sys),
                    "\t", s.code, traffic_fields(s.traffic), "\n");
    for (const auto& [name, f] : folders_)
        text += cat("folder\t", log::sanitize(name), "\t", f.down, "\t", f.down_bytes, "\t", f.up,
                    "\t", f.up_bytes, "\t", f.deletions, "\t", f.flag_changes, "\t",
                    fixed(static_cast<double>(f.wall_us) / 1e6), traffic_fields(f.traffic), "\t",
                    fixed(static_cast<double>(f.cpu_us) / 1e6), "\n");
    std::string path = cat(dir, "/", stamp(), "_", account, ".tsv");
    fs::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid())
        throw_errno("write", path);
    fs::write_all(fd.get(), text, path);
    return path;
}

}  // namespace oimap::driver
