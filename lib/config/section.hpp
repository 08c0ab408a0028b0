// SPDX-License-Identifier: GPL-2.0-or-later
// Typed reads of one section, with ConfigParser's getboolean/getint/getfloat rules and
// offlineimap's path expansion (os.path.expanduser then os.path.expandvars).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/ini.hpp"

namespace oimap::config {

/// A view of one section of an Ini (which must outlive it).  Every getter interpolates
/// and returns nullopt (or the given default) when the option is not visible; a value of
/// the wrong type throws ConfigError "[Section] option: '<value>' is not <a type>".
class SectionView {
public:
    SectionView(const Ini& ini, std::string name) : ini_(&ini), name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    const Ini& ini() const { return *ini_; }
    bool has(std::string_view option) const { return ini_->has_option(name_, option); }

    std::optional<std::string> str(std::string_view option) const;
    std::string str(std::string_view option, std::string_view fallback) const;
    /// 1/yes/true/on and 0/no/false/off, case-insensitive (not stripped, as getboolean).
    std::optional<bool> boolean(std::string_view option) const;
    bool boolean(std::string_view option, bool fallback) const;
    /// Python int(): optional sign, decimal digits, single '_' between digits, spaces around.
    std::optional<int64_t> integer(std::string_view option) const;
    int64_t integer(std::string_view option, int64_t fallback) const;
    /// Python float(): decimal or exponent notation, inf, nan.
    std::optional<double> real(std::string_view option) const;
    /// The value with '~' then $VAR / ${VAR} expanded.
    std::optional<std::string> path(std::string_view option) const;
    /// re.split(separator, value.strip()) for the simple separators offlineimap uses:
    /// ",\s*" when trim_after is true, "," otherwise.
    std::optional<std::vector<std::string>> list(std::string_view option, bool trim_after) const;

    /// Throws ConfigError "[<section>] <option>: <why>".
    [[noreturn]] void fail(std::string_view option, std::string_view why) const;

private:
    const Ini* ini_;
    std::string name_;
};

/// ConfigParser.BOOLEAN_STATES lookup; nullopt for anything else.
std::optional<bool> parse_bool(std::string_view text);
/// Python int() of text; nullopt when Python would raise ValueError.
std::optional<int64_t> parse_int(std::string_view text);
/// Python float() of text; nullopt when Python would raise ValueError.
std::optional<double> parse_float(std::string_view text);
/// os.path.expanduser: "~" and "~/..." from $HOME (else the password database), "~user/...".
std::string expand_user(std::string_view path);
/// os.path.expandvars: $NAME and ${NAME} with NAME set in the environment; others unchanged.
std::string expand_vars(std::string_view text);

}  // namespace oimap::config
