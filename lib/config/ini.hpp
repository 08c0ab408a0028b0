// SPDX-License-Identifier: GPL-2.0-or-later
// The offlineimaprc as Python 3 configparser.ConfigParser reads it (default settings,
// strict=True, BasicInterpolation): sections, options, [DEFAULT] inheritance, %(name)s.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::config {

/// The name of the section every other section inherits from.
inline constexpr std::string_view kDefaultSection = "DEFAULT";

/// A parsed configuration file.  Section names are case-sensitive; option names are
/// lower-cased on input and lookup.  Values are stored raw and interpolated on get().
class Ini {
public:
    /// Parses text.  file names the source in errors, which are ConfigError
    /// "<file>:<line>: ..." (duplicate section or option, a line that is no section header,
    /// option or comment, an option before the first section header).
    static Ini parse(std::string_view text, const std::string& file);

    /// The file name given to parse().
    const std::string& file() const { return file_; }
    /// Section names in file order, without DEFAULT.
    const std::vector<std::string>& sections() const { return order_; }
    bool has_section(const std::string& section) const;
    /// True when option is set in section or in [DEFAULT]; false for a missing section.
    bool has_option(const std::string& section, std::string_view option) const;
    /// The option names visible in section: its own in file order, then [DEFAULT]'s.
    std::vector<std::string> options(const std::string& section) const;
    /// The value without interpolation, or nullopt when the option is not visible.
    std::optional<std::string> get_raw(const std::string& section, std::string_view option) const;
    /// The interpolated value, or nullopt when the option is not visible.  Throws ConfigError
    /// "[section] option: ..." on a bad '%', a missing reference or recursion deeper than 10.
    std::optional<std::string> get(const std::string& section, std::string_view option) const;
    /// "<file>:<line>" where the option was defined (the section's value, else DEFAULT's);
    /// "" when it was set by set() or is absent.
    std::string location(const std::string& section, std::string_view option) const;
    /// ConfigParser.set(): stores value (not stripped) under the lower-cased option.  section
    /// may be DEFAULT.  Throws ConfigError when the section does not exist or value contains
    /// a '%' that is neither "%%" nor "%(name)s".
    void set(const std::string& section, std::string_view option, std::string value);

private:
    struct Entry {
        std::string value;
        int line = 0;  ///< 0 when set by set()
    };
    struct Section {
        std::vector<std::string> order;
        std::map<std::string, Entry, std::less<>> entries;
    };
    const Entry* find(const std::string& section, std::string_view option) const;
    Section* section_for_write(const std::string& section);
    void interpolate(const std::string& section, const std::string& option,
                     std::string_view rest, int depth, std::string& out) const;

    std::string file_;
    std::vector<std::string> order_;
    std::map<std::string, Section, std::less<>> sections_;
    Section defaults_;
    friend class IniParser;
};

/// Lower-cases ASCII letters, as ConfigParser.optionxform does for option names.
std::string option_key(std::string_view option);

}  // namespace oimap::config
