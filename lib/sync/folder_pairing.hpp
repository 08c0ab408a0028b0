// SPDX-License-Identifier: GPL-2.0-or-later
// Folder naming and the folder-structure step of a sync (spec §4.1, §4.2, §4.4, §7.1):
// which remote folder pairs with which local folder, under which status name, and which
// folders must be created on either side first.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/plan.hpp"
#include "sync/planner.hpp"

namespace oimap::sync {

/// offlineimap's basename rule for status and FolderValidity files (spec §7.1), as
/// status::folder_basename: every '/' becomes '.', and "" or "." becomes "dot".
std::string status_basename(std::string_view name);

/// name with every occurrence of from replaced by to; from empty leaves name as is.
std::string replace_separator(std::string_view name, std::string_view from, std::string_view to);

/// One folder the account loop visits, in plan order.
struct FolderEntry {
    const RemoteFolderListing* remote = nullptr;  ///< null when created by this plan
    const LocalFolderListing* local = nullptr;    ///< null when created by this plan
    std::string remote_name;                      ///< raw, as the server sends it
    std::string real_name;  ///< the name the rules see (remote_decode); FolderValidity's
    std::string local_name;
    std::string status_name;  ///< basename of the status DB
    std::string fmd5;         ///< md5 of the local visible name
    bool created_local = false;
    bool created_remote = false;
    std::optional<format::FolderSkip> skip;  ///< set when the folder is not synced at all
};

struct FolderPlan {
    std::vector<format::PlanOp> creates;  ///< create-local-folder, then create-remote-folder
    std::vector<FolderEntry> entries;
    std::vector<std::string> warnings;
};

/// Pairs the folders of both listings; pure.
FolderPlan pair_folders(const RemoteListing& remote, const LocalListing& local,
                        const PlannerOptions& options);

}  // namespace oimap::sync
