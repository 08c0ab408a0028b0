// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/mapped_listing.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "maildir/flags.hpp"
#include "status/paths.hpp"

namespace oimap::sync {
namespace {

bool selectable(const format::RemoteFolder& f) {
    std::string attributes = f.attributes;
    std::transform(attributes.begin(), attributes.end(), attributes.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view a : split(attributes, ' '))
        if (a == "\\noselect" || a == "\\nonexistent")
            return false;
    return f.uid_validity != 0;
}

std::string system_letters(const std::string& imap_flags) {
    std::vector<std::string> flags;
    for (std::string_view f : split(imap_flags, ' '))
        if (!f.empty())
            flags.emplace_back(f);
    std::string letters = maildir::flags_from_imap(flags, {}).letters;
    std::string out;
    for (char c : letters)
        if (maildir::kMappedLetters.find(c) != std::string_view::npos)
            out += c;
    return out;
}

LocalFolderListing convert_folder(const RemoteFolderListing& r, const MappedListingOptions& o) {
    if (r.folder.listing != format::Listing::kFull)
        throw FormatError(cat("cannot use the listing of local folder '",
                              log::sanitize(r.folder.name), "': it is '",
                              format::listing_name(r.folder.listing),
                              "', a local IMAP repository needs a full listing"));
    status::UidMap map = o.load_map(r.folder.name);
    if (auto journal = o.load_journal ? o.load_journal(r.folder.name) : std::nullopt) {
        std::map<uint32_t, uint64_t> sizes;
        for (const auto& m : r.messages)
            sizes[m.uid] = m.size;
        for (const auto& [local, remote] : resolve_delivery_journal(*journal, sizes, map))
            map[local] = remote;
    }
    std::string fmd5 = o.fmd5(r.folder.name);
    LocalFolderListing out;
    out.folder.name = r.folder.name;
    out.folder.messages = static_cast<uint32_t>(r.messages.size());
    for (const auto& m : r.messages) {
        auto mapped = map.find(m.uid);
        format::LocalMessage lm{
            .folder = r.folder.name,
            .uid = mapped == map.end() ? 0 : mapped->second,
            .fmd5 = mapped == map.end() ? std::string() : fmd5,
            .flags = system_letters(m.flags),
            .size = m.size,
            .mtime = m.internal_date,
            .subdir = std::string(kMappedSubdir),
            .file_name = mapped_file_name(m.uid, mapped == map.end() ? 0 : mapped->second)};
        out.messages.push_back(std::move(lm));
    }
    return out;
}

}  // namespace

std::string delivery_journal_path(std::string_view metadata, std::string_view repository,
                                  std::string_view local_folder) {
    return cat(metadata, "/Repository-", repository, "/UIDMapping-pending/",
               status::folder_basename(local_folder));
}

std::string format_delivery_journal(const DeliveryJournal& j) {
    std::string out = cat("floor ", j.floor, '\n');
    for (const auto& [uid, size] : j.entries)
        out += cat(uid, ' ', size, '\n');
    return out;
}

std::optional<DeliveryJournal> read_delivery_journal(const std::string& path) {
    std::string text;
    try {
        text = fs::read_file(path);
    } catch (const NoInputError&) {
        return std::nullopt;
    }
    DeliveryJournal j;
    size_t number = 0;
    for (std::string_view line : split(text, '\n')) {
        if (line.empty())
            continue;
        auto f = split(line, ' ');
        auto a = f.size() == 2 ? parse_number<uint32_t>(f[0]) : std::nullopt;
        auto b = f.size() == 2 ? parse_number<uint64_t>(f[1]) : std::nullopt;
        bool first = number++ == 0;
        if (first && f.size() == 2 && f[0] == "floor" && b) {
            j.floor = static_cast<uint32_t>(*b);
        } else if (first || !a || !b) {
            throw FormatError(
                cat("cannot read delivery journal '", path, "': line ", number, " is malformed"));
        } else {
            j.entries.emplace_back(*a, *b);
        }
    }
    return j;
}

std::vector<std::pair<uint32_t, uint32_t>> resolve_delivery_journal(
    const DeliveryJournal& journal, const std::map<uint32_t, uint64_t>& sizes,
    const status::UidMap& map) {
    std::set<uint32_t> mapped_remote;
    for (const auto& [l, r] : map)
        mapped_remote.insert(r);
    std::vector<std::pair<uint32_t, uint32_t>> out;
    auto candidate = sizes.lower_bound(journal.floor);
    for (const auto& [remote, size] : journal.entries) {
        if (mapped_remote.count(remote))
            continue;
        while (candidate != sizes.end() &&
               (map.count(candidate->first) || candidate->second != size))
            ++candidate;
        if (candidate == sizes.end())
            break;
        out.emplace_back(candidate->first, remote);
        ++candidate;
    }
    return out;
}

std::string mapped_file_name(uint32_t local_uid, uint32_t remote_uid) {
    return remote_uid == 0 ? cat('L', local_uid) : cat('L', local_uid, ",U=", remote_uid);
}

std::optional<MappedName> parse_mapped_name(std::string_view file) {
    std::string_view prefix = "cur/L";
    if (file.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    file.remove_prefix(prefix.size());
    MappedName out;
    size_t comma = file.find(",U=");
    if (comma != std::string_view::npos) {
        auto remote = parse_number<uint32_t>(file.substr(comma + 3));
        if (!remote || *remote == 0)
            return std::nullopt;
        out.remote_uid = *remote;
        file = file.substr(0, comma);
    }
    auto local = parse_number<uint32_t>(file);
    if (!local || *local == 0)
        return std::nullopt;
    out.local_uid = *local;
    return out;
}

LocalListing mapped_local_listing(const RemoteListing& local, const MappedListingOptions& options) {
    LocalListing out;
    for (const auto& folder : local.folders)
        if (selectable(folder.folder))
            out.folders.push_back(convert_folder(folder, options));
    return out;
}

}  // namespace oimap::sync
