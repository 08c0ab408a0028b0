// SPDX-License-Identifier: GPL-2.0-or-later
// The StateSource of sync-plan: offlineimap's status DBs and FolderValidity files under the
// metadata directory (spec §7), read through lib/status.  Never creates a file.
#pragma once

#include <string>

#include "sync/planner_state.hpp"

namespace oimap::sync {

class DiskStateSource : public StateSource {
public:
    DiskStateSource(std::string metadata, std::string account)
        : metadata_(std::move(metadata)), account_(std::move(account)) {}

    /// Rows of <metadata>/Account-<account>/LocalStatus-sqlite/<name>; none when the file is
    /// missing.  Throws IoError/FormatError from lib/status when it cannot be read.
    std::vector<StatusRow> status_rows(const std::string& status_name) override;
    /// <metadata>/Repository-<repository>/FolderValidity/<basename>.
    std::optional<uint32_t> saved_uid_validity(const std::string& repository,
                                               const std::string& basename) override;
    /// <metadata>/Repository-<repository>/StartUID/<basename>.
    std::optional<uint32_t> saved_start_uid(const std::string& repository,
                                            const std::string& basename) override;

private:
    std::string metadata_;
    std::string account_;
};

}  // namespace oimap::sync
