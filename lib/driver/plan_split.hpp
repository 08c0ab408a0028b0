// SPDX-License-Identifier: GPL-2.0-or-later
// Splitting a plan for sync-apply(1): skip records out, folder creations first, then the
// folder pairs spread over several plans that can be carried out side by side, one IMAP
// connection each (the remote repository's maxconnections, spec §10.3).
#pragma once

#include <string>
#include <vector>

namespace oimap::driver {

/// The plans to run: creations (run first, alone; empty when the plan creates no folder),
/// then up to `buckets` plans holding whole folder pairs, balanced by operation count.
struct SplitPlan {
    std::string creations;
    std::vector<std::string> parts;
};

/// Reads the plan at from and writes the pieces as <dir>/apply-N.tsv, each with the meta
/// lines of the original.  Skip records are dropped: sync-apply(1) reports each as an error,
/// while most are expected outcomes that the driver has already reported.  buckets >= 1.
/// Throws FormatError for a bad plan, IoError when a piece cannot be written.
SplitPlan split_plan(const std::string& from, const std::string& dir, size_t buckets);

}  // namespace oimap::driver
