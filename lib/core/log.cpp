// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "core/error.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"

namespace oimap::log {
namespace {

unsigned g_categories = 0;
Level g_level = Level::kNormal;
std::mutex g_mutex;

struct Named {
    std::string_view name;
    Category category;
};
constexpr Named kNames[] = {
    {"imap", Category::kImap},       {"imap-all", Category::kImapAll},
    {"maildir", Category::kMaildir}, {"status", Category::kStatus},
    {"plan", Category::kPlan},       {"apply", Category::kApply},
    {"process", Category::kProcess}, {"config", Category::kConfig},
};

void emit(std::string_view level, std::string_view message) {
    std::string line = cat(program_name(), ": ", level, ": ", sanitize(message), "\n");
    std::lock_guard lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

bool enable_one(std::string_view name) {
    if (name == "all") {
        for (const auto& n : kNames) g_categories |= static_cast<unsigned>(n.category);
        return true;
    }
    for (const auto& n : kNames) {
        if (n.name == name) {
            g_categories |= static_cast<unsigned>(n.category);
            if (n.category == Category::kImapAll) g_categories |= unsigned(Category::kImap);
            return true;
        }
    }
    return false;
}

}  // namespace

void enable_categories(std::string_view list) {
    for (std::string_view name : split(list, ',')) {
        if (!name.empty() && !enable_one(name))
            throw UsageError(cat("unknown debug category '", name,
                                 "' (known: imap, imap-all, maildir, status, plan, apply, "
                                 "process, config, all)"));
    }
}

void configure_from_environment() {
    const char* env = std::getenv("OIMAP_DEBUG");
    if (env == nullptr) return;
    for (std::string_view name : split(env, ','))
        if (!name.empty() && !enable_one(name))
            warning(cat("OIMAP_DEBUG: unknown debug category '", name, "' ignored"));
}

std::string enabled_list() {
    std::string out;
    for (const auto& n : kNames)
        if (g_categories & static_cast<unsigned>(n.category)) out += cat(out.empty() ? "" : ",", n.name);
    return out;
}

bool enabled(Category c) { return (g_categories & static_cast<unsigned>(c)) != 0; }
void set_level(Level level) { g_level = level; }

void error(std::string_view message) { emit("error", message); }
void warning(std::string_view message) { emit("warning", message); }
void info(std::string_view message) {
    if (g_level != Level::kQuiet) emit("info", message);
}
void verbose(std::string_view message) {
    if (g_level == Level::kVerbose) emit("info", message);
}

void debug(Category c, std::string_view message) {
    if (!enabled(c)) return;
    for (const auto& n : kNames)
        if (n.category == c) return emit(cat("debug(", n.name, ")"), message);
}

std::string sanitize(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char ch : text) {
        if (ch < 0x20 || ch == 0x7f) {
            out += '%';
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        } else {
            out += static_cast<char>(ch);
        }
    }
    return out;
}

}  // namespace oimap::log
