// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the change counter is read from the file itself (SQLite file
// format §1.3.8, big-endian u32 at offset 24) while our BEGIN IMMEDIATE holds the RESERVED
// lock, so no other writer can commit between the read and our commit, which makes it
// exactly one more.  The file stays in rollback-journal mode (db.cpp), where that holds.
#include "status/facts.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <map>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "status/schema.sql.hpp"
#include "status/sqlite.hpp"

namespace oimap::status {
namespace {

constexpr int kBusyTimeoutMs = 60'000;
constexpr const char* kPrefix = "facts.";

std::map<std::string, std::string> to_map(const FolderFacts& f, uint32_t counter) {
    return {{"remote", f.remote},
            {"local", f.local},
            {"uidvalidity", std::to_string(f.uid_validity)},
            {"uidnext", std::to_string(f.uid_next)},
            {"highestmodseq", std::to_string(f.highest_modseq)},
            {"exists", std::to_string(f.exists)},
            {"new_mtime_ns", std::to_string(f.new_mtime_ns)},
            {"cur_mtime_ns", std::to_string(f.cur_mtime_ns)},
            {"scanned_ns", std::to_string(f.scanned_ns)},
            {"counter", std::to_string(counter)},
            {"ours", std::to_string(counter)}};
}

template <typename T>
T number_of(const std::map<std::string, std::string>& m, const char* key) {
    auto it = m.find(key);
    std::optional<T> value = it == m.end() ? std::nullopt : parse_number<T>(it->second);
    if (!value)
        throw FormatError(cat("no valid ", key));
    return *value;
}

FolderFacts from_map(const std::map<std::string, std::string>& m) {
    FolderFacts f;
    if (!m.count("remote") || !m.count("local"))
        throw FormatError("no folder names");
    f.remote = m.at("remote");
    f.local = m.at("local");
    f.uid_validity = number_of<uint32_t>(m, "uidvalidity");
    f.uid_next = number_of<uint32_t>(m, "uidnext");
    f.highest_modseq = number_of<uint64_t>(m, "highestmodseq");
    f.exists = number_of<uint32_t>(m, "exists");
    f.new_mtime_ns = number_of<int64_t>(m, "new_mtime_ns");
    f.cur_mtime_ns = number_of<int64_t>(m, "cur_mtime_ns");
    f.scanned_ns = number_of<int64_t>(m, "scanned_ns");
    return f;
}

}  // namespace

std::optional<uint32_t> change_counter(const std::string& path) {
    fs::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    unsigned char b[4];
    if (!fd.valid() || ::pread(fd.get(), b, sizeof b, 24) != 4)
        return std::nullopt;
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

void save_folder_facts(const std::string& path, const FolderFacts& facts) {
    sqlite::Connection db(path, kBusyTimeoutMs);
    sqlite::Transaction transaction(db);
    auto counter = change_counter(path);
    if (!counter)
        throw IoError(cat("cannot read status database '", path, "': no SQLite header"));
    db.exec(sql::kCreateExtra, "create our tables in");
    sqlite::Statement put = db.prepare("INSERT OR REPLACE INTO oimap_folder (key, value) VALUES (?, ?)");
    for (const auto& [key, value] : to_map(facts, *counter + 1)) {
        put.bind(1, cat(kPrefix, key)).bind(2, value);
        put.step("update");
        put.reset();
    }
    transaction.commit();
}

void note_our_write(sqlite::Connection& db) {
    if (!db.has_table("oimap_folder"))
        return;
    auto counter = change_counter(db.path());
    if (!counter)
        return;
    // Only facts still current before this write stay current: after a foreign write they
    // are stale for good, whoever writes next.
    sqlite::Statement update =
        db.prepare("UPDATE oimap_folder SET value = ? WHERE key = 'facts.ours' AND value = ?");
    update.bind(1, std::to_string(*counter + 1)).bind(2, std::to_string(*counter));
    update.step("update");
}

std::optional<FolderFacts> current_folder_facts(const std::string& path) {
    try {
        auto before = change_counter(path);
        if (!before)
            return std::nullopt;
        sqlite::Connection db(path, kBusyTimeoutMs, true);
        if (!db.has_table("oimap_folder"))
            return std::nullopt;
        std::map<std::string, std::string> m;
        sqlite::Statement query = db.prepare("SELECT key, value FROM oimap_folder WHERE key LIKE 'facts.%'");
        while (query.step("read"))
            m[query.text(0).substr(std::string_view(kPrefix).size())] = query.text(1);
        uint32_t ours = m.count("ours") ? number_of<uint32_t>(m, "ours") : number_of<uint32_t>(m, "counter");
        if (ours != *before || change_counter(path) != before)
            return std::nullopt;
        FolderFacts facts = from_map(m);
        facts.exact = number_of<uint32_t>(m, "counter") == *before;
        return facts;
    } catch (const Error& e) {
        log::debug(log::Category::kStatus, cat("ignoring the saved facts of '", path, "': ", e.what()));
        return std::nullopt;
    }
}

std::vector<FolderFacts> current_folder_facts_in(const std::string& dir) {
    std::vector<FolderFacts> out;
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return out;
    while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == ".." || name.ends_with("-journal") || name.ends_with(".lock"))
            continue;
        if (auto facts = current_folder_facts(dir + "/" + name))
            out.push_back(std::move(*facts));
    }
    ::closedir(d);
    return out;
}

}  // namespace oimap::status
