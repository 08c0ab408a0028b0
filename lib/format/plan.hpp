// SPDX-License-Identifier: GPL-2.0-or-later
// Typed records of the "sync-plan" format (sync-plan -> sync-apply), oimap-formats(5).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <variant>

#include "format/stream.hpp"

namespace oimap::format {

inline constexpr const char* kPlanKind = "sync-plan";
inline constexpr int kPlanMajor = 1;

/// Opens the section of one folder pair; the message operations after it apply to it.
struct FolderPair {
    std::string remote;  ///< raw remote mailbox name
    std::string local;   ///< local folder name (with the local sep)
    std::string status;  ///< status file basename under the status directory
    uint32_t uid_validity = 0;  ///< the remote UIDVALIDITY the plan was computed from
    std::string fmd5;           ///< md5 of the local visible name, for new file names
};

/// A folder the plan leaves alone, with the reason (e.g. "uidvalidity").
struct FolderSkip {
    std::string remote;
    std::string local;
    std::string reason;
    std::string message;
};

enum class OpKind {
    kCreateLocalFolder,
    kCreateRemoteFolder,
    kCopyToLocal,
    kCopyToRemote,
    kAdoptOrCopyToRemote,
    kRecord,
    kDeleteLocal,
    kDeleteRemote,
    kForget,
    kSetRemoteFlags,
    kSetLocalFlags,
    kSaveStartUid,
};

/// One operation.  Which fields are meaningful depends on kind (oimap-formats(5)).
struct PlanOp {
    OpKind kind = OpKind::kRecord;
    std::string folder;  ///< the pair's remote name; for create ops, the folder to create
    uint32_t uid = 0;
    /// "new/NAME" or "cur/NAME", relative to the local folder; for save-start-uid
    /// "Repository-<name>/StartUID/<basename>", relative to the metadata directory
    std::string file;
    std::string flags;       ///< Maildir letters: the flags to set ("to")
    std::string from_flags;  ///< set-remote-flags: the flags the remote is expected to have
    /// set-local-flags: the status row to record once the rename is durable; absent in plans
    /// written before the field was added, which record `flags`.
    std::optional<std::string> status_flags;
    int64_t time = 0;        ///< internal date (copy-to-local) or file mtime (copy-to-remote)
    uint64_t size = 0;
};

using PlanItem = std::variant<FolderPair, FolderSkip, PlanOp>;

const char* op_kind_name(OpKind kind);
std::optional<OpKind> parse_op_kind(std::string_view name);

class PlanWriter {
public:
    explicit PlanWriter(std::ostream& out) : writer_(out, kPlanKind, kPlanMajor) {}
    void meta(std::string_view key, std::string_view value) { writer_.meta(key, value); }
    void pair(const FolderPair& p);
    void skip(const FolderSkip& s);
    void op(const PlanOp& op);
    void finish() { writer_.finish(); }
    uint64_t records() const { return writer_.records(); }

private:
    Writer writer_;
};

/// Reads and checks a plan: every message operation names the remote folder of the pair
/// record above it.
class PlanReader {
public:
    PlanReader(std::istream& in, std::string_view source)
        : reader_(in, source, kPlanKind, kPlanMajor) {}
    std::optional<PlanItem> next();
    const Reader& stream() const { return reader_; }

private:
    FolderPair pair(const Record& r);
    FolderSkip skip(const Record& r);
    PlanOp op(const Record& r);
    void op_fields(const Record& r, PlanOp& op);
    void start_uid_fields(const Record& r, PlanOp& op);
    std::string file_field(const Record& r, size_t index);

    Reader reader_;
    std::optional<std::string> current_pair_;
};

}  // namespace oimap::format
