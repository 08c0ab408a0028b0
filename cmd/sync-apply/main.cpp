// SPDX-License-Identifier: GPL-2.0-or-later
// sync-apply(1): carries out a sync-plan against the Maildir, the server and the status
// databases (plumbing).
#include <cstdio>

#include "../imap-fetch/account.hpp"
#include "account.hpp"
#include "core/log.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"
#include "options.hpp"
#include "run.hpp"
#include "stop.hpp"

namespace {

int sync_apply_main(int argc, char** argv) {
    using namespace oimap;
    sync_apply::Options options = sync_apply::parse_options(argc, argv);
    if (options.connection.help) {
        std::fputs(sync_apply::help_text().c_str(), stdout);
        return 0;
    }
    if (options.connection.version) {
        std::string line = cat("sync-apply ", sync_apply::kVersion, " (reads ", format::kPlanKind, " ",
                               format::kPlanMajor, ")\n");
        std::fputs(line.c_str(), stdout);
        return 0;
    }
    log::configure_from_environment();
    if (options.connection.debug) log::enable_categories(*options.connection.debug);
    if (options.quiet) log::set_level(log::Level::kQuiet);
    if (options.verbose) log::set_level(log::Level::kVerbose);
    if (options.connection.config_file || options.connection.account) {
        imap_fetch::apply_account(options.connection);
        sync_apply::apply_local_account(options);
    }
    sync_apply::install_stop_handlers();
    return sync_apply::run_apply(options);
}

}  // namespace

int main(int argc, char** argv) { return oimap::run_main(argc, argv, sync_apply_main); }
