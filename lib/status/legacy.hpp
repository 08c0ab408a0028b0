// SPDX-License-Identifier: GPL-2.0-or-later
// The plain-text LocalStatus files of offlineimap before 7.0 (spec §7.4), read so that a new
// SQLite status can start from them, as offlineimap3 intends (its importer never runs).
#pragma once

#include <optional>
#include <string>

#include "status/db.hpp"

namespace oimap::status {

/// Reads a FORMAT 1 ("uid:flags") or FORMAT 2 ("uid|flags|mtime|labels") file. Returns
/// nullopt if it does not exist, no rows if it is empty. Throws FormatError
/// "<path>:<line>: ..." for an unknown magic line or a corrupt line.
std::optional<StatusRows> read_legacy_status(const std::string& path);

/// If db was just created and a legacy file exists at legacy_path, copies its rows into db
/// in one transaction (offlineimap's import_other_backend); returns how many were copied.
/// The legacy file is left alone.
size_t import_legacy_status(Db& db, const std::string& legacy_path);

}  // namespace oimap::status
