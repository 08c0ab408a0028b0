// SPDX-License-Identifier: GPL-2.0-or-later
// Typed records of the "remote-state" format (imap-fetch's output), oimap-formats(5).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <variant>

#include "format/stream.hpp"

namespace oimap::format {

inline constexpr const char* kRemoteStateKind = "remote-state";
inline constexpr int kRemoteStateMajor = 1;

/// How much of a folder's message list follows its folder record.
enum class Listing { kFull, kChanges, kNone };

struct RemoteFolder {
    std::string name;        ///< raw mailbox name as the server sent it (mUTF-7 or UTF-8)
    std::string delimiter;   ///< hierarchy delimiter; empty for NIL
    std::string attributes;  ///< LIST attributes, space-separated ("\HasNoChildren")
    uint32_t uid_validity = 0;  ///< 0 when the folder was not selected (\Noselect)
    uint32_t uid_next = 0;
    uint64_t highest_modseq = 0;  ///< 0: the server has no CONDSTORE for it (RFC 7162)
    uint32_t exists = 0;          ///< message count
    Listing listing = Listing::kFull;
    uint64_t since_modseq = 0;  ///< for kChanges: the modseq the changes are relative to
};

struct RemoteMessage {
    std::string folder;
    uint32_t uid = 0;
    std::string flags;  ///< IMAP flags and keywords, space-separated, as sent
    uint64_t size = 0;  ///< RFC822.SIZE (CRLF line endings)
    int64_t internal_date = 0;  ///< INTERNALDATE as Unix seconds
    uint64_t modseq = 0;
};

/// UIDs expunged since since_modseq (QRESYNC VANISHED), as an IMAP sequence set "1:3,7".
struct RemoteVanished {
    std::string folder;
    std::string uid_set;
};

using RemoteItem = std::variant<RemoteFolder, RemoteMessage, RemoteVanished>;

const char* listing_name(Listing listing);

class RemoteStateWriter {
public:
    explicit RemoteStateWriter(std::ostream& out) : writer_(out, kRemoteStateKind, kRemoteStateMajor) {}
    void meta(std::string_view key, std::string_view value) { writer_.meta(key, value); }
    void folder(const RemoteFolder& f);
    void message(const RemoteMessage& m);
    void vanished(const RemoteVanished& v);
    void finish() { writer_.finish(); }

private:
    Writer writer_;
};

/// Reads and checks a remote-state stream: records of a folder follow its folder record,
/// folders in increasing bytewise order, messages in increasing UID order.
class RemoteStateReader {
public:
    RemoteStateReader(std::istream& in, std::string_view source)
        : reader_(in, source, kRemoteStateKind, kRemoteStateMajor) {}
    std::optional<RemoteItem> next();
    const Reader& stream() const { return reader_; }

private:
    RemoteFolder folder(const Record& r);
    RemoteMessage message(const Record& r);
    RemoteVanished vanished(const Record& r);
    void check_in_folder(const Record& r, const std::string& folder);

    Reader reader_;
    std::optional<std::string> current_folder_;
    uint32_t last_uid_ = 0;
};

}  // namespace oimap::format
