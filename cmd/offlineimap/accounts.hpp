// SPDX-License-Identifier: GPL-2.0-or-later
// The account loop (spec §5.2, §5.3): lock, hooks, pipeline, mbnames, for each account,
// up to maxsyncaccounts at a time.
#pragma once

#include <string>
#include <vector>

#include "config/ini.hpp"
#include "config/model.hpp"
#include "options.hpp"

namespace oimap::driver {

class Ui;
class Mbnames;
class Expressions;

struct RunContext {
    const config::Ini& ini;
    const Options& options;
    const config::General& general;
    Ui& ui;
    Mbnames& mbnames;
    Expressions& expressions;
};

/// Syncs accounts once each.  Failures are reported through ctx.ui (and set its exit
/// status); one account's failure does not stop the others.
void sync_accounts(const RunContext& ctx, const std::vector<std::string>& accounts);

/// A private directory under $TMPDIR (or /tmp), removed with everything in it.
class WorkDir {
public:
    WorkDir();
    ~WorkDir();
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace oimap::driver
