// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/plan.hpp"

#include "core/text.hpp"
#include "format/escape.hpp"
#include "format/fields.hpp"

namespace oimap::format {
namespace {

struct KindName {
    OpKind kind;
    const char* name;
};
constexpr KindName kKinds[] = {
    {OpKind::kCreateLocalFolder, "create-local-folder"},
    {OpKind::kCreateRemoteFolder, "create-remote-folder"},
    {OpKind::kCopyToLocal, "copy-to-local"},
    {OpKind::kCopyToRemote, "copy-to-remote"},
    {OpKind::kAdoptOrCopyToRemote, "adopt-or-copy-to-remote"},
    {OpKind::kRecord, "record"},
    {OpKind::kDeleteLocal, "delete-local"},
    {OpKind::kDeleteRemote, "delete-remote"},
    {OpKind::kForget, "forget"},
    {OpKind::kSetRemoteFlags, "set-remote-flags"},
    {OpKind::kSetLocalFlags, "set-local-flags"},
    {OpKind::kSaveStartUid, "save-start-uid"},
};

std::string u(uint64_t n) { return std::to_string(n); }

bool is_folder_op(OpKind kind) {
    return kind == OpKind::kCreateLocalFolder || kind == OpKind::kCreateRemoteFolder;
}

}  // namespace

const char* op_kind_name(OpKind kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return k.name;
    return "?";
}

std::optional<OpKind> parse_op_kind(std::string_view name) {
    for (const auto& k : kKinds)
        if (name == k.name) return k.kind;
    return std::nullopt;
}

void PlanWriter::pair(const FolderPair& p) {
    writer_.record("pair", {p.remote, p.local, p.status, u(p.uid_validity), p.fmd5});
}

void PlanWriter::skip(const FolderSkip& s) {
    writer_.record("skip", {s.remote, s.local, s.reason, s.message});
}

void PlanWriter::op(const PlanOp& o) {
    const char* kind = op_kind_name(o.kind);
    switch (o.kind) {
        case OpKind::kCreateLocalFolder:
        case OpKind::kCreateRemoteFolder: return writer_.record("op", {kind, o.folder});
        case OpKind::kCopyToLocal:
            return writer_.record("op", {kind, o.folder, u(o.uid), o.flags, std::to_string(o.time), u(o.size)});
        case OpKind::kCopyToRemote:
        case OpKind::kAdoptOrCopyToRemote:
            return writer_.record("op", {kind, o.folder, o.file, o.flags, std::to_string(o.time), u(o.size)});
        case OpKind::kRecord: return writer_.record("op", {kind, o.folder, u(o.uid), o.flags});
        case OpKind::kDeleteLocal: return writer_.record("op", {kind, o.folder, u(o.uid), o.file});
        case OpKind::kDeleteRemote:
        case OpKind::kForget: return writer_.record("op", {kind, o.folder, u(o.uid)});
        case OpKind::kSetRemoteFlags:
            return writer_.record("op", {kind, o.folder, u(o.uid), o.from_flags, o.flags});
        case OpKind::kSetLocalFlags:
            return writer_.record("op", {kind, o.folder, u(o.uid), o.file, o.flags,
                                         o.status_flags.value_or(o.flags)});
        case OpKind::kSaveStartUid:
            return writer_.record("op", {kind, o.folder, u(o.uid), o.file});
    }
}

FolderPair PlanReader::pair(const Record& r) {
    require_fields(reader_, r, 5);
    FolderPair p{.remote = r.fields[0], .local = r.fields[1], .status = r.fields[2]};
    p.uid_validity = field_u32(reader_, r, 3, "uidvalidity");
    p.fmd5 = r.fields[4];
    if (p.status.empty() || p.status.find('/') != std::string::npos || p.status == "." ||
        p.status == "..")
        reader_.fail(r.line, cat("invalid status name '", escape(p.status), "'"));
    current_pair_ = p.remote;
    return p;
}

FolderSkip PlanReader::skip(const Record& r) {
    require_fields(reader_, r, 4);
    return FolderSkip{r.fields[0], r.fields[1], r.fields[2], r.fields[3]};
}

std::string PlanReader::file_field(const Record& r, size_t index) {
    const std::string& file = r.fields[index];
    bool in_subdir = file.rfind("new/", 0) == 0 || file.rfind("cur/", 0) == 0;
    std::string_view name = std::string_view(file).substr(in_subdir ? 4 : 0);
    if (!in_subdir || name.empty() || name == "." || name == ".." ||
        name.find('/') != std::string_view::npos)
        reader_.fail(r.line, cat("file must be 'new/NAME' or 'cur/NAME', got '", escape(file), "'"));
    return file;
}

// The file is "Repository-<name>/StartUID/<basename>": nothing else under the metadata
// directory may be written through a plan.
void PlanReader::start_uid_fields(const Record& r, PlanOp& o) {
    require_fields(reader_, r, 4);
    o.uid = field_u32(reader_, r, 2, "uid");
    o.file = r.fields[3];
    auto parts = split(o.file, '/');
    bool ok = parts.size() == 3 && parts[0].rfind("Repository-", 0) == 0 &&
              parts[0].size() > 11 && parts[1] == "StartUID" && !parts[2].empty() &&
              parts[2] != "." && parts[2] != "..";
    if (!ok)
        reader_.fail(r.line, cat("file must be 'Repository-NAME/StartUID/NAME', got '",
                                 escape(o.file), "'"));
}

void PlanReader::op_fields(const Record& r, PlanOp& o) {
    switch (o.kind) {
        case OpKind::kCreateLocalFolder:
        case OpKind::kCreateRemoteFolder: return;
        case OpKind::kCopyToLocal:
            require_fields(reader_, r, 6);
            o.uid = field_u32(reader_, r, 2, "uid");
            o.flags = r.fields[3];
            o.time = field_i64(reader_, r, 4, "internaldate");
            o.size = field_u64(reader_, r, 5, "size");
            return;
        case OpKind::kCopyToRemote:
        case OpKind::kAdoptOrCopyToRemote:
            require_fields(reader_, r, 6);
            o.file = file_field(r, 2);
            o.flags = r.fields[3];
            o.time = field_i64(reader_, r, 4, "mtime");
            o.size = field_u64(reader_, r, 5, "size");
            return;
        case OpKind::kSaveStartUid:
            return start_uid_fields(r, o);
        case OpKind::kRecord:
        case OpKind::kSetLocalFlags:
        case OpKind::kDeleteLocal:
        case OpKind::kDeleteRemote:
        case OpKind::kForget:
        case OpKind::kSetRemoteFlags: break;
    }
    bool with_file = o.kind == OpKind::kSetLocalFlags || o.kind == OpKind::kDeleteLocal;
    size_t count = o.kind == OpKind::kDeleteRemote || o.kind == OpKind::kForget ? 3
                   : o.kind == OpKind::kSetLocalFlags || o.kind == OpKind::kSetRemoteFlags ? 5
                                                                                            : 4;
    require_fields(reader_, r, count);
    o.uid = field_u32(reader_, r, 2, "uid");
    if (o.uid == 0) reader_.fail(r.line, "uid 0 is not a UID");
    if (with_file) o.file = file_field(r, 3);
    if (o.kind == OpKind::kRecord) o.flags = r.fields[3];
    if (o.kind == OpKind::kSetLocalFlags) {
        o.flags = r.fields[4];
        if (r.fields.size() > 5) o.status_flags = r.fields[5];  // added within version 1
    }
    if (o.kind == OpKind::kSetRemoteFlags) {
        o.from_flags = r.fields[3];
        o.flags = r.fields[4];
    }
}

PlanOp PlanReader::op(const Record& r) {
    require_fields(reader_, r, 2);
    auto kind = parse_op_kind(r.fields[0]);
    if (!kind) reader_.fail(r.line, cat("unknown operation '", escape(r.fields[0]), "'"));
    PlanOp o{.kind = *kind, .folder = r.fields[1]};
    if (!is_folder_op(o.kind) && (!current_pair_ || *current_pair_ != o.folder))
        reader_.fail(r.line, cat("operation on folder '", escape(o.folder),
                                 "' is not under that folder's 'pair' record"));
    op_fields(r, o);
    return o;
}

std::optional<PlanItem> PlanReader::next() {
    auto record = reader_.next();
    if (!record) return std::nullopt;
    if (record->type == "op") return op(*record);
    if (record->type == "pair") return pair(*record);
    if (record->type == "skip") return skip(*record);
    reader_.fail(record->line, cat("unknown record type '", escape(record->type), "'"));
}

}  // namespace oimap::format
