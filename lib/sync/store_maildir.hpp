// SPDX-License-Identifier: GPL-2.0-or-later
// The local side of sync-apply: a Maildir repository laid out as offlineimap3 lays it out
// (spec §6), written through lib/maildir.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "maildir/deliver.hpp"
#include "maildir/filename.hpp"
#include "sync/store.hpp"

namespace oimap::sync {

struct MaildirStoreOptions {
    std::string root;        ///< the Maildir root (localfolders)
    char sep = '.';          ///< the local folder separator
    char info_sep = ':';     ///< '!' with maildir-windows-compatible
    bool fsync = true;       ///< fsync files and directories ([general] fsync)
    std::string host;        ///< for new file names; default gethostname()
    long pid = 0;            ///< for new file names; default getpid()
    std::function<int64_t()> now;  ///< the time of new file names; default time()
};

class MaildirStore : public LocalStore {
public:
    explicit MaildirStore(MaildirStoreOptions options);

    void create_folder(const std::string& local) override;
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

    /// The directory of the current folder.
    const std::string& folder_path() const { return folder_path_; }

    /// A delivery written and closed in tmp/, waiting for flush().
    struct Finished {
        std::unique_ptr<maildir::Delivery> delivery;
        std::string subdir;  ///< "new" or "cur"
    };

private:
    std::string new_name(uint32_t uid, const std::string& flags);
    void index(const std::string& file);
    void unindex(const std::string& file);

    MaildirStoreOptions options_;
    std::string folder_path_;
    std::string fmd5_;
    std::map<uint32_t, std::string> by_uid_;
    std::vector<Finished> finished_;       ///< deliveries not yet durable nor in place
    std::set<std::string> unsynced_dirs_;  ///< subdirectories with changes not yet synced
    maildir::SequenceCounter sequence_;
};

}  // namespace oimap::sync
