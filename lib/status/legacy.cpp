// SPDX-License-Identifier: GPL-2.0-or-later
#include "status/legacy.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::status {
namespace {

constexpr auto kLogCategory = log::Category::kStatus;
constexpr std::string_view kMagic = "OFFLINEIMAP LocalStatus CACHE DATA - DO NOT MODIFY - FORMAT ";

[[noreturn]] void corrupt(const std::string& path, size_t line, std::string_view text) {
    throw FormatError(cat(path, ':', line, ": corrupt line '", log::sanitize(text), "'"));
}

// LocalStatusFolder.readstatus_v1 / readstatus: one stripped line into a row.
StatusRow parse_line(std::string_view text, int format, const std::string& path, size_t line) {
    std::vector<std::string_view> fields = split(text, format == 1 ? ':' : '|');
    if (fields.size() != (format == 1 ? 2u : 4u))
        corrupt(path, line, text);
    auto uid = parse_number<uint32_t>(trim(fields[0]));
    if (!uid || *uid == 0)
        corrupt(path, line, text);
    StatusRow row{.uid = *uid, .flags = std::string(fields[1])};
    if (format == 2) {
        auto mtime = parse_number<int64_t>(trim(fields[2]));
        if (!mtime)
            corrupt(path, line, text);
        row.mtime = *mtime;
        row.labels = split_labels(fields[3]);
    }
    return row;
}

}  // namespace

std::optional<StatusRows> read_legacy_status(const std::string& path) {
    std::string content;
    try {
        content = fs::read_file(path);
    } catch (const NoInputError&) {
        return std::nullopt;
    }
    std::vector<std::string_view> lines = split(content, '\n');
    StatusRows rows;
    std::string_view magic = trim(lines[0]);
    if (magic.empty())
        return rows;  // offlineimap: "Cache file ... is empty."
    int format = 0;
    if (magic == cat(kMagic, 1))
        format = 1;
    if (magic == cat(kMagic, 2))
        format = 2;
    if (format == 0) {
        throw FormatError(
            cat(path, ":1: unrecognized cache magic line '", log::sanitize(magic), "'"));
    }
    for (size_t i = 1; i < lines.size(); ++i) {
        std::string_view text = trim(lines[i]);
        if (text.empty())
            continue;
        StatusRow row = parse_line(text, format, path, i + 1);
        rows[row.uid] = row;
    }
    return rows;
}

size_t import_legacy_status(Db& db, const std::string& legacy_path) {
    if (db.opened() != Opened::kCreated)
        return 0;
    std::optional<StatusRows> rows = read_legacy_status(legacy_path);
    if (!rows || rows->empty())
        return 0;
    Batch batch;
    for (const auto& [uid, row] : *rows)
        batch.insert(row);
    db.apply(batch);
    log::debug(kLogCategory, cat("imported ", rows->size(), " rows from '", legacy_path, "'"));
    return rows->size();
}

}  // namespace oimap::status
