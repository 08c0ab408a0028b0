// SPDX-License-Identifier: GPL-2.0-or-later
// The modes that do not sync: --info, --delete-folder, --migrate-fmd5-using-nametrans.
#pragma once

#include <string>

#include "config/ini.hpp"
#include "config/model.hpp"
#include "options.hpp"

namespace oimap::driver {

class Ui;
class Expressions;

struct MaintenanceContext {
    const config::Ini& ini;
    const Options& options;
    const config::General& general;
    Ui& ui;
    Expressions& expressions;
};

/// --info (spec §1.2): the repositories of each active account and their folder lists.
void show_info(const MaintenanceContext& ctx);
/// The --info lines of one account (info.cpp).
void show_account_info(const MaintenanceContext& ctx, const config::ResolvedAccount& account);
/// --delete-folder NAME: IMAP DELETE on the remote repository of the single active account.
void delete_folder(const MaintenanceContext& ctx, const std::string& folder);
/// --migrate-fmd5-using-nametrans: renames local files whose FMD5 is the md5 of the
/// untranslated folder name to carry the md5 of the visible name (honours --dry-run).
void migrate_fmd5(const MaintenanceContext& ctx);

}  // namespace oimap::driver
