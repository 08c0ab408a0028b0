// SPDX-License-Identifier: GPL-2.0-or-later
// Finding and reading the offlineimaprc (spec §1.1) and the -k overrides (spec §1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/ini.hpp"

namespace oimap::config {

/// The config file to read: cli_path ('~' expanded) when given; otherwise
/// $XDG_CONFIG_HOME/offlineimap/config (~/.config/... when unset or empty) when it exists;
/// otherwise ~/.offlineimaprc.  Does not check that the result exists.
std::string find_config_file(const std::optional<std::string>& cli_path);

/// Reads and parses path.  Throws ConfigError "config file '<path>' does not exist" when
/// it is missing, IoError when it cannot be read, ConfigError on a syntax error.
Ini load_file(const std::string& path);

/// Applies one -k "[section:]option=value": split at the first '='; a key with ':' names
/// the section before its first ':' with every '_' replaced by a space; otherwise the
/// section is "general".  Throws UsageError when there is no '=', ConfigError when the
/// section does not exist or the value has a bad '%'.
void apply_override(Ini& ini, std::string_view spec);

}  // namespace oimap::config
