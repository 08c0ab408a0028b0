// SPDX-License-Identifier: GPL-2.0-or-later
// Typed records of the "local-state" format (maildir-scan's output), oimap-formats(5).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <variant>

#include "format/stream.hpp"

namespace oimap::format {

inline constexpr const char* kLocalStateKind = "local-state";
inline constexpr int kLocalStateMajor = 1;

struct LocalFolder {
    std::string name;  ///< folder name relative to the root, with the local sep; "" is the root
    uint32_t messages = 0;
    int64_t new_mtime_ns = 0;  ///< mtime of new/ before the scan, nanoseconds; 0 unknown
    int64_t cur_mtime_ns = 0;  ///< mtime of cur/
    int64_t scanned_ns = 0;    ///< when the scan started (the facts' time), nanoseconds
    /// false ("none"): unchanged since the last sync, no msg records follow (messages 0)
    bool listed = true;
};

struct LocalMessage {
    std::string folder;
    uint32_t uid = 0;       ///< the ",U=" of the file name; 0 when it has none
    std::string fmd5;       ///< the ",FMD5=" of the file name; empty when it has none
    std::string flags;      ///< info letters other than a-z, sorted ("FRS")
    std::string keywords;   ///< info letters a-z, sorted ("ab")
    uint64_t size = 0;      ///< file size (LF line endings)
    int64_t mtime = 0;      ///< Unix seconds
    std::string subdir;     ///< "new" or "cur"
    std::string file_name;  ///< the name inside subdir
};

using LocalItem = std::variant<LocalFolder, LocalMessage>;

class LocalStateWriter {
public:
    explicit LocalStateWriter(std::ostream& out) : writer_(out, kLocalStateKind, kLocalStateMajor) {}
    void meta(std::string_view key, std::string_view value) { writer_.meta(key, value); }
    void folder(const LocalFolder& f);
    void message(const LocalMessage& m);
    void finish() { writer_.finish(); }

private:
    Writer writer_;
};

/// Reads and checks a local-state stream: messages follow their folder's record, folders in
/// increasing bytewise order.
class LocalStateReader {
public:
    LocalStateReader(std::istream& in, std::string_view source)
        : reader_(in, source, kLocalStateKind, kLocalStateMajor) {}
    std::optional<LocalItem> next();
    const Reader& stream() const { return reader_; }

private:
    LocalFolder folder(const Record& r);
    LocalMessage message(const Record& r);

    Reader reader_;
    std::optional<std::string> current_folder_;
};

}  // namespace oimap::format
