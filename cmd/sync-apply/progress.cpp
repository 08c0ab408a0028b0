// SPDX-License-Identifier: GPL-2.0-or-later
#include "progress.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::sync_apply {

ProgressStatus::ProgressStatus(sync::StatusStore& inner, const std::string& path)
    : inner_(inner), out_(std::fopen(path.c_str(), "ae")) {
    if (out_ == nullptr)
        throw_errno("open progress file", path);
}

ProgressStatus::~ProgressStatus() {
    std::fclose(out_);
}

void ProgressStatus::open_pair(const std::string& status, const std::string& remote,
                               const std::string& local, uint32_t uid_validity) {
    folder_ = remote;
    inner_.open_pair(status, remote, local, uid_validity);
}

std::optional<std::string> ProgressStatus::flags(uint32_t uid) const {
    return inner_.flags(uid);
}

// The line comes after the transaction is durable: it never reports work that a crash
// would undo.
void ProgressStatus::apply(const sync::StatusChange& change) {
    inner_.apply(change);
    std::string uids;
    for (const auto& [uid, flags] : change.put)
        uids += (uids.empty() ? "" : ",") + std::to_string(uid);
    std::string line = cat("progress\t", log::sanitize(folder_), "\t", change.put.size(), "\t",
                           change.remove.size(), "\t", uids, "\n");
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
}

std::vector<int64_t> ProgressStatus::add_intents(
    const std::vector<std::pair<std::string, std::string>>& files_and_markers) {
    return inner_.add_intents(files_and_markers);
}

std::vector<sync::UploadIntent> ProgressStatus::intents() const {
    return inner_.intents();
}

}  // namespace oimap::sync_apply
