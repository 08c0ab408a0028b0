// SPDX-License-Identifier: GPL-2.0-or-later
// Writing messages into a Maildir folder (tmp/ -> new/ or cur/) and renaming them for flag
// changes, never replacing an existing file (spec §6.4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/fs.hpp"

namespace oimap::maildir {

struct DeliverOptions {
    bool fsync = true;  ///< fsync the file before the rename and the directory after it
};

/// One message being written to <folder>/tmp/<file_name>. Data arrives in pieces (write),
/// so a large message never has to be held in memory; commit() moves it into place.
/// Destroying an uncommitted Delivery removes the temporary file.
class Delivery {
public:
    /// Creates tmp/<file_name> with O_CREAT|O_EXCL, mode 0666 less the umask, as offlineimap
    /// does; throws IoError (an existing file included: "... file exists").
    Delivery(const std::string& folder_path, const std::string& file_name,
             DeliverOptions options = {});
    Delivery(const Delivery&) = delete;
    Delivery& operator=(const Delivery&) = delete;
    ~Delivery();

    /// Appends bytes to the file; throws IoError.
    void write(std::string_view chunk);
    /// Bytes written so far.
    uint64_t size() const { return size_; }
    /// Ends the writing: sets the access and modification times to mtime if given, fsyncs
    /// when asked, closes; the file stays in tmp/ until commit().  Lets a caller write many
    /// files, make them all durable at once (sync_file_system), then commit each.  Throws
    /// IoError.  Idempotent.
    void finish(std::optional<int64_t> mtime);
    /// tmp/<file_name>, where the data is until commit().
    const std::string& tmp_path() const { return tmp_path_; }
    /// Flushes (fsync when asked), sets the access and modification times to mtime if given
    /// (offlineimap's os.utime(path, (date, date))), closes, and moves the file to
    /// <subdir>/<file_name> without replacing anything (after finish(), mtime is ignored).
    /// Returns "<subdir>/<file_name>".
    /// subdir is "new" or "cur". Throws IoError; the temporary file is then removed.
    std::string commit(std::string_view subdir, std::optional<int64_t> mtime);

private:
    std::string folder_path_;
    std::string file_name_;
    std::string tmp_path_;
    DeliverOptions options_;
    fs::UniqueFd fd_;
    uint64_t size_ = 0;
    bool committed_ = false;
};

/// syncfs(2) of the file system that holds path: every file written there so far is then
/// durable, in one call instead of one fsync per file.  Returns false (nothing thrown) when
/// syncfs is unavailable or reports an error; the caller then fsyncs each file itself.
bool sync_file_system(const std::string& path);

/// Renames <folder>/<from> to <folder>/<to> (paths relative to the folder, "new/x" or
/// "cur/y"), keeping the file's inode and never replacing an existing file: renameat2 with
/// RENAME_NOREPLACE, or link() + unlink() where the file system lacks it. With fsync the
/// directories are synced afterwards. Throws IoError ("... file exists" when to exists).
void move_message(const std::string& folder_path, const std::string& from, const std::string& to,
                  DeliverOptions options = {});

/// Gives the message at <folder>/<relative_path> the flags: if the flag set differs from the
/// name's, the name is rewritten (rename_for_flags); the file goes to cur/ if flags contain
/// S, else to new/. Returns the new relative path (unchanged: nothing is done).
std::string set_message_flags(const std::string& folder_path, const std::string& relative_path,
                              std::string_view flags, char info_sep, DeliverOptions options = {});

}  // namespace oimap::maildir
