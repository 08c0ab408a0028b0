// SPDX-License-Identifier: GPL-2.0-or-later
// Diagnostics on stderr: "<prog>: <level>: <message>", with debug categories (-d, OIMAP_DEBUG).
#pragma once

#include <string>
#include <string_view>

namespace oimap::log {

enum class Category : unsigned {
    kImap = 1u << 0,
    kImapAll = 1u << 1,  ///< also whole literals in the protocol trace
    kMaildir = 1u << 2,
    kStatus = 1u << 3,
    kPlan = 1u << 4,
    kApply = 1u << 5,
    kProcess = 1u << 6,
    kConfig = 1u << 7,
};

enum class Level { kQuiet, kNormal, kVerbose };

/// Enables the comma-separated categories ("imap,plan", "all"); throws UsageError naming
/// an unknown one.
void enable_categories(std::string_view list);
/// Reads OIMAP_DEBUG; unknown names there are ignored with a warning.
void configure_from_environment();
/// The categories currently on, as the list enable_categories accepts (for child processes).
std::string enabled_list();
bool enabled(Category c);
void set_level(Level level);

void error(std::string_view message);
void warning(std::string_view message);
void info(std::string_view message);  ///< shown unless quiet
void verbose(std::string_view message);
void debug(Category c, std::string_view message);

/// Escapes control bytes (and DEL) as %HH so hostile text cannot drive the terminal.
std::string sanitize(std::string_view text);

}  // namespace oimap::log
