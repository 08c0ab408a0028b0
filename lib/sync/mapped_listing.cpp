// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/mapped_listing.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "maildir/flags.hpp"

namespace oimap::sync {
namespace {

bool selectable(const format::RemoteFolder& f) {
    std::string attributes = f.attributes;
    std::transform(attributes.begin(), attributes.end(), attributes.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view a : split(attributes, ' '))
        if (a == "\\noselect" || a == "\\nonexistent") return false;
    return f.uid_validity != 0;
}

std::string system_letters(const std::string& imap_flags) {
    std::vector<std::string> flags;
    for (std::string_view f : split(imap_flags, ' '))
        if (!f.empty()) flags.emplace_back(f);
    std::string letters = maildir::flags_from_imap(flags, {}).letters;
    std::string out;
    for (char c : letters)
        if (maildir::kMappedLetters.find(c) != std::string_view::npos) out += c;
    return out;
}

LocalFolderListing convert_folder(const RemoteFolderListing& r, const MappedListingOptions& o) {
    if (r.folder.listing != format::Listing::kFull)
        throw FormatError(cat("cannot use the listing of local folder '", log::sanitize(r.folder.name),
                              "': it is '", format::listing_name(r.folder.listing),
                              "', a local IMAP repository needs a full listing"));
    status::UidMap map = o.load_map(r.folder.name);
    std::string fmd5 = o.fmd5(r.folder.name);
    LocalFolderListing out;
    out.folder.name = r.folder.name;
    out.folder.messages = static_cast<uint32_t>(r.messages.size());
    for (const auto& m : r.messages) {
        auto mapped = map.find(m.uid);
        format::LocalMessage lm{.folder = r.folder.name,
                                .uid = mapped == map.end() ? 0 : mapped->second,
                                .fmd5 = mapped == map.end() ? std::string() : fmd5,
                                .flags = system_letters(m.flags),
                                .size = m.size,
                                .mtime = m.internal_date,
                                .subdir = std::string(kMappedSubdir),
                                .file_name = mapped_file_name(m.uid)};
        out.messages.push_back(std::move(lm));
    }
    return out;
}

}  // namespace

std::string mapped_file_name(uint32_t local_uid) { return cat('L', local_uid); }

std::optional<uint32_t> mapped_local_uid(std::string_view file) {
    std::string_view prefix = "cur/L";
    if (file.substr(0, prefix.size()) != prefix) return std::nullopt;
    auto uid = parse_number<uint32_t>(file.substr(prefix.size()));
    if (!uid || *uid == 0) return std::nullopt;
    return uid;
}

LocalListing mapped_local_listing(const RemoteListing& local, const MappedListingOptions& options) {
    LocalListing out;
    for (const auto& folder : local.folders)
        if (selectable(folder.folder)) out.folders.push_back(convert_folder(folder, options));
    return out;
}

}  // namespace oimap::sync
