// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/local_state.hpp"

#include "core/text.hpp"
#include "format/escape.hpp"
#include "format/fields.hpp"

namespace oimap::format {

void LocalStateWriter::folder(const LocalFolder& f) {
    if (f.scanned_ns == 0 && f.listed) {  // no facts: the short record of the first version
        writer_.record("folder", {f.name, std::to_string(f.messages)});
        return;
    }
    writer_.record("folder", {f.name, std::to_string(f.messages), std::to_string(f.new_mtime_ns),
                              std::to_string(f.cur_mtime_ns), std::to_string(f.scanned_ns),
                              f.listed ? "full" : "none"});
}

void LocalStateWriter::message(const LocalMessage& m) {
    writer_.record("msg", {m.folder, m.uid ? std::to_string(m.uid) : std::string(), m.fmd5,
                           m.flags, m.keywords, std::to_string(m.size), std::to_string(m.mtime),
                           m.subdir, m.file_name});
}

LocalFolder LocalStateReader::folder(const Record& r) {
    require_fields(reader_, r, 2);
    LocalFolder f{.name = r.fields[0], .messages = field_u32(reader_, r, 1, "messages")};
    // Fields 4-7 came later in version 1: a record without them is a full listing.
    if (r.fields.size() >= 6) {
        f.new_mtime_ns = field_i64(reader_, r, 2, "new-mtime");
        f.cur_mtime_ns = field_i64(reader_, r, 3, "cur-mtime");
        f.scanned_ns = field_i64(reader_, r, 4, "scanned");
        if (r.fields[5] != "full" && r.fields[5] != "none")
            reader_.fail(r.line, cat("listing must be 'full' or 'none', got '", escape(r.fields[5]), "'"));
        f.listed = r.fields[5] == "full";
        if (!f.listed && f.messages != 0)
            reader_.fail(r.line, "a 'none' folder record must count 0 messages");
    }
    if (current_folder_ && f.name <= *current_folder_)
        reader_.fail(r.line, cat("folder '", escape(f.name), "' out of order (after '",
                                 escape(*current_folder_), "')"));
    current_folder_ = f.name;
    return f;
}

LocalMessage LocalStateReader::message(const Record& r) {
    require_fields(reader_, r, 9);
    LocalMessage m{.folder = r.fields[0]};
    if (!current_folder_ || m.folder != *current_folder_)
        reader_.fail(r.line, cat("'msg' record for folder '", escape(m.folder),
                                 "' is not under that folder's record"));
    m.uid = field_optional_uid(reader_, r, 1, "uid");
    m.fmd5 = r.fields[2];
    m.flags = r.fields[3];
    m.keywords = r.fields[4];
    m.size = field_u64(reader_, r, 5, "size");
    m.mtime = field_i64(reader_, r, 6, "mtime");
    m.subdir = r.fields[7];
    if (m.subdir != "new" && m.subdir != "cur")
        reader_.fail(r.line, cat("subdir must be 'new' or 'cur', got '", escape(m.subdir), "'"));
    m.file_name = r.fields[8];
    if (m.file_name.empty() || m.file_name.find('/') != std::string::npos ||
        m.file_name == "." || m.file_name == "..")
        reader_.fail(r.line, cat("invalid file name '", escape(m.file_name), "'"));
    return m;
}

std::optional<LocalItem> LocalStateReader::next() {
    auto record = reader_.next();
    if (!record) return std::nullopt;
    if (record->type == "folder") return folder(*record);
    if (record->type == "msg") return message(*record);
    reader_.fail(record->line, cat("unknown record type '", escape(record->type), "'"));
}

}  // namespace oimap::format
