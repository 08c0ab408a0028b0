// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/section.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::config {
namespace {

constexpr std::string_view kSpace = " \t\n\r\f\v";

std::string_view strip(std::string_view s) {
    size_t b = s.find_first_not_of(kSpace);
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

// Removes the '_' Python allows between two digits; nullopt for any other '_'.
std::optional<std::string> drop_underscores(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '_') {
            out += s[i];
            continue;
        }
        bool ok = i > 0 && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i - 1])) &&
                  std::isdigit(static_cast<unsigned char>(s[i + 1]));
        if (!ok) return std::nullopt;
    }
    return out;
}

std::string home_of(std::string_view user) {
    if (user.empty()) {
        const char* home = std::getenv("HOME");
        if (home) return home;
        const passwd* pw = getpwuid(getuid());
        return pw ? pw->pw_dir : "";
    }
    const passwd* pw = getpwnam(std::string(user).c_str());
    return pw ? pw->pw_dir : "";
}

}  // namespace

std::optional<bool> parse_bool(std::string_view text) {
    std::string v = option_key(text);
    if (v == "1" || v == "yes" || v == "true" || v == "on") return true;
    if (v == "0" || v == "no" || v == "false" || v == "off") return false;
    return std::nullopt;
}

std::optional<int64_t> parse_int(std::string_view text) {
    std::string_view s = strip(text);
    bool negative = !s.empty() && s.front() == '-';
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
    auto digits = drop_underscores(s);
    if (!digits) return std::nullopt;
    auto value = parse_number<int64_t>(*digits);
    if (!value) return std::nullopt;
    return negative ? -*value : *value;
}

std::optional<double> parse_float(std::string_view text) {
    auto s = drop_underscores(strip(text));
    if (!s || s->empty()) return std::nullopt;
    if (s->find_first_of("xXpP") != std::string::npos) {
        return std::nullopt;  // strtod would accept hexadecimal floats; Python does not
    }
    char* end = nullptr;
    double value = std::strtod(s->c_str(), &end);
    if (end != s->c_str() + s->size()) return std::nullopt;
    return value;
}

std::string expand_user(std::string_view path) {
    if (path.empty() || path.front() != '~') return std::string(path);
    size_t slash = path.find('/');
    std::string_view user = path.substr(1, slash == std::string_view::npos ? path.npos : slash - 1);
    std::string home = home_of(user);
    if (home.empty() && !user.empty()) return std::string(path);
    std::string rest(slash == std::string_view::npos ? "" : path.substr(slash));
    while (home.size() > 1 && home.back() == '/') home.pop_back();
    return home + rest;
}

std::string expand_vars(std::string_view text) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t dollar = text.find('$', i);
        out += text.substr(i, dollar - i);
        if (dollar == std::string_view::npos) break;
        size_t name_begin = dollar + 1;
        size_t name_end = name_begin;
        size_t next = 0;
        if (name_begin < text.size() && text[name_begin] == '{') {
            ++name_begin;
            name_end = text.find('}', name_begin);
            next = name_end == std::string_view::npos ? 0 : name_end + 1;
        } else {
            while (name_end < text.size() && is_word(text[name_end])) ++name_end;
            next = name_end;
        }
        const char* value = next > dollar + 1
                                ? std::getenv(std::string(text.substr(name_begin, name_end - name_begin)).c_str())
                                : nullptr;
        if (value) {
            out += value;
            i = next;
        } else {
            out += '$';
            i = dollar + 1;
        }
    }
    return out;
}

void SectionView::fail(std::string_view option, std::string_view why) const {
    throw ConfigError(cat("[", name_, "] ", option_key(option), ": ", why));
}

std::optional<std::string> SectionView::str(std::string_view option) const {
    return ini_->get(name_, option);
}

std::string SectionView::str(std::string_view option, std::string_view fallback) const {
    auto v = str(option);
    return v ? *v : std::string(fallback);
}

std::optional<bool> SectionView::boolean(std::string_view option) const {
    auto v = str(option);
    if (!v) return std::nullopt;
    auto b = parse_bool(*v);
    if (!b) fail(option, cat("'", *v, "' is not a boolean (use yes/no, true/false, on/off, 1/0)"));
    return b;
}

bool SectionView::boolean(std::string_view option, bool fallback) const {
    return boolean(option).value_or(fallback);
}

std::optional<int64_t> SectionView::integer(std::string_view option) const {
    auto v = str(option);
    if (!v) return std::nullopt;
    auto n = parse_int(*v);
    if (!n) fail(option, cat("'", *v, "' is not an integer"));
    return n;
}

int64_t SectionView::integer(std::string_view option, int64_t fallback) const {
    return integer(option).value_or(fallback);
}

std::optional<double> SectionView::real(std::string_view option) const {
    auto v = str(option);
    if (!v) return std::nullopt;
    auto n = parse_float(*v);
    if (!n) fail(option, cat("'", *v, "' is not a number"));
    return n;
}

std::optional<std::string> SectionView::path(std::string_view option) const {
    auto v = str(option);
    if (!v) return std::nullopt;
    return expand_vars(expand_user(*v));
}

std::optional<std::vector<std::string>> SectionView::list(std::string_view option,
                                                          bool trim_after) const {
    auto v = str(option);
    if (!v) return std::nullopt;
    std::vector<std::string> items;
    for (std::string_view item : split(strip(*v), ',')) {
        if (trim_after) item.remove_prefix(std::min(item.size(), item.find_first_not_of(kSpace)));
        items.emplace_back(item);
    }
    return items;
}

}  // namespace oimap::config
