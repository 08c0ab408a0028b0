// SPDX-License-Identifier: GPL-2.0-or-later
// Every option offlineimap reads (spec §2), with what this implementation does with it.
// The table in registry.cpp is the one place to edit when a feature lands.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "config/ini.hpp"

namespace oimap::config {

enum class Support {
    kSupported,  ///< implemented here
    kNotYet,     ///< offlineimap implements it and we do not yet: refused
    kIgnored,    ///< offlineimap ignores it too, or it is a tuning knob with no visible effect
    kRemoved,    ///< offlineimap refuses it itself (status_backend)
};

/// Which sections an option belongs to.
enum class Scope { kGeneral, kMbnames, kAccount, kRepository, kMaildir, kImap };

struct OptionInfo {
    Scope scope;
    std::string_view name;  ///< lower-case; "customflag_*" stands for customflag_a..z
    Support support;
    /// For kNotYet: a value that means "feature off" and is therefore accepted ("no" for a
    /// boolean compares as a boolean, anything else compares after trimming).
    std::optional<std::string_view> harmless = std::nullopt;
    bool boolean = false;  ///< harmless is compared with getboolean rules
};

/// The whole table.
std::span<const OptionInfo> option_table();

/// The entry for option in a section of the given scope (Repository options are looked up
/// in kRepository then in the type's scope); nullopt for an option offlineimap does not read.
std::optional<OptionInfo> find_option(Scope scope, std::string_view option);

/// Throws ConfigError naming the first option, in [general], [mbnames], [Account account]
/// and its two repositories, that offlineimap implements and this implementation does not
/// yet: "option 'synclabels' in [Account Gmail] is not supported yet by this offlineimap;
/// remove it or use offlineimap3".  Also refuses a local repository of type IMAP, a
/// GSSAPI-only auth_mechanisms, and status_backend (with offlineimap's own text).  Unknown
/// options and sections are accepted, as offlineimap accepts them.
void check_supported(const Ini& ini, const std::string& account);

}  // namespace oimap::config
