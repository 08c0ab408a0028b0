// SPDX-License-Identifier: GPL-2.0-or-later
// From sync-plan's command line to the planner's options.
#pragma once

#include <cstdint>
#include <string>

#include "options.hpp"
#include "sync/planner.hpp"

namespace oimap::sync_plan {

/// Throws UsageError naming the first required option still unset (after -c/-a), or when
/// both listings are "-".
void check_required(const Options& opt);

/// offlineimap's maxage (folder/Base.py getmaxage): N >= 1 days before now, or a past
/// YYYY-mm-dd (UTC here); returns the cut-off in Unix seconds.  Throws UsageError
/// "invalid maxage value X" or "maxage led to future date X".
int64_t maxage_cutoff(const std::string& value, int64_t now);

/// The planner's options from opt, on top of base (what apply_config filled in).  "now" for
/// --maxage DAYS is OIMAP_TEST_FAKE_TIME when set (tests/README.md), else the clock.
sync::PlannerOptions planner_options(const Options& opt, sync::PlannerOptions base);

}  // namespace oimap::sync_plan
