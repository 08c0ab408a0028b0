// SPDX-License-Identifier: GPL-2.0-or-later
// The local side of an IMAP<->IMAP account (offlineimap3's MappedIMAP, spec §5.12): a folder
// of the local IMAP server plus its UID map, behind the LocalStore interface, so that the
// executor applies plans made from a mapped listing (mapped_listing.hpp) unchanged.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "imap/session.hpp"
#include "status/uid_map.hpp"
#include "sync/store.hpp"
#include "sync/store_imap.hpp"

namespace oimap::sync {

struct MappedImapOptions {
    std::string metadata;    ///< offlineimap's metadata directory
    std::string repository;  ///< the local repository's name (UIDMapping, FolderValidity)
    bool fsync = true;
    /// Test hook: stop (TestStop, as a crash) right after the server took this many local
    /// APPENDs, before their UIDs reach the map; 0: never.
    uint64_t stop_after_appends = 0;
};

/// The plan's files are "cur/L<localuid>[,U=<remoteuid>]" (mapped_file_name): a message's
/// name changes only when it is mapped, as a Maildir file is renamed then.  Changes reach the
/// server and the map file in flush(), before the executor records them:
/// * deliver buffers the message; flush() journals the batch (remote UID and size, in
///   "<metadata>/Repository-<local>/UIDMapping-pending/<basename>"), APPENDs each message
///   (LF turned back into CRLF, the remote INTERNALDATE, system flags only), maps the UIDs
///   APPENDUID gives, saves the map, then drops the journal (doc/crash-safety.md);
/// * assign_uid maps a local UID to the remote UID of its upload;
/// * set_flags stores system flags (UID STORE), remove marks \Deleted and UID EXPUNGEs.
/// The session must be logged in to the local server, which must have UIDPLUS.
class MappedImapStore : public LocalStore {
public:
    MappedImapStore(imap::Session& session, MappedImapOptions options);
    ~MappedImapStore() override;

    void create_folder(const std::string& local) override;
    /// Selects local, lists its UIDs and flags, loads its map (offlineimap's lock and .tmp
    /// rules), resolves a journal left by an interrupted flush, drops map entries whose local
    /// UID is gone (saving the map, as offlineimap does) and saves the folder's local
    /// UIDVALIDITY in FolderValidity.  fmd5 is not used.  Throws ProtocolError, IoError,
    /// FormatError (a corrupt map).
    void open_folder(const std::string& local, const std::string& fmd5) override;
    std::optional<std::string> file_of(uint32_t uid) const override;
    bool exists(const std::string& file) const override;
    std::string flags_of(const std::string& file) const override;
    std::unique_ptr<MessageSink> deliver(uint32_t uid, const std::string& flags,
                                         int64_t mtime) override;
    std::unique_ptr<MessageSource> open_message(const std::string& file) const override;
    std::string assign_uid(const std::string& file, uint32_t uid) override;
    std::string set_flags(const std::string& file, const std::string& flags) override;
    void remove(const std::string& file) override;
    void flush() override;

    /// A delivery waiting for flush() (public for the sink).
    struct Delivery {
        uint32_t remote_uid = 0;
        std::string flags;
        int64_t time = 0;
        std::string body;  ///< CRLF
    };
    void add_delivery(Delivery delivery) { deliveries_.push_back(std::move(delivery)); }

private:
    uint32_t local_uid_of(const std::string& file) const;
    std::string name_of(uint32_t local_uid) const;
    void list_folder();
    void recover_journal();
    void prune_map();
    void save_uid_validity();
    void append_deliveries();
    void store_flag_changes();
    void map(uint32_t local_uid, uint32_t remote_uid);
    void save_map();
    std::string journal_path() const;

    imap::Session& session_;
    ImapStore server_;
    MappedImapOptions options_;
    std::string folder_;
    std::string map_path_;
    status::UidMap map_;                        ///< local UID -> remote UID
    std::map<uint32_t, uint32_t> by_remote_;    ///< remote UID -> local UID
    std::map<uint32_t, std::string> messages_;  ///< local UID -> system flag letters
    std::map<uint32_t, uint64_t> sizes_;        ///< local UID -> RFC822.SIZE
    uint32_t uid_validity_ = 0;
    uint32_t floor_ = 1;  ///< every local UID we have not seen is >= this
    std::vector<Delivery> deliveries_;
    /// Flag changes by local UID: the letters the server has, the letters it must have.
    std::map<uint32_t, std::pair<std::string, std::string>> flag_changes_;
    std::vector<uint32_t> removals_;  ///< local UIDs
    bool dirty_ = false;              ///< map_ differs from the file
    uint64_t appends_ = 0;            ///< local APPENDs the server took
};

}  // namespace oimap::sync
