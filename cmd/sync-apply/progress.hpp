// SPDX-License-Identifier: GPL-2.0-or-later
// OIMAP_PROGRESS=<file>: a line per durable status transaction, for a front end that shows
// progress while sync-apply runs (offlineimap's blinkenlights).  Format, sync-apply(1):
//     progress<TAB><remote folder><TAB><rows put><TAB><rows removed><TAB><uid>,<uid>,...
// (the UIDs put, so that the reader can add up the sizes of downloads from the plan).
#pragma once

#include <cstdio>
#include <string>

#include "sync/store.hpp"

namespace oimap::sync_apply {

/// A StatusStore that forwards to inner and reports each applied change to a file.
class ProgressStatus : public sync::StatusStore {
public:
    /// Appends to path; throws IoError when it cannot be opened.
    ProgressStatus(sync::StatusStore& inner, const std::string& path);
    ~ProgressStatus() override;

    void open_pair(const std::string& status, const std::string& remote, const std::string& local,
                   uint32_t uid_validity) override;
    std::optional<std::string> flags(uint32_t uid) const override;
    void apply(const sync::StatusChange& change) override;
    std::vector<int64_t> add_intents(
        const std::vector<std::pair<std::string, std::string>>& files_and_markers) override;
    std::vector<sync::UploadIntent> intents() const override;
    void save_start_uid(const std::string& file, uint32_t uid) override {
        inner_.save_start_uid(file, uid);
    }

private:
    sync::StatusStore& inner_;
    std::FILE* out_ = nullptr;
    std::string folder_;
};

}  // namespace oimap::sync_apply
