// SPDX-License-Identifier: GPL-2.0-or-later
#include "modes.hpp"

#include "accounts.hpp"
#include "config/model.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "expressions.hpp"
#include "maintenance.hpp"
#include "mbnames.hpp"
#include "setup.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

void sync(const config::Ini& ini, const Options& options, const config::General& general, Ui& ui) {
    std::vector<std::string> accounts = active_accounts(ini, options, ui);
    Mbnames mbnames(ini, general.metadata, general.dry_run, ui, mbnames_evaluator());
    RunContext ctx{ini, options, general, ui, mbnames};
    sync_accounts(ctx, accounts);
    mbnames.finish();
}

void prune(const config::Ini& ini, const config::General& general, Ui& ui) {
    Mbnames mbnames(ini, general.metadata, general.dry_run, ui, mbnames_evaluator());
    mbnames.prune(general.accounts);
}

}  // namespace

void run_mode(const config::Ini& ini, const Options& options, Ui& ui) {
    config::General general = config::read_general(ini);
    fs::make_directories(general.metadata);
    MaintenanceContext ctx{ini, options, general, ui};
    if (options.info) return show_info(ctx);
    if (options.migrate_fmd5) return migrate_fmd5(ctx);
    if (options.mbnames_prune) return prune(ini, general, ui);
    if (options.delete_folder) return delete_folder(ctx, *options.delete_folder);
    sync(ini, options, general, ui);
}

}  // namespace oimap::driver
