// SPDX-License-Identifier: GPL-2.0-or-later
// The three things sync-apply changes, behind interfaces so that the executor can be tested
// with fakes (style: "Fakes rather than mocks"): the local Maildir folder, the remote IMAP
// mailbox and the status database of the folder pair.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oimap::sync {

/// Receives one message's bytes in order, in chunks.
class MessageSink {
public:
    virtual ~MessageSink() = default;
    virtual void write(std::string_view chunk) = 0;
    /// Called once after the last chunk; the message is then durable where it went.
    virtual void finish() = 0;
};

/// A message to read in chunks, of known total size.
class MessageSource {
public:
    virtual ~MessageSource() = default;
    /// The number of bytes all read() calls give together.
    virtual uint64_t size() const = 0;
    /// Reads up to size bytes into buffer; returns 0 only at the end.  Throws IoError.
    virtual size_t read(char* buffer, size_t size) = 0;
};

/// Reads a whole source into a string (for small messages and tests).
std::string read_all(MessageSource& source);

/// The local side: the Maildir folder of the current pair.
class LocalStore {
public:
    virtual ~LocalStore() = default;
    /// Creates a folder (cur/, new/, tmp/); an existing one is fine.
    virtual void create_folder(const std::string& local) = 0;
    /// Makes local the current folder; fmd5 identifies its files (",FMD5=").  The store
    /// indexes the files that carry ",U=<uid>,FMD5=<fmd5>".  Throws IoError.
    virtual void open_folder(const std::string& local, const std::string& fmd5) = 0;
    /// "new/NAME" or "cur/NAME" of the file holding uid, if any.
    virtual std::optional<std::string> file_of(uint32_t uid) const = 0;
    virtual bool exists(const std::string& file) const = 0;
    /// The normalized flag letters the name of file carries.
    virtual std::string flags_of(const std::string& file) const = 0;
    /// Starts a delivery of uid with flags and mtime; after the sink's finish(), flush()
    /// makes it durable and moves it into new/ or cur/.  The name of the file is then
    /// file_of(uid).
    virtual std::unique_ptr<MessageSink> deliver(uint32_t uid, const std::string& flags,
                                                 int64_t mtime) = 0;
    /// The bytes of file as stored (LF line endings).
    virtual std::unique_ptr<MessageSource> open_message(const std::string& file) const = 0;
    /// Renames file to a fresh name carrying ",U=<uid>,FMD5=<fmd5>" and the same flags, in
    /// the same subdirectory (spec §5.9 step 4), durable after flush(); returns the new
    /// relative name.
    virtual std::string assign_uid(const std::string& file, uint32_t uid) = 0;
    /// Renames file for flags (new/ vs cur/ per S); durable after flush().  Returns the
    /// new name.
    virtual std::string set_flags(const std::string& file, const std::string& flags) = 0;
    /// Removes file; durable after flush().
    virtual void remove(const std::string& file) = 0;
    /// Makes the deliveries finished since the last call durable and moves them into place,
    /// and makes the renames and removals since the last call durable; called before every
    /// status transaction.  Throws IoError after doing what it could.
    virtual void flush() {}
};

/// One message to download, with its size (RFC822.SIZE) from the plan.
struct FetchRequest {
    uint32_t uid = 0;
    uint64_t size = 0;
};

/// One message to append.
struct AppendRequest {
    std::vector<std::string> flags;  ///< IMAP system flags
    std::optional<int64_t> date;     ///< internal date, Unix seconds
};

/// A message of the selected mailbox found by its Message-ID.
struct FoundMessage {
    uint32_t uid = 0;
    uint64_t size = 0;               ///< RFC822.SIZE
    std::vector<std::string> flags;  ///< FLAGS, as the server sent them
    /// Its Message-ID and X-OfflineIMAP header fields as the server holds them (CRLF),
    /// at least; other fields may be there too.
    std::string header;
};

