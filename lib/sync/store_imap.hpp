// SPDX-License-Identifier: GPL-2.0-or-later
// The remote side of sync-apply: one IMAP session, one selected mailbox at a time.
#pragma once

#include <cstdint>

#include "imap/session.hpp"
#include "sync/store.hpp"

namespace oimap::sync {

class ImapStore : public RemoteStore {
public:
    /// session is connected and logged in, and outlives the store.  Messages of at most
    /// stream_threshold bytes (the parser's, ParserLimits) are fetched many per command;
    /// larger ones one per command, streamed to their sink.
    ImapStore(imap::Session& session, uint64_t stream_threshold)
        : session_(session), stream_threshold_(stream_threshold) {}

    /// How reconnect() connects and logs in session_ again (e.g. open_session); without
    /// one, reconnect() returns false.
    void set_connect(std::function<void()> connect) { connect_ = std::move(connect); }

    bool has_uidplus() const override { return session_.has_capability("UIDPLUS"); }
    bool reconnect() override;
    void create_folder(const std::string& mailbox) override;
    uint32_t select(const std::string& mailbox) override;
    void fetch(const std::vector<FetchRequest>& messages,
               const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) override;
    std::optional<uint32_t> append(const std::string& mailbox, const AppendRequest& request,
                                   MessageSource& body) override;
    void append_batch(const std::string& mailbox, const std::vector<AppendRequest>& requests,
                      const std::function<std::unique_ptr<MessageSource>(size_t)>& open,
                      const std::function<void(size_t, std::optional<uint32_t>)>& done) override;
    std::vector<uint32_t> search_header(const std::string& name, const std::string& value) override;
    std::vector<FoundMessage> find_message_ids(const std::vector<std::string>& ids) override;
    void store_flags(const std::vector<uint32_t>& uids, bool add,
                     const std::vector<std::string>& flags) override;
    void remove(const std::vector<uint32_t>& uids) override;

private:
    /// append_batch, with *only as the body of the one request when given.
    void append_batch(const std::string& mailbox, const std::vector<AppendRequest>& requests,
                      const std::function<std::unique_ptr<MessageSource>(size_t)>& open,
                      const std::function<void(size_t, std::optional<uint32_t>)>& done,
                      MessageSource* only);
    std::vector<uint32_t> search_message_ids(const std::vector<std::string>& ids);
    void fetch_small(const std::vector<uint32_t>& uids,
                     const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open);

    imap::Session& session_;
    uint64_t stream_threshold_;
    std::string selected_;
    uint32_t selected_uid_validity_ = 0;
    std::function<void()> connect_;
};

}  // namespace oimap::sync
