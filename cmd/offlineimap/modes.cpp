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

void sync(const MaintenanceContext& m) {
    std::vector<std::string> accounts = active_accounts(m.ini, m.options, m.ui);
    Mbnames mbnames(m.ini, m.general.metadata, m.general.dry_run, m.ui, m.expressions.mbnames());
    RunContext ctx{m.ini, m.options, m.general, m.ui, mbnames, m.expressions};
    sync_accounts(ctx, accounts);
    mbnames.finish();
}

void prune(const MaintenanceContext& m) {
    Mbnames mbnames(m.ini, m.general.metadata, m.general.dry_run, m.ui, m.expressions.mbnames());
    mbnames.prune(m.general.accounts);
}

}  // namespace

void run_mode(const config::Ini& ini, const Options& options, Ui& ui) {
    config::General general = config::read_general(ini);
    fs::make_directories(general.metadata);
    Expressions expressions(general);
    MaintenanceContext ctx{ini, options, general, ui, expressions};
    if (options.info)
        return show_info(ctx);
    if (options.migrate_fmd5)
        return migrate_fmd5(ctx);
    if (options.mbnames_prune)
        return prune(ctx);
    if (options.delete_folder)
        return delete_folder(ctx, *options.delete_folder);
    sync(ctx);
}

}  // namespace oimap::driver
