// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the reader follows configparser.RawConfigParser._read line by line
// (Python 3.11, default settings): a line is first checked for a full-line comment, then an
// empty line is kept inside a running value, then indentation deeper than the key line
// continues the value, and only then is it a section header or an option line.  Values are
// joined with '\n' and right-stripped at the end.  Interpolation follows
// BasicInterpolation._interpolate_some.
#include "config/ini.hpp"

#include <set>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::config {
namespace {

constexpr std::string_view kSpace = " \t\n\r\f\v";
constexpr int kMaxInterpolationDepth = 10;

std::string_view strip(std::string_view s) {
    size_t b = s.find_first_not_of(kSpace);
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

// Universal newlines, as Python's text mode reads the file.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::string quoted(std::string_view s) { return cat("'", s, "'"); }

// The end of a "%(name)s" reference starting at i (BasicInterpolation._KEYCRE), or npos.
size_t reference_end(std::string_view s, size_t i) {
    if (s.compare(i, 2, "%(") != 0) return std::string_view::npos;
    size_t close = s.find(')', i + 2);
    if (close == std::string_view::npos || close == i + 2 || close + 1 >= s.size() ||
        s[close + 1] != 's') {
        return std::string_view::npos;
    }
    return close + 2;
}

}  // namespace

std::string option_key(std::string_view option) {
    std::string key(option);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return key;
}

/// The line-by-line reader; a class so that the state of _read stays in one place.
class IniParser {
public:
    IniParser(Ini& ini) : ini_(ini) {}

    void run(std::string_view text) {
        int lineno = 0;
        for (std::string_view line : split_lines(text)) {
            ++lineno;
            read_line(line, lineno);
        }
        finish_value();
    }

private:
    [[noreturn]] void fail(int lineno, const std::string& what) const {
        throw ConfigError(cat(ini_.file_, ":", lineno, ": ", what));
    }

    void read_line(std::string_view line, int lineno) {
        std::string_view value = strip(line);
        bool comment = !value.empty() && (value.front() == '#' || value.front() == ';');
        if (comment || value.empty()) {
            if (!comment && current_ && !option_.empty()) pending_.emplace_back();
            return;
        }
        size_t indent = line.find_first_not_of(kSpace);
        if (current_ && !option_.empty() && indent > indent_) {
            pending_.emplace_back(value);
            return;
        }
        indent_ = indent;
        if (value.front() == '[' && value.size() > 2 && value.rfind(']') > 1) {
            start_section(std::string(value.substr(1, value.rfind(']') - 1)), lineno);
        } else if (!current_) {
            fail(lineno, cat("expected a section header before ", quoted(value)));
        } else {
            start_option(value, lineno);
        }
    }

    void start_section(const std::string& name, int lineno) {
        finish_value();
        option_.clear();
        if (name == kDefaultSection) {
            current_ = &ini_.defaults_;
        } else if (ini_.sections_.count(name)) {
            fail(lineno, cat("section [", name, "] already exists"));
        } else {
            ini_.order_.push_back(name);
            current_ = &ini_.sections_[name];
        }
        section_name_ = name;
    }

    void start_option(std::string_view value, int lineno) {
        finish_value();
        size_t delim = value.find_first_of("=:");
        std::string name = delim == std::string_view::npos
                               ? std::string()
                               : option_key(strip(value.substr(0, delim)));
        if (name.empty()) {
            fail(lineno, cat("expected '[section]', 'option = value' or a comment, got ",
                             quoted(value)));
        }
        if (!seen_.insert(section_name_ + '\n' + name).second) {
            fail(lineno, cat("option '", name, "' in section [", section_name_,
                             "] already exists"));
        }
        option_ = name;
        current_->order.push_back(name);
        current_->entries[name] = Ini::Entry{"", lineno};
        pending_.assign(1, std::string(strip(value.substr(delim + 1))));
    }

    // Joins the collected lines of the running option: '\n'.join(lines).rstrip().
    void finish_value() {
        if (!current_ || option_.empty()) return;
        std::string joined;
        for (size_t i = 0; i < pending_.size(); ++i) {
            if (i) joined += '\n';
            joined += pending_[i];
        }
        joined.erase(joined.find_last_not_of(kSpace) + 1);
        current_->entries[option_].value = std::move(joined);
        pending_.clear();
        option_.clear();
    }