/// The remote side: one IMAP mailbox at a time.
class RemoteStore {
public:
    virtual ~RemoteStore() = default;
    /// Whether APPENDUID and UID EXPUNGE are available (RFC 4315).
    virtual bool has_uidplus() const = 0;
    /// After a NetworkError: opens a fresh connection and selects again the mailbox that was
    /// selected.  Returns false when this store cannot reconnect.  Throws NetworkError when
    /// the new connection fails, ProtocolError when the mailbox's UIDVALIDITY changed.
    virtual bool reconnect() { return false; }
    /// Creates mailbox; an existing one is fine.
    virtual void create_folder(const std::string& mailbox) = 0;
    /// Selects mailbox read-write and returns its UIDVALIDITY; throws on failure.
    virtual uint32_t select(const std::string& mailbox) = 0;
    /// Fetches the bodies (CRLF, as the server holds them) of messages in the selected mailbox,
    /// many in flight; open(uid) gives the sink of each message found.  UIDs the server
    /// does not have are left out.
    virtual void fetch(const std::vector<FetchRequest>& messages,
                       const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) = 0;
    /// Appends body (CRLF) to the selected mailbox; returns the APPENDUID UID when the
    /// server reports one.
    virtual std::optional<uint32_t> append(const std::string& mailbox, const AppendRequest& request,
                                           MessageSource& body) = 0;
    /// Appends requests.size() messages, many in flight where the server allows it; the
    /// body of message i is open(i), opened only when its APPEND is sent.  done(i, uid) is
    /// called in order for each message the server took.  After a refusal the APPENDs in
    /// flight are still answered (done for those taken), then the first error is thrown.
    /// The default sends one append() after the other.
    virtual void append_batch(
        const std::string& mailbox, const std::vector<AppendRequest>& requests,
        const std::function<std::unique_ptr<MessageSource>(size_t)>& open,
        const std::function<void(size_t, std::optional<uint32_t>)>& done);
    /// UID SEARCH HEADER name value in the selected mailbox.
    virtual std::vector<uint32_t> search_header(const std::string& name,
                                                const std::string& value) = 0;
    /// The messages of the selected mailbox whose Message-ID header contains one of ids
    /// (UID SEARCH HEADER, a substring match: RFC 9051 §6.4.4), each once, in UID order.
    /// The ids are printable ASCII.
    virtual std::vector<FoundMessage> find_message_ids(const std::vector<std::string>& ids) = 0;
    /// UID STORE uids +FLAGS.SILENT (or -FLAGS.SILENT when add is false).
    virtual void store_flags(const std::vector<uint32_t>& uids, bool add,
                             const std::vector<std::string>& flags) = 0;
    /// Marks uids \Deleted and expunges them (UID EXPUNGE; see QUIRKS without UIDPLUS).
    virtual void remove(const std::vector<uint32_t>& uids) = 0;
};

/// A change of one server message's flags, as Maildir letters (only the system letters
/// reach the server).
struct FlagChange {
    uint32_t uid = 0;
    std::string from;  ///< the letters the server has
    std::string to;    ///< the letters it must have
};

/// Stores changes with one UID STORE per distinct set of flags to add and one per set to
/// remove.
void store_flag_changes(RemoteStore& remote, const std::vector<FlagChange>& changes);

/// A pending upload, journalled before the APPEND (doc/crash-safety.md).
struct UploadIntent {
    int64_t id = 0;
    std::string file;    ///< the local file being uploaded
    std::string marker;  ///< the X-OfflineIMAP header value
};

/// Changes to the status of the current pair (rows and dropped intents), applied in one
/// transaction.
struct StatusChange {
    std::vector<std::pair<uint32_t, std::string>> put;  ///< uid -> flags (insert or update)
    std::vector<uint32_t> remove;
    std::vector<int64_t> remove_intents;
    bool empty() const { return put.empty() && remove.empty() && remove_intents.empty(); }
};

/// The state store: offlineimap's status database of the current pair.
class StatusStore {
public:
    virtual ~StatusStore() = default;
    /// Makes the pair current (its status file name, remote and local folder names and the
    /// remote UIDVALIDITY, for the FolderValidity files).
    virtual void open_pair(const std::string& status, const std::string& remote,
                           const std::string& local, uint32_t uid_validity) = 0;
    virtual std::optional<std::string> flags(uint32_t uid) const = 0;
    /// Applies change in one durable transaction.
    virtual void apply(const StatusChange& change) = 0;
    /// Journals upload intents (file, marker) durably, in one transaction; returns their
    /// ids in order.
    virtual std::vector<int64_t> add_intents(
        const std::vector<std::pair<std::string, std::string>>& files_and_markers) = 0;
    virtual std::vector<UploadIntent> intents() const = 0;
    /// Writes "<uid>\n" to <metadata>/<file> (file: "Repository-<name>/StartUID/<basename>"),
    /// the startdate floor of a folder (spec §5.7.3), durably (temporary file, rename).
    virtual void save_start_uid(const std::string& file, uint32_t uid) = 0;
};

}  // namespace oimap::sync
