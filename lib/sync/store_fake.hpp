// SPDX-License-Identifier: GPL-2.0-or-later
// In-memory stand-ins for the remote server and the status database, for the executor's
// unit tests (style: fakes, not mocks).  They keep what a real store keeps and log each
// command so that tests can assert batching.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sync/store.hpp"

namespace oimap::sync {

struct FakeMessage {
    std::string body;  ///< CRLF, as a server holds it
    std::set<std::string> flags;
    int64_t date = 0;
};

struct FakeMailbox {
    uint32_t uid_validity = 1;
    uint32_t uid_next = 1;
    std::map<uint32_t, FakeMessage> messages;
};

class FakeRemote : public RemoteStore {
public:
    std::map<std::string, FakeMailbox> mailboxes;
    bool uidplus = true;
    /// One line per command, e.g. "UID FETCH 1,2", "APPEND INBOX", "UID STORE 4 +(\Seen)".
    std::vector<std::string> log;
    /// Called with "append" after a message was stored and before the UID is returned (a
    /// test throws here to simulate a crash after the server accepted the APPEND).
    std::function<void(const std::string&)> after;
    /// fetch() throws NetworkError after giving this many messages (once per value set);
    /// -1: never.  reconnect() succeeds when reconnectable, and logs "RECONNECT".
    int break_fetch_after = -1;
    bool reconnectable = false;

    /// Adds a message; returns its UID.
    uint32_t add(const std::string& mailbox, std::string body, std::set<std::string> flags = {});

    bool has_uidplus() const override { return uidplus; }
    bool reconnect() override;
    void create_folder(const std::string& mailbox) override;
    uint32_t select(const std::string& mailbox) override;
    void fetch(const std::vector<FetchRequest>& messages,
               const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) override;
    std::optional<uint32_t> append(const std::string& mailbox, const AppendRequest& request,
                                   MessageSource& body) override;
    std::vector<uint32_t> search_header(const std::string& name, const std::string& value) override;
    /// Logs "UID SEARCH MESSAGE-ID <ids>"; matches a Message-ID field holding an id.
    std::vector<FoundMessage> find_message_ids(const std::vector<std::string>& ids) override;
    void store_flags(const std::vector<uint32_t>& uids, bool add,
                     const std::vector<std::string>& flags) override;
    void remove(const std::vector<uint32_t>& uids) override;

private:
    FakeMailbox& selected();
    std::string selected_;
};

struct FakeStatusDb {
    std::map<uint32_t, std::string> rows;
    std::map<int64_t, UploadIntent> intents;
};

class FakeStatus : public StatusStore {
public:
    std::map<std::string, FakeStatusDb> dbs;  ///< by status file name
    uint64_t transactions = 0;

    void open_pair(const std::string& status, const std::string& remote, const std::string& local,
                   uint32_t uid_validity) override;
    std::optional<std::string> flags(uint32_t uid) const override;
    void apply(const StatusChange& change) override;
    std::vector<int64_t> add_intents(
        const std::vector<std::pair<std::string, std::string>>& files_and_markers) override;
    std::vector<UploadIntent> intents() const override;
    void save_start_uid(const std::string& file, uint32_t uid) override;
    std::map<std::string, uint32_t> start_uids;  ///< by file

private:
    FakeStatusDb* current_ = nullptr;
    int64_t next_intent_ = 1;
};

/// "1,2,5": a UID list as a test log shows it.
std::string uid_list(const std::vector<uint32_t>& uids);

}  // namespace oimap::sync
