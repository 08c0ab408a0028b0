// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap3 (folder/UIDMaps.py) opens "<map>.lock" for writing and
// takes fcntl.lockf(LOCK_EX) on it around every load and save; Python's lockf is a POSIX
// record lock over the whole file, which F_SETLKW with F_WRLCK takes here, so that both
// programs exclude each other.  The account lock already keeps two runs apart; this lock
// only matters for a program that reads the maps without it.
#include "status/uid_map.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "status/paths.hpp"

namespace oimap::status {
namespace {

/// Holds the lockf lock on "<map>.lock" while it lives.
class MapLock {
public:
    explicit MapLock(const std::string& map_path) {
        std::string path = map_path + ".lock";
        fd_ = fs::UniqueFd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd_.get() < 0)
            throw_errno("open", path);
        struct flock lock {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        while (::fcntl(fd_.get(), F_SETLKW, &lock) != 0)
            if (errno != EINTR)
                throw_errno("lock", path);
    }

private:
    fs::UniqueFd fd_;
};

bool exists(const std::string& path) {
    return ::access(path.c_str(), F_OK) == 0;
}

// Only the owner warns: a reader (sync-plan) runs before the owner (sync-apply) in one sync,
// and offlineimap warns once.
void check_tmp(const std::string& path) {
    std::string tmp = path + ".tmp";
    if (!exists(tmp))
        return;
    log::warning(
        "a previous run might have leave the UIDMaps file in incorrect state; some "
        "sync operations might be done again and some emails might become duplicated.");
    if (::unlink(tmp.c_str()) != 0 && errno != ENOENT)
        throw_errno("remove", tmp);
}

std::optional<uint32_t> positive(std::string_view field) {
    auto value = parse_number<uint32_t>(trim(field));
    if (!value || *value == 0)
        return std::nullopt;
    return value;
}

}  // namespace

std::string uid_map_path(std::string_view metadata, std::string_view repository,
                         std::string_view local_folder) {
    return cat(metadata, "/Repository-", repository, "/UIDMapping/", folder_basename(local_folder));
}

UidMap parse_uid_map(std::string_view text, const std::string& source) {
    UidMap map;
    if (!text.empty() && text.back() == '\n')
        text.remove_suffix(1);
    if (text.empty())
        return map;
    size_t number = 0;
    for (std::string_view line : split(text, '\n')) {
        ++number;
        size_t colon = line.find(':');
        std::optional<uint32_t> local, remote;
        if (colon != std::string_view::npos &&
            line.find(':', colon + 1) == std::string_view::npos) {
            local = positive(line.substr(0, colon));
            remote = positive(line.substr(colon + 1));
        }
        if (!local || !remote)
            throw FormatError(cat("cannot read UID map '", source, "': line ", number, ": '",
                                  log::sanitize(line), "' is not <localuid>:<remoteuid>"));
        map[*local] = *remote;
    }
    return map;
}

std::string format_uid_map(const UidMap& map) {
    std::string out;
    for (const auto& [local, remote] : map)
        out += cat(local, ':', remote, '\n');
    return out;
}

UidMap load_uid_map(const std::string& path, UidMapAccess access) {
    std::optional<MapLock> lock;
    if (access == UidMapAccess::kOwner) {
        fs::make_directories(fs::dirname(path), 0700);
        lock.emplace(path);
        check_tmp(path);
    }
    std::string text;
    try {
        text = fs::read_file(path);
    } catch (const NoInputError&) {
        return {};
    }
    return parse_uid_map(text, path);
}

void save_uid_map(const std::string& path, const UidMap& map, bool durable) {
    fs::make_directories(fs::dirname(path), 0700);
    MapLock lock(path);
    std::string tmp = path + ".tmp";
    {
        fs::UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.get() < 0)
            throw_errno("create", tmp);
        fs::write_all(fd.get(), format_uid_map(map), tmp);
        if (durable)
            fs::sync_fd(fd.get(), tmp);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        throw_errno("rename", tmp);
    if (durable)
        fs::sync_directory(fs::dirname(path));
}

}  // namespace oimap::status
