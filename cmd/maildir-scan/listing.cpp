// SPDX-License-Identifier: GPL-2.0-or-later
#include "listing.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "maildir/filename.hpp"
#include "maildir/flags.hpp"
#include "maildir/folder.hpp"
#include "unchanged.hpp"

namespace oimap::maildir_scan {
namespace {

constexpr auto kLogCategory = log::Category::kMaildir;

// The format's message order: UID ones by UID, then the rest by file name.
bool listing_order(const format::LocalMessage& a, const format::LocalMessage& b) {
    auto key = [](const format::LocalMessage& m) {
        return std::make_tuple(m.uid == 0, m.uid, std::string_view(m.file_name),
                               std::string_view(m.subdir));
    };
    return key(a) < key(b);
}

}  // namespace

format::LocalMessage message_record(const std::string& folder, const maildir::MessageFile& file,
                                    char info_sep) {
    maildir::ParsedName parsed = maildir::parse_filename(file.file_name, "", info_sep);
    format::LocalMessage m{.folder = folder,
                           .uid = parsed.name_uid.value_or(0),
                           .fmd5 = parsed.fmd5.value_or(""),
                           .size = file.size,
                           .mtime = file.mtime,
                           .subdir = file.subdir,
                           .file_name = file.file_name};
    for (char c : maildir::normalize_flags(parsed.flags)) {
        (maildir::is_keyword_letter(c) ? m.keywords : m.flags).push_back(c);
    }
    return m;
}

std::vector<std::string> folders_to_scan(const ListingRequest& request) {
    if (request.folders.empty())
        return maildir::list_folders(request.root, request.sep);
    std::set<std::string> unique(request.folders.begin(), request.folders.end());
    for (const auto& name : unique) {
        std::string path = maildir::folder_path(request.root, name, request.sep);
        if (!maildir::is_maildir(path)) {
            throw NoInputError(cat("cannot scan folder '", log::sanitize(name), "': '",
                                   log::sanitize(path), "' has no cur, new and tmp"));
        }
    }
    return {unique.begin(), unique.end()};
}

std::vector<format::LocalMessage> folder_messages(const std::string& folder, const std::string& path,
                                                  char info_sep) {
    std::vector<maildir::MessageFile> files = maildir::scan_messages(path);
    std::vector<format::LocalMessage> messages;
    messages.reserve(files.size());
    for (const auto& file : files)
        messages.push_back(message_record(folder, file, info_sep));
    std::sort(messages.begin(), messages.end(), listing_order);
    return messages;
}

namespace {

// The folder record before its scan: the time, then the mtimes (a change during the scan
// makes the next run's mtimes differ); "none" when the saved facts say nothing changed.
format::LocalFolder folder_record(const ListingRequest& request, const std::string& folder,
                                  const std::string& path) {
    format::LocalFolder record{.name = folder};
    if (!request.with_facts)
        return record;
    record.scanned_ns = now_ns();
    auto times = dir_times(path);
    if (!times)
        return record;
    record.new_mtime_ns = times->new_ns;
    record.cur_mtime_ns = times->cur_ns;
    auto saved = request.facts.find(folder);
    if (saved == request.facts.end())
        return record;
    const status::FolderFacts& f = saved->second;
    if (unchanged_since(*times, {f.new_mtime_ns, f.cur_mtime_ns}, f.scanned_ns)) {
        record.scanned_ns = f.scanned_ns;  // the listing still describes that scan
        record.listed = false;
    }
    return record;
}

}  // namespace

void write_listing(const ListingRequest& request, const std::vector<std::string>& folders,
                   format::LocalStateWriter& writer) {
    for (const auto& folder : folders) {
        // Not checked again: found folders are real directories under the root, whatever
        // bytes their names hold; requested ones were checked by folders_to_scan.
        std::string path = folder.empty() ? request.root : cat(request.root, '/', folder);
        format::LocalFolder record = folder_record(request, folder, path);
        if (!record.listed) {
            writer.folder(record);
            log::debug(kLogCategory, cat("'", log::sanitize(folder), "' unchanged since the last sync: not read"));
            continue;
        }
        std::vector<format::LocalMessage> messages = folder_messages(folder, path, request.info_sep);
        record.messages = static_cast<uint32_t>(messages.size());
        writer.folder(record);
        for (const auto& message : messages)
            writer.message(message);
        log::debug(kLogCategory,
                   cat("scanned '", log::sanitize(folder), "': ", messages.size(), " messages"));
    }
}

}  // namespace oimap::maildir_scan
