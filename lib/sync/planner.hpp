// SPDX-License-Identifier: GPL-2.0-or-later
// The planner: a pure function of (remote listing, local listing, sync state) to a plan
// that reproduces one offlineimap sync of an account (spec §4.4, §5.4-§5.8, §6.3);
// doc/planner.md explains every decision.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/plan.hpp"
#include "maildir/flags.hpp"
#include "sync/planner_input.hpp"
#include "sync/planner_state.hpp"

namespace oimap::sync {

/// A folder-name translation (nametrans); an empty function is the identity.
using NameTrans = std::function<std::string(const std::string&)>;
/// A folder filter (folderfilter); an empty function accepts every folder.
using FolderFilter = std::function<bool(const std::string&)>;

struct PlannerOptions {
    std::string remote_repository;  ///< names FolderValidity directories and warnings
    std::string local_repository;
    char local_sep = '.';
    /// The remote hierarchy delimiter used to name folders created on the remote; empty:
    /// the delimiter of the first remote folder that has one, else "/".
    std::string remote_sep;
    bool quick = false;
    bool remote_readonly = false;
    bool local_readonly = false;
    bool create_remote_folders = true;
    bool create_local_folders = true;
    bool sync_deletes_remote = true;       ///< propagate deletions made on the remote
    bool sync_deletes_local = true;        ///< propagate deletions made locally
    std::optional<int64_t> maxage_cutoff;  ///< Unix seconds of the maxage cut-off
    /// The remote repository's startdate (spec §5.7.3), Unix seconds of its first day (UTC).
    std::optional<int64_t> remote_startdate;
    /// The local repository's startdate (spec §5.7.3), for a local IMAP repository only (the
    /// local listing is a mapped one, mapped_listing.hpp): Unix seconds of its first day (UTC).
    std::optional<int64_t> local_startdate;
    std::optional<uint64_t> maxsize;
    maildir::KeywordMap keywords;  ///< the local repository's customflag_* table
    /// Upload UID-less local files even into a folder that has no state while the server
    /// has messages no local file carries (offlineimap's behaviour; may duplicate).
    bool upload_unmatched = false;
    /// The remote folder name the rules see, from the raw name (utf8foldernames: modified
    /// UTF-7 decoded); remote_encode is its inverse.  Empty functions: the raw name.
    NameTrans remote_decode;
    NameTrans remote_encode;
    NameTrans remote_nametrans;
    NameTrans local_nametrans;
    FolderFilter remote_filter;
    FolderFilter local_filter;
    /// Reads the messages of a local folder that the listing marks unchanged ("none") when
    /// the other side changed (sync-plan rescans it); empty: such a folder is skipped
    /// (incomplete-listing).
    std::function<std::vector<format::LocalMessage>(const std::string& local_folder)> local_rescan;
    /// The current UIDVALIDITY of a local folder for the FolderValidity check (spec §5.5): a
    /// local IMAP repository's (its server's; 0 when unknown: not checked); empty: 42, the
    /// value offlineimap gives every Maildir folder.
    std::function<uint32_t(const std::string& local_folder)> local_uid_validity;
};

/// A paired folder with nothing to do: its listings describe the state exactly, so they
/// can be saved as the facts of the next incremental sync (lib/status facts.hpp).
struct SettledFolder {
    std::string status_name;
    format::RemoteFolder remote;
    format::LocalFolder local;
};

struct PlanResult {
    std::vector<format::PlanItem> items;  ///< in execution order
    std::vector<std::string> warnings;    ///< for stderr, in the order they arose
    bool uid_validity_problem = false;    ///< a folder was skipped for UIDVALIDITY (exit 2)
    std::vector<SettledFolder> settled;   ///< folders paired with no operation
};

/// Plans one sync.  Reads the state of each synced folder from state; throws what state
/// throws.  Never throws for unusual listings: such folders get a `skip` and a warning.
PlanResult make_plan(const RemoteListing& remote, const LocalListing& local, StateSource& state,
                     const PlannerOptions& options);

}  // namespace oimap::sync