    Ini& ini_;
    Ini::Section* current_ = nullptr;
    std::string section_name_;
    std::string option_;
    std::vector<std::string> pending_;
    size_t indent_ = 0;
    std::set<std::string> seen_;
};

Ini Ini::parse(std::string_view text, const std::string& file) {
    Ini ini;
    ini.file_ = file;
    IniParser(ini).run(text);
    return ini;
}

bool Ini::has_section(const std::string& section) const { return sections_.count(section) != 0; }

const Ini::Entry* Ini::find(const std::string& section, std::string_view option) const {
    std::string key = option_key(option);
    if (section != kDefaultSection) {
        auto s = sections_.find(section);
        if (s == sections_.end()) return nullptr;
        auto e = s->second.entries.find(key);
        if (e != s->second.entries.end()) return &e->second;
    }
    auto d = defaults_.entries.find(key);
    return d == defaults_.entries.end() ? nullptr : &d->second;
}

bool Ini::has_option(const std::string& section, std::string_view option) const {
    return find(section, option) != nullptr;
}

std::vector<std::string> Ini::options(const std::string& section) const {
    std::vector<std::string> names;
    auto s = sections_.find(section);
    if (s != sections_.end()) names = s->second.order;
    for (const std::string& name : defaults_.order) {
        if (s == sections_.end() || !s->second.entries.count(name)) names.push_back(name);
    }
    return names;
}

std::optional<std::string> Ini::get_raw(const std::string& section,
                                        std::string_view option) const {
    const Entry* e = find(section, option);
    if (!e) return std::nullopt;
    return e->value;
}

std::string Ini::location(const std::string& section, std::string_view option) const {
    const Entry* e = find(section, option);
    if (!e || e->line == 0) return "";
    return cat(file_, ":", e->line);
}

void Ini::interpolate(const std::string& section, const std::string& option,
                      std::string_view rest, int depth, std::string& out) const {
    auto fail = [&](const std::string& why) {
        throw ConfigError(cat("[", section, "] ", option, ": ", why));
    };
    if (depth > kMaxInterpolationDepth) {
        fail(cat("interpolation deeper than ", kMaxInterpolationDepth, " levels"));
    }
    while (!rest.empty()) {
        size_t p = rest.find('%');
        out += rest.substr(0, p);
        if (p == std::string_view::npos) return;
        rest.remove_prefix(p);
        if (rest.substr(0, 2) == "%%") {
            out += '%';
            rest.remove_prefix(2);
        } else if (rest.substr(0, 2) == "%(") {
            size_t end = reference_end(rest, 0);
            if (end == std::string_view::npos) {
                fail(cat("bad interpolation variable reference ", quoted(rest)));
            }
            std::string name = option_key(rest.substr(2, end - 4));
            rest.remove_prefix(end);
            const Entry* e = find(section, name);
            if (!e) fail(cat("bad value substitution: no option '", name, "' to refer to"));
            if (e->value.find('%') == std::string::npos) {
                out += e->value;
            } else {
                interpolate(section, option, e->value, depth + 1, out);
            }
        } else {
            fail(cat("'%' must be followed by '%' or '(', found: ", quoted(rest)));
        }
    }
}

std::optional<std::string> Ini::get(const std::string& section, std::string_view option) const {
    const Entry* e = find(section, option);
    if (!e) return std::nullopt;
    std::string out;
    interpolate(section, option_key(option), e->value, 1, out);
    return out;
}

Ini::Section* Ini::section_for_write(const std::string& section) {
    if (section.empty() || section == kDefaultSection) return &defaults_;
    auto s = sections_.find(section);
    return s == sections_.end() ? nullptr : &s->second;
}

void Ini::set(const std::string& section, std::string_view option, std::string value) {
    Section* target = section_for_write(section);
    if (!target) {
        throw ConfigError(cat("cannot set '", option, "': no section [", section, "]"));
    }
    // BasicInterpolation.before_set: after removing "%%" and "%(name)s" no '%' may remain.
    std::string rest;
    for (size_t i = 0; i < value.size(); ++i) {
        size_t end = reference_end(value, i);
        if (value.compare(i, 2, "%%") == 0) {
            ++i;
        } else if (end != std::string::npos) {
            i = end - 1;
        } else {
            rest += value[i];
        }
    }
    if (rest.find('%') != std::string::npos) {
        throw ConfigError(cat("[", section, "] ", option_key(option),
                              ": invalid interpolation syntax in '", value, "' at position ",
                              rest.find('%')));
    }
    std::string key = option_key(option);
    if (!target->entries.count(key)) target->order.push_back(key);
    target->entries[key] = Entry{std::move(value), 0};
}

}  // namespace oimap::config
