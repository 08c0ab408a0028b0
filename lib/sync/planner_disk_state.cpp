// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_disk_state.hpp"

#include <sys/stat.h>

#include "status/db.hpp"
#include "status/paths.hpp"

namespace oimap::sync {

std::vector<StatusRow> DiskStateSource::status_rows(const std::string& status_name) {
    std::string path = status::status_db_path(metadata_, account_, status_name);
    // Db::open creates a missing database; sync-plan must not write, so look first.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return {};
    std::vector<StatusRow> out;
    for (auto& [uid, row] : status::Db::open(path).load())
        out.push_back({.uid = uid, .flags = std::move(row.flags)});
    return out;
}

std::optional<uint32_t> DiskStateSource::saved_uid_validity(const std::string& repository,
                                                            const std::string& basename) {
    return status::read_folder_validity(
        status::folder_validity_path(metadata_, repository, basename));
}

std::optional<uint32_t> DiskStateSource::saved_start_uid(const std::string& repository,
                                                         const std::string& basename) {
    // The same "<decimal>\n" as a FolderValidity file (offlineimap3 Base.retrieve_min_uid).
    return status::read_folder_validity(
        metadata_ + "/Repository-" + repository + "/StartUID/" + basename);
}

}  // namespace oimap::sync
