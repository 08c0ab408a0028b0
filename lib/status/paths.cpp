// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/paths.hpp"

#include <map>
#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::status {

std::string folder_basename(std::string_view folder_name) {
    std::string name = folder_name.empty() ? std::string(".") : std::string(folder_name);
    for (char& c : name) {
        if (c == '/')
            c = '.';
    }
    // re.sub('(^|\/)\.$', '\\1dot', name) once no '/' is left: "." alone, or "." before a
    // final newline.
    if (name == ".")
        return "dot";
    if (name == ".\n")
        return "dot\n";
    return name;
}

std::string status_db_path(std::string_view metadata, std::string_view account,
                           std::string_view status_folder) {
    return cat(metadata, "/Account-", account, "/LocalStatus-sqlite/",
               folder_basename(status_folder));
}

std::string legacy_status_path(std::string_view metadata, std::string_view account,
                               std::string_view status_folder) {
    return cat(metadata, "/Account-", account, "/LocalStatus/", folder_basename(status_folder));
}

std::string folder_validity_path(std::string_view metadata, std::string_view repository,
                                 std::string_view folder) {
    return cat(metadata, "/Repository-", repository, "/FolderValidity/", folder_basename(folder));
}

std::string account_lock_path(std::string_view metadata, std::string_view account) {
    return cat(metadata, '/', account, ".lock");
}

std::optional<uint32_t> read_folder_validity(const std::string& path) {
    std::string content;
    try {
        content = fs::read_file(path);
    } catch (const NoInputError&) {
        return std::nullopt;
    }
    std::string_view first_line = std::string_view(content).substr(0, content.find('\n'));
    auto value = parse_number<uint32_t>(trim(first_line));
    if (!value) {
        throw FormatError(cat("cannot read UIDVALIDITY from '", path, "': '",
                              log::sanitize(trim(first_line)), "' is not a number"));
    }
    return value;
}

void write_folder_validity(const std::string& path, uint32_t uid_validity, bool durable) {
    fs::make_directories(fs::dirname(path), 0700);
    fs::replace_file_atomically(path, cat(uid_validity, '\n'), durable);
}

std::vector<Collision> find_collisions(const std::vector<std::string>& folder_names) {
    std::map<std::string, std::set<std::string>> by_basename;
    for (const auto& name : folder_names)
        by_basename[folder_basename(name)].insert(name);
    std::vector<Collision> out;
    for (auto& [basename, names] : by_basename) {
        if (names.size() > 1)
            out.push_back({basename, {names.begin(), names.end()}});
    }
    return out;
}

void check_no_collisions(const std::vector<std::string>& folder_names) {
    std::vector<Collision> collisions = find_collisions(folder_names);
    if (collisions.empty())
        return;
    const Collision& first = collisions.front();
    std::string list;
    for (size_t i = 0; i < first.folders.size(); ++i) {
        if (i > 0)
            list += i + 1 == first.folders.size() ? " and " : ", ";
        list += cat('\'', log::sanitize(first.folders[i]), '\'');
    }
    throw ConfigError(cat("cannot keep state for folders ", list,
                          first.folders.size() == 2 ? ": both map" : ": all map", " to the file '",
                          log::sanitize(first.basename), "'"));
}

}  // namespace oimap::status
