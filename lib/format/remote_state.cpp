// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/remote_state.hpp"

#include "core/text.hpp"
#include "format/escape.hpp"
#include "format/fields.hpp"

namespace oimap::format {
namespace {

std::optional<Listing> parse_listing(std::string_view text) {
    if (text == "full") return Listing::kFull;
    if (text == "changes") return Listing::kChanges;
    if (text == "none") return Listing::kNone;
    return std::nullopt;
}

}  // namespace

const char* listing_name(Listing listing) {
    switch (listing) {
        case Listing::kFull: return "full";
        case Listing::kChanges: return "changes";
        case Listing::kNone: return "none";
    }
    return "full";
}

void RemoteStateWriter::folder(const RemoteFolder& f) {
    writer_.record("folder", {f.name, f.delimiter, f.attributes, std::to_string(f.uid_validity),
                              std::to_string(f.uid_next), std::to_string(f.highest_modseq),
                              std::to_string(f.exists), listing_name(f.listing),
                              std::to_string(f.since_modseq)});
}

void RemoteStateWriter::message(const RemoteMessage& m) {
    writer_.record("msg", {m.folder, std::to_string(m.uid), m.flags, std::to_string(m.size),
                           std::to_string(m.internal_date), std::to_string(m.modseq)});
}

void RemoteStateWriter::vanished(const RemoteVanished& v) {
    writer_.record("vanished", {v.folder, v.uid_set});
}

RemoteFolder RemoteStateReader::folder(const Record& r) {
    require_fields(reader_, r, 9);
    RemoteFolder f{.name = r.fields[0], .delimiter = r.fields[1], .attributes = r.fields[2]};
    f.uid_validity = field_u32(reader_, r, 3, "uidvalidity");
    f.uid_next = field_u32(reader_, r, 4, "uidnext");
    f.highest_modseq = field_u64(reader_, r, 5, "highestmodseq");
    f.exists = field_u32(reader_, r, 6, "exists");
    auto listing = parse_listing(r.fields[7]);
    if (!listing)
        reader_.fail(r.line, cat("unknown listing '", escape(r.fields[7]),
                                 "' (expected full, changes or none)"));
    f.listing = *listing;
    f.since_modseq = field_u64(reader_, r, 8, "since-modseq");
    if (current_folder_ && f.name <= *current_folder_)
        reader_.fail(r.line, cat("folder '", escape(f.name), "' out of order (after '",
                                 escape(*current_folder_), "')"));
    current_folder_ = f.name;
    last_uid_ = 0;
    return f;
}

void RemoteStateReader::check_in_folder(const Record& r, const std::string& folder) {
    if (!current_folder_ || folder != *current_folder_)
        reader_.fail(r.line, cat("'", r.type, "' record for folder '", escape(folder),
                                 "' is not under that folder's record"));
}

RemoteMessage RemoteStateReader::message(const Record& r) {
    require_fields(reader_, r, 6);
    RemoteMessage m{.folder = r.fields[0]};
    check_in_folder(r, m.folder);
    m.uid = field_u32(reader_, r, 1, "uid");
    if (m.uid <= last_uid_)
        reader_.fail(r.line, cat("uid ", m.uid, " out of order or zero (after ", last_uid_, ")"));
    last_uid_ = m.uid;
    m.flags = r.fields[2];
    m.size = field_u64(reader_, r, 3, "size");
    m.internal_date = field_i64(reader_, r, 4, "internaldate");
    m.modseq = field_u64(reader_, r, 5, "modseq");
    return m;
}

RemoteVanished RemoteStateReader::vanished(const Record& r) {
    require_fields(reader_, r, 2);
    check_in_folder(r, r.fields[0]);
    return RemoteVanished{.folder = r.fields[0], .uid_set = r.fields[1]};
}

std::optional<RemoteItem> RemoteStateReader::next() {
    auto record = reader_.next();
    if (!record) return std::nullopt;
    if (record->type == "folder") return folder(*record);
    if (record->type == "msg") return message(*record);
    if (record->type == "vanished") return vanished(*record);
    reader_.fail(record->line, cat("unknown record type '", escape(record->type), "'"));
}

}  // namespace oimap::format
