// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/planner_state.hpp"

#include <algorithm>

namespace oimap::sync {

std::vector<StatusRow> MemoryStateSource::status_rows(const std::string& status_name) {
    auto it = rows_.find(status_name);
    if (it == rows_.end())
        return {};
    std::vector<StatusRow> rows = it->second;
    std::sort(rows.begin(), rows.end(),
              [](const StatusRow& a, const StatusRow& b) { return a.uid < b.uid; });
    return rows;
}

std::optional<uint32_t> MemoryStateSource::saved_uid_validity(const std::string& repository,
                                                              const std::string& basename) {
    auto it = validity_.find({repository, basename});
    if (it == validity_.end())
        return std::nullopt;
    return it->second;
}

void MemoryStateSource::set_rows(const std::string& status_name, std::vector<StatusRow> rows) {
    rows_[status_name] = std::move(rows);
}

void MemoryStateSource::set_uid_validity(const std::string& repository, const std::string& basename,
                                         uint32_t value) {
    validity_[{repository, basename}] = value;
}

std::optional<uint32_t> MemoryStateSource::saved_start_uid(const std::string& repository,
                                                           const std::string& basename) {
    auto it = start_uids_.find({repository, basename});
    if (it == start_uids_.end())
        return std::nullopt;
    return it->second;
}

void MemoryStateSource::set_start_uid(const std::string& repository, const std::string& basename,
                                      uint32_t uid) {
    start_uids_[{repository, basename}] = uid;
}

}  // namespace oimap::sync
