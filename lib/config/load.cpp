// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/load.hpp"

#include <cstdlib>
#include <filesystem>

#include "config/section.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

namespace oimap::config {

std::string find_config_file(const std::optional<std::string>& cli_path) {
    if (cli_path) return expand_user(*cli_path);
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    std::string base = xdg && *xdg ? std::string(xdg) : expand_user("~/.config");
    std::string candidate = base + "/offlineimap/config";
    std::error_code ec;
    if (std::filesystem::exists(candidate, ec)) return candidate;
    return expand_user("~/.offlineimaprc");
}

Ini load_file(const std::string& path) {
    std::string text;
    try {
        text = fs::read_file(path);
    } catch (const NoInputError&) {
        throw ConfigError(cat("config file '", path, "' does not exist"));
    }
    return Ini::parse(text, path);
}

void apply_override(Ini& ini, std::string_view spec) {
    size_t eq = spec.find('=');
    if (eq == std::string_view::npos) {
        throw UsageError(cat("cannot apply -k '", spec, "': expected [section:]option=value"));
    }
    std::string_view key = spec.substr(0, eq);
    std::string section = "general";
    size_t colon = key.find(':');
    if (colon != std::string_view::npos) {
        section = std::string(key.substr(0, colon));
        for (char& c : section) {
            if (c == '_') c = ' ';
        }
        key.remove_prefix(colon + 1);
    }
    ini.set(section, key, std::string(spec.substr(eq + 1)));
}

}  // namespace oimap::config
