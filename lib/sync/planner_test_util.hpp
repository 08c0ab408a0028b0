// SPDX-License-Identifier: GPL-2.0-or-later
// A small world of listings and state for the planner's unit tests.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "maildir/md5.hpp"
#include "sync/planner.hpp"

namespace oimap::sync::testing {

struct World {
    RemoteListing remote;
    LocalListing local;
    MemoryStateSource state;
    PlannerOptions options{.remote_repository = "Remote", .local_repository = "Local"};
    int64_t date = 1700000000;

    RemoteFolderListing& rfolder(const std::string& name, const std::string& delim = "/",
                                 uint32_t uid_validity = 1000) {
        remote.folders.push_back(
            {.folder = {.name = name, .delimiter = delim, .uid_validity = uid_validity}});
        return remote.folders.back();
    }
    RemoteFolderListing& rf(const std::string& name) {
        for (auto& f : remote.folders)
            if (f.folder.name == name)
                return f;
        return rfolder(name);
    }
    void rmsg(const std::string& folder, uint32_t uid, const std::string& flags = "",
              uint64_t size = 100) {
        auto& f = rf(folder);
        f.messages.push_back(
            {.folder = folder, .uid = uid, .flags = flags, .size = size, .internal_date = date});
        f.folder.exists = static_cast<uint32_t>(f.messages.size());
        f.folder.uid_next = uid + 1;
    }
    LocalFolderListing& lf(const std::string& name) {
        for (auto& f : local.folders)
            if (f.folder.name == name)
                return f;
        local.folders.push_back({.folder = {.name = name}});
        return local.folders.back();
    }
    static std::string file_name(uint32_t uid, const std::string& fmd5,
                                 const std::string& letters) {
        return std::to_string(1600000000 + uid) + "_0.1.h,U=" + std::to_string(uid) +
               ",FMD5=" + fmd5 + ":2," + letters;
    }
    /// A file carrying U=uid and the FMD5 of folder (or of fmd5_of when given).
    void lmsg(const std::string& folder, uint32_t uid, const std::string& letters = "",
              const std::string& fmd5_of = "\x01") {
        std::string fmd5 = maildir::folder_md5(fmd5_of == "\x01" ? folder : fmd5_of);
        add_local(folder,
                  {.folder = folder,
                   .uid = uid,
                   .fmd5 = fmd5,
                   .file_name = file_name(uid, fmd5, letters)},
                  letters);
    }
    /// A file without U= (delivered by another program).
    void uidless(const std::string& folder, const std::string& name,
                 const std::string& letters = "") {
        add_local(folder, {.folder = folder, .file_name = name + ":2," + letters}, letters);
    }
    void add_local(const std::string& folder, format::LocalMessage m, const std::string& letters) {
        for (char c : letters)
            (c >= 'a' && c <= 'z' ? m.keywords : m.flags) += c;
        m.size = 90;
        m.mtime = date;
        m.subdir = letters.find('S') != std::string::npos ? "cur" : "new";
        auto& f = lf(folder);
        f.messages.push_back(m);
        f.folder.messages = static_cast<uint32_t>(f.messages.size());
    }
    void status(const std::string& name, std::vector<StatusRow> rows) {
        state.set_rows(name, std::move(rows));
    }

    PlanResult run() { return make_plan(remote, local, state, options); }

    /// The plan's records, one per line, fields joined by '|'.
    std::vector<std::string> lines() { return lines_of(run()); }

    static std::vector<std::string> lines_of(const PlanResult& result) {
        std::ostringstream out;
        format::PlanWriter writer(out);
        for (const auto& item : result.items) {
            if (auto* op = std::get_if<format::PlanOp>(&item))
                writer.op(*op);
            else if (auto* pair = std::get_if<format::FolderPair>(&item))
                writer.pair(*pair);
            else
                writer.skip(std::get<format::FolderSkip>(item));
        }
        writer.finish();
        std::vector<std::string> lines;
        std::istringstream in(out.str());
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#')
                continue;
            for (char& c : line)
                if (c == '\t')
                    c = '|';
            lines.push_back(line);
        }
        return lines;
    }
};

/// md5("INBOX"), spec §6.2.
inline const std::string kInboxMd5 = "7e33429f656f1e6e9d79b29c3f82c57e";

}  // namespace oimap::sync::testing
