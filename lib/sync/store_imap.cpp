// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: small messages of a batch go in one "UID FETCH <set> (UID BODY.PEEK[])"
// (RFC 9051 §6.4.5), whose responses each carry their UID, so the order the server answers in
// does not matter; each response is handed over as it is parsed, so memory is bounded by one
// message under the stream threshold.  Larger messages are fetched one per command, many
// commands in flight, each body streamed through the session's literal consumer.
#include "sync/store_imap.hpp"

#include <algorithm>
#include <deque>
#include <exception>
#include <map>
#include <set>
#include <utility>

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

/// Feeds a literal to the sink of its message; finished only once the session checked the
/// response's UID.
class SinkConsumer : public imap::LiteralConsumer {
public:
    explicit SinkConsumer(std::unique_ptr<MessageSink> sink) : sink_(std::move(sink)) {}
    void begin(uint64_t) override {}
    void chunk(std::string_view bytes) override { sink_->write(bytes); }
    void end() override {}
    void finish() { sink_->finish(); }

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
    selected_uid_validity_ = status->uid_validity;
    return status->uid_validity;
}

bool ImapStore::reconnect() {
    if (!connect_) return false;
    connect_();
    if (selected_.empty()) return true;
    std::string mailbox = std::exchange(selected_, std::string());
    uint32_t before = selected_uid_validity_;
    if (select(mailbox) != before)
        throw ProtocolError(cat("cannot go on with '", log::sanitize(mailbox), "': its UIDVALIDITY changed from ",
                                before, " to ", selected_uid_validity_, " while reconnecting"));
    return true;
}

void ImapStore::fetch(const std::vector<FetchRequest>& messages,
                      const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) {
    std::vector<uint32_t> small;
    for (const auto& m : messages)
        if (m.size < stream_threshold_) small.push_back(m.uid);
    if (!small.empty()) fetch_small(small, open);
    std::vector<uint32_t> large;
    for (const auto& m : messages)
        if (m.size >= stream_threshold_) large.push_back(m.uid);
    if (large.empty()) return;
    // One consumer at a time: the session is done with a message before it opens the next.
    std::unique_ptr<SinkConsumer> consumer;
    session_.uid_fetch_bodies(
        large,
        [&](uint32_t uid) -> imap::LiteralConsumer* {
            auto sink = open(uid);
            consumer = sink ? std::make_unique<SinkConsumer>(std::move(sink)) : nullptr;
            return consumer.get();
        },
        [&](uint32_t) {
            if (consumer) consumer->finish();
            consumer.reset();
        });
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
    std::optional<uint32_t> uid;
    append_batch(
        mailbox, {request}, [&](size_t) { return std::unique_ptr<MessageSource>(); },
        [&](size_t, std::optional<uint32_t> u) { uid = u; }, &body);
    return uid;
}

void ImapStore::append_batch(const std::string& mailbox, const std::vector<AppendRequest>& requests,
                             const std::function<std::unique_ptr<MessageSource>(size_t)>& open,
                             const std::function<void(size_t, std::optional<uint32_t>)>& done) {
    append_batch(mailbox, requests, open, done, nullptr);
}

// With LITERAL+ (RFC 7888) every APPEND goes out at once, its message streamed from the file;
// at most kAppendWindow wait for their completion, so that neither side's buffers fill up.
void ImapStore::append_batch(const std::string& mailbox, const std::vector<AppendRequest>& requests,
                             const std::function<std::unique_ptr<MessageSource>(size_t)>& open,
                             const std::function<void(size_t, std::optional<uint32_t>)>& done,
                             MessageSource* only) {
    constexpr size_t kAppendWindow = 64;
    std::deque<std::pair<size_t, std::string>> in_flight;
    std::exception_ptr failure;
    auto settle = [&] {
        auto [i, tag] = in_flight.front();
        in_flight.pop_front();
        uint32_t uid = 0;
        try {
            uid = session_.append_result(tag, mailbox);
        } catch (const ProtocolError&) {
            if (!failure) failure = std::current_exception();
            return;
        }
        // As offlineimap (spec §5.10 step 8): APPENDUID counts only from a server that offers
        // UIDPLUS (RFC 4315 §3); Dovecot sends it even when told not to advertise UIDPLUS.
        done(i, uid == 0 || !has_uidplus() ? std::nullopt : std::optional<uint32_t>(uid));
    };
    for (size_t i = 0; i < requests.size() && !failure; ++i) {
        std::unique_ptr<MessageSource> opened = only ? nullptr : open(i);
        MessageSource& body = only ? *only : *opened;
        in_flight.emplace_back(i, session_.send_append(mailbox, join(requests[i].flags),
                                                       requests[i].date.value_or(0), body.size(),
                                                       [&](char* b, size_t n) { return body.read(b, n); }));
        if (in_flight.size() >= kAppendWindow) settle();
    }
    while (!in_flight.empty()) settle();
    if (failure) std::rethrow_exception(failure);
}

