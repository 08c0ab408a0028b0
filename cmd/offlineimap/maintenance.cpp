// SPDX-License-Identifier: GPL-2.0-or-later
#include "maintenance.hpp"

#include "core/error.hpp"

namespace oimap::driver {

void show_info(const MaintenanceContext&) {
    throw ConfigError("--info is not supported yet by this offlineimap");
}

void delete_folder(const MaintenanceContext&, const std::string&) {
    throw ConfigError("--delete-folder is not supported yet by this offlineimap");
}

void migrate_fmd5(const MaintenanceContext&) {
    throw ConfigError("--migrate-fmd5-using-nametrans is not supported yet by this offlineimap");
}

}  // namespace oimap::driver
