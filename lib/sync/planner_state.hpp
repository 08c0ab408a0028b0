// SPDX-License-Identifier: GPL-2.0-or-later
// What the planner reads of the sync state: offlineimap's status rows (uid -> flags) per
// status name, and the saved UIDVALIDITY of each folder (spec §7.2, §7.3).  An interface, so
// unit tests use the in-memory MemoryStateSource and sync-plan the on-disk store.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace oimap::sync {

/// One row of a status DB: a remote UID and the Maildir letters last synchronised.
struct StatusRow {
    uint32_t uid = 0;
    std::string flags;
};

class StateSource {
public:
    virtual ~StateSource() = default;
    /// The rows of the status DB of that status name (spec §7.1 basename), sorted by UID;
    /// empty when the DB does not exist.  Throws IoError/FormatError when it cannot be read.
    virtual std::vector<StatusRow> status_rows(const std::string& status_name) = 0;
    /// The UIDVALIDITY saved for folder basename in the repository; nullopt when none.
    virtual std::optional<uint32_t> saved_uid_validity(const std::string& repository,
                                                       const std::string& basename) = 0;
    /// The startdate floor saved for folder basename in the repository (spec §5.7.3);
    /// nullopt when none.
    virtual std::optional<uint32_t> saved_start_uid(const std::string& repository,
                                                    const std::string& basename) = 0;
};

/// A StateSource held in memory (tests, and callers that loaded the state themselves).
class MemoryStateSource : public StateSource {
public:
    std::vector<StatusRow> status_rows(const std::string& status_name) override;
    std::optional<uint32_t> saved_uid_validity(const std::string& repository,
                                               const std::string& basename) override;
    std::optional<uint32_t> saved_start_uid(const std::string& repository,
                                            const std::string& basename) override;

    /// Replaces the rows of a status DB (any order).
    void set_rows(const std::string& status_name, std::vector<StatusRow> rows);
    void set_uid_validity(const std::string& repository, const std::string& basename,
                          uint32_t value);
    void set_start_uid(const std::string& repository, const std::string& basename, uint32_t uid);
    /// Everything stored, for tests that apply plans to a model.
    std::map<std::string, std::vector<StatusRow>>& all_rows() { return rows_; }

private:
    std::map<std::string, std::vector<StatusRow>> rows_;
    std::map<std::pair<std::string, std::string>, uint32_t> validity_;
    std::map<std::pair<std::string, std::string>, uint32_t> start_uids_;
};

}  // namespace oimap::sync
