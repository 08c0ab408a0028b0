// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: small messages of a batch go in one "UID FETCH <set> (UID BODY.PEEK[])"
// (RFC 9051 §6.4.5), whose responses each carry their UID, so the order the server answers in
// does not matter; each response is handed over as it is parsed, so memory is bounded by one
// message under the stream threshold.  Larger messages are fetched one per command through
// the session's streaming literal consumer.
#include "sync/store_imap.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "imap/message.hpp"

namespace oimap::sync {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
    return out;
}

/// Feeds a streamed literal to the sink of its message.
class SinkConsumer : public imap::LiteralConsumer {
public:
    explicit SinkConsumer(std::unique_ptr<MessageSink> sink) : sink_(std::move(sink)) {}
    void begin(uint64_t) override {}
    void chunk(std::string_view bytes) override { sink_->write(bytes); }
    void end() override { sink_->finish(); }

private:
    std::unique_ptr<MessageSink> sink_;
};

/// The UID and the BODY[] string of one FETCH response, if it has both.
bool body_of(const imap::Response& r, uint32_t& uid, const std::string*& body) {
    if (r.name != "FETCH" || r.values.empty()) return false;
    const auto& items = imap::to_list(r.values[0], "FETCH data");
    body = nullptr;
    uid = 0;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].is_atom("UID")) uid = imap::to_uint32(items[i + 1], "UID");
        if (items[i].is_atom("BODY[]") && items[i + 1].kind == imap::Value::Kind::kString)
            body = &items[i + 1].text;
    }
    return uid != 0 && body != nullptr;
}

}  // namespace

void ImapStore::create_folder(const std::string& mailbox) { session_.create(mailbox); }

uint32_t ImapStore::select(const std::string& mailbox) {
    std::string why;
    auto status = session_.select(mailbox, false, &why);
    if (!status) throw ProtocolError(cat("cannot select '", log::sanitize(mailbox), "': ", why));
    if (status->read_only)
        throw ProtocolError(cat("cannot write to '", log::sanitize(mailbox), "': the server opened it read-only"));
    selected_ = mailbox;
    return status->uid_validity;
}

void ImapStore::fetch(const std::vector<FetchRequest>& messages,
                      const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) {
    std::vector<uint32_t> small;
    for (const auto& m : messages)
        if (m.size < stream_threshold_) small.push_back(m.uid);
    if (!small.empty()) fetch_small(small, open);
    for (const auto& m : messages) {
        if (m.size < stream_threshold_) continue;
        auto sink = open(m.uid);
        if (!sink) continue;
        SinkConsumer consumer(std::move(sink));
        session_.uid_fetch_body(m.uid, consumer);
    }
}

void ImapStore::fetch_small(const std::vector<uint32_t>& uids,
                            const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) {
    imap::Command command("UID FETCH");
    command.raw(imap::make_uid_set(uids)).raw("(UID BODY.PEEK[])");
    session_.run(command, "fetch messages", [&](const imap::Response& r) {
        uint32_t uid = 0;
        const std::string* body = nullptr;
        if (!body_of(r, uid, body) || !std::binary_search(uids.begin(), uids.end(), uid)) return;
        auto sink = open(uid);
        if (!sink) return;
        sink->write(*body);
        sink->finish();
    });
}

std::optional<uint32_t> ImapStore::append(const std::string& mailbox, const AppendRequest& request,
                                          MessageSource& body) {
    // FIXME: the session takes the message as one string; a streamed literal would keep
    // memory bounded for uploads too.
    uint64_t size = body.size();
    std::string data = read_all(body);
    if (data.size() != size) throw IoError(cat("cannot upload to '", log::sanitize(mailbox), "': the file changed"));
    uint32_t uid = session_.append(mailbox, join(request.flags), request.date.value_or(0), data);
    // As offlineimap (spec §5.10 step 8): APPENDUID counts only from a server that offers
    // UIDPLUS (RFC 4315 §3); Dovecot sends it even when told not to advertise UIDPLUS.
    if (uid == 0 || !has_uidplus()) return std::nullopt;
    return uid;
}

std::vector<uint32_t> ImapStore::search_header(const std::string& name, const std::string& value) {
    // The marker is digits and '-', and name is ours: both are safe in a quoted string.
    return session_.uid_search(cat("HEADER ", name, " \"", value, "\""));
}

void ImapStore::store_flags(const std::vector<uint32_t>& uids, bool add,
                            const std::vector<std::string>& flags) {
    if (uids.empty() || flags.empty()) return;
    session_.uid_store(imap::make_uid_set(uids), add ? "+" : "-", join(flags));
}

void ImapStore::remove(const std::vector<uint32_t>& uids) {
    if (uids.empty()) return;
    std::string set = imap::make_uid_set(uids);
    session_.uid_store(set, "+", "\\Deleted");
    if (has_uidplus()) return session_.uid_expunge(set);  // RFC 4315 §2.1
    // Without UIDPLUS an EXPUNGE removes every \Deleted message; send it only when all of
    // them are ours (doc/QUIRKS.md "Apply").
    std::vector<uint32_t> deleted = session_.uid_search("DELETED");
    std::vector<uint32_t> ours = uids;
    std::sort(ours.begin(), ours.end());
    bool only_ours = std::all_of(deleted.begin(), deleted.end(),
                                 [&](uint32_t u) { return std::binary_search(ours.begin(), ours.end(), u); });
    if (only_ours) return session_.uid_expunge(set);
    log::warning(cat("not expunging '", log::sanitize(selected_),
                     "': the server has no UIDPLUS and other messages are marked \\Deleted; ",
                     uids.size(), " messages stay marked \\Deleted"));
}

}  // namespace oimap::sync