std::vector<uint32_t> ImapStore::search_header(const std::string& name, const std::string& value) {
    // The marker is digits and '-', and name is ours: both are safe in a quoted string.
    return session_.uid_search(cat("HEADER ", name, " \"", value, "\""));
}

// RFC 9051 §6.4.4: OR takes two search keys, so n keys are "OR OR ... k1 k2 ... kn".  At
// most 50 ids and about 8 KB of them per command keep the line well under the servers'
// limits (Dovecot's imap_max_line_length is 64 KB).
std::vector<uint32_t> ImapStore::search_message_ids(const std::vector<std::string>& ids) {
    constexpr size_t kIdsPerSearch = 50;
    constexpr size_t kBytesPerSearch = 8192;
    std::set<uint32_t> uids;
    for (size_t at = 0, n = 0; at < ids.size(); at += n) {
        size_t bytes = 0;
        for (n = 0; at + n < ids.size() && n < kIdsPerSearch && bytes < kBytesPerSearch; ++n)
            bytes += ids[at + n].size();  // the first id always goes: n ends at least 1
        imap::Command command("UID SEARCH");
        for (size_t i = 1; i < n; ++i) command.raw("OR");
        for (size_t i = 0; i < n; ++i) command.raw("HEADER Message-ID").string(ids[at + i]);
        session_.run(command, "search Message-IDs", [&](const imap::Response& r) {
            if (r.name != "SEARCH") return;
            for (const auto& v : r.values)
                if (v.kind == imap::Value::Kind::kNumber) uids.insert(imap::to_uint32(v, "UID"));
        });
    }
    return {uids.begin(), uids.end()};
}

std::vector<FoundMessage> ImapStore::find_message_ids(const std::vector<std::string>& ids) {
    std::vector<uint32_t> uids = search_message_ids(ids);
    if (uids.empty()) return {};
    imap::Command command("UID FETCH");
    command.raw(imap::make_uid_set(uids))
        .raw("(UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID X-OFFLINEIMAP)])");
    std::map<uint32_t, FoundMessage> found;
    session_.run(command, "fetch Message-IDs", [&](const imap::Response& r) {
        if (r.name != "FETCH" || r.values.empty()) return;
        FoundMessage m;
        const auto& items = imap::to_list(r.values[0], "FETCH data");
        for (size_t i = 0; i + 1 < items.size(); i += 2) {
            const imap::Value& value = items[i + 1];
            if (items[i].is_atom("UID")) m.uid = imap::to_uint32(value, "UID");
            if (items[i].is_atom("RFC822.SIZE")) m.size = imap::to_uint64(value, "RFC822.SIZE");
            if (items[i].is_atom("FLAGS"))
                for (const auto& flag : imap::to_list(value, "FLAGS")) m.flags.push_back(flag.text);
            bool header = items[i].kind == imap::Value::Kind::kAtom &&
                          imap::to_upper(items[i].text).rfind("BODY[HEADER.FIELDS", 0) == 0;
            if (header && value.kind == imap::Value::Kind::kString) m.header = value.text;
        }
        if (std::binary_search(uids.begin(), uids.end(), m.uid)) found[m.uid] = std::move(m);
    });
    std::vector<FoundMessage> out;
    for (auto& [uid, m] : found) out.push_back(std::move(m));
    return out;
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
