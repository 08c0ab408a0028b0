// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap's messages for the operations of a plan (spec §11.3): folder creation,
// "Syncing ...", copies, deletions, flag changes, and the [DRYRUN] variants (spec §5.14).
#pragma once

#include <string>
#include <vector>

#include "format/plan.hpp"

namespace oimap::driver {

class Ui;

/// The names the messages use.
struct ReportNames {
    std::string remote_repository, local_repository;
    std::string remote_type = "IMAP", local_type = "Maildir";
    /// <metadata>/Account-<account>/LocalStatus-sqlite: a pair whose database is not there
    /// yet gets offlineimap's "Creating new Local Status db" line.
    std::string status_dir;
    std::string account;  ///< for machineui's thread names ("Folder <f> [acc: <account>]")
};

/// What the plan holds, for the caller.
struct PlanSummary {
    std::vector<format::FolderPair> pairs;
    /// Local names of the folders whose sync started (pairs, and folders skipped as unchanged
    /// or for their UIDVALIDITY), in plan order: what offlineimap gives mbnames.
    std::vector<std::string> dispatched;
    bool uid_validity_problem = false;
    size_t operations = 0;
    size_t skips = 0;  ///< skip records of any reason
    /// A copy out of the remote INBOX of a message without \Seen (newmail_hook, §5.8.1).
    bool new_mail = false;
};

/// Reads the plan at path and logs its operations through ui, in offlineimap's order and
/// words.  Skips: "unchanged" is logged as offlineimap logs it; "uidvalidity" and
/// "separator" were already warned about by sync-plan; any other reason is an error (the
/// folder cannot be synced).  Throws FormatError for a bad plan.
PlanSummary report_plan(const std::string& path, const ReportNames& names, bool dry_run, Ui& ui);

/// The names of includes (folderincludes, as given to imap-fetch --include) that the
/// remote-state listing at path lacks: imap-fetch could not examine them.  Throws
/// FormatError for a bad listing, IoError when it cannot be read.
std::vector<std::string> missing_includes(const std::string& path,
                                          const std::vector<std::string>& includes);

}  // namespace oimap::driver
