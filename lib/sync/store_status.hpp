// SPDX-License-Identifier: GPL-2.0-or-later
// The state store of sync-apply: offlineimap3's per-folder SQLite status databases (spec
// §7.3) and FolderValidity files (§7.2), through lib/status.
#pragma once

#include <memory>
#include <string>

#include "status/db.hpp"
#include "sync/store.hpp"

namespace oimap::sync {

struct StatusStoreOptions {
    std::string metadata;           ///< offlineimap's metadata directory
    std::string account;
    std::string remote_repository;  ///< for Repository-<name>/FolderValidity/
    std::string local_repository;
    bool fsync = true;
};

class SqliteStatus : public StatusStore {
public:
    explicit SqliteStatus(StatusStoreOptions options) : options_(std::move(options)) {}

    /// Opens <metadata>/Account-<account>/LocalStatus-sqlite/<status> (created with
    /// offlineimap's schema if needed) and writes the FolderValidity files, atomically, when
    /// missing or different: uid_validity for the remote folder, and 42 for the Maildir folder.
    void open_pair(const std::string& status, const std::string& remote, const std::string& local,
                   uint32_t uid_validity) override;
    std::optional<std::string> flags(uint32_t uid) const override;
    void apply(const StatusChange& change) override;
    std::vector<int64_t> add_intents(
        const std::vector<std::pair<std::string, std::string>>& files_and_markers) override;
    std::vector<UploadIntent> intents() const override;
    void save_start_uid(const std::string& file, uint32_t uid) override;

private:
    status::Db& db() const;

    StatusStoreOptions options_;
    std::unique_ptr<status::Db> db_;
    status::StatusRows rows_;
};

}  // namespace oimap::sync
