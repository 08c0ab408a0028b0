// SPDX-License-Identifier: GPL-2.0-or-later
// Session commands on mailboxes and messages (RFC 9051 §6.3, §6.4; RFC 7162; RFC 4315).
#include <algorithm>
#include <deque>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "imap/session.hpp"

namespace oimap::imap {
namespace {

std::string no_text(const Response& r) {
    std::string code = r.code ? "[" + r.code->name + "] " : "";
    return cat(r.status == Status::kNo ? "NO " : "BAD ", code, r.text);
}

}  // namespace

std::vector<MailboxInfo> Session::list(std::string_view reference, std::string_view pattern,
                                       bool subscribed_only) {
    const char* verb = subscribed_only ? "LSUB" : "LIST";
    Command command(verb);
    command.string(reference).string(pattern);
    std::vector<MailboxInfo> out;
    run(command, cat("list mailboxes of '", peer(), "'"), [&](const Response& r) {
        if (r.name == verb) out.push_back(parse_list_response(r));
    });
    return out;
}

Command Session::select_command(std::string_view mailbox, bool read_only) const {
    Command command(read_only ? "EXAMINE" : "SELECT");
    command.astring(mailbox);
    return command;
}

std::optional<MailboxStatus> Session::select(std::string_view mailbox, bool read_only, std::string* why) {
    MailboxStatus status;
    Response r = wait(send(select_command(mailbox, read_only)), [&](const Response& u) { apply_select_response(u, status); });
    if (r.status == Status::kBad) throw ProtocolError(cat("cannot select '", log::sanitize(mailbox), "': ", no_text(r)));
    if (r.status != Status::kOk) {
        if (why) *why = no_text(r);
        return std::nullopt;
    }
    status.read_only = read_only || (r.code && r.code->name == "READ-ONLY");
    return status;
}

// RFC 7162 §3.1.4 (CHANGEDSINCE) and §3.2.6 (VANISHED, only with QRESYNC enabled).
Command Session::summary_command(std::string_view uid_set, uint64_t changed_since) const {
    bool condstore = has_capability("CONDSTORE") || is_enabled("CONDSTORE") || is_enabled("QRESYNC");
    Command command("UID FETCH");
    command.raw(uid_set).raw(condstore ? "(UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ)"
                                       : "(UID FLAGS RFC822.SIZE INTERNALDATE)");
    if (changed_since > 0)
        command.raw(cat("(CHANGEDSINCE ", changed_since, is_enabled("QRESYNC") ? " VANISHED)" : ")"));
    return command;
}

void Session::uid_fetch_summaries(std::string_view uid_set, uint64_t changed_since,
                                  const std::function<void(const MessageSummary&)>& sink,
                                  std::string* vanished) {
    run(summary_command(uid_set, changed_since), "fetch message list", [&](const Response& r) {
        MessageSummary m;
        if (r.name == "FETCH" && parse_fetch_summary(r, m)) sink(m);
        if (r.name == "VANISHED" && vanished && !r.values.empty())
            *vanished = to_astring(r.values.back(), "VANISHED UIDs");
    });
}

bool Session::uid_fetch_body(uint32_t uid, LiteralConsumer& sink) {
    bool found = false;
    uid_fetch_bodies({uid}, [&](uint32_t) { return &sink; }, [&](uint32_t) { found = true; });
    return found;
}

namespace {

// "UID <n>" among the items a FETCH response showed before its current literal.  Servers
// send the items in the order asked for ("(UID BODY.PEEK[])"); Dovecot does.
std::optional<uint32_t> uid_before_literal(std::string_view prefix) {
    size_t at = prefix.find(" FETCH (");
    if (at == std::string_view::npos) return std::nullopt;
    for (at = prefix.find("UID ", at); at != std::string_view::npos; at = prefix.find("UID ", at + 1)) {
        char before = prefix[at - 1];
        if (before != '(' && before != ' ') continue;
        if (auto uid = parse_number<uint32_t>(prefix.substr(at + 4, prefix.find_first_of(" )", at + 4) - at - 4)))
            return uid;
    }
    return std::nullopt;
}

/// The parser's consumer while bodies are fetched out of order: each streamed literal goes
/// to the sink of the UID its response showed before it (else of the oldest UID waited for).
class BodyDispatch : public LiteralConsumer {
public:
    BodyDispatch(const std::function<LiteralConsumer*(uint32_t)>& open, std::function<std::string_view()> prefix,
                 std::function<uint32_t()> oldest)
        : open_(open), prefix_(std::move(prefix)), oldest_(std::move(oldest)) {}
    void begin(uint64_t size) override {
        streamed_uid_ = uid_before_literal(prefix_()).value_or(oldest_());
        sink_ = open_(streamed_uid_);
        if (sink_) sink_->begin(size);
    }
    void chunk(std::string_view bytes) override {
        if (sink_) sink_->chunk(bytes);
    }
    void end() override {
        if (sink_) sink_->end();
    }
    /// Whether r carries BODY[] for one of uids (a buffered body goes to its sink here), and
    /// which; throws ProtocolError for a body under a UID not asked for or not the one its
    /// streamed bytes went to.
    std::optional<uint32_t> take(const Response& r, const std::set<uint32_t>& uids) {
        if (r.name != "FETCH" || r.values.empty()) return std::nullopt;
        const auto& items = to_list(r.values[0], "FETCH data");
        uint32_t uid = 0;
        const Value* body = nullptr;
        for (size_t i = 0; i + 1 < items.size(); i += 2) {
            if (items[i].is_atom("UID")) uid = to_uint32(items[i + 1], "UID");
            if (items[i].is_atom("BODY[]")) body = &items[i + 1];
        }
        if (!body) return std::nullopt;
        bool streamed = body->kind == Value::Kind::kStreamed;
        if (!uids.count(uid) || (streamed && uid != streamed_uid_))
            throw ProtocolError(cat("cannot fetch messages: the server sent a body under UID ", uid));
        if (body->kind == Value::Kind::kString) {
            if (LiteralConsumer* sink = open_(uid)) {
                sink->begin(body->text.size());
                sink->chunk(body->text);
                sink->end();
            }
        }
        return uid;
    }

private:
    const std::function<LiteralConsumer*(uint32_t)>& open_;
    std::function<std::string_view()> prefix_;
    std::function<uint32_t()> oldest_;
    LiteralConsumer* sink_ = nullptr;
    uint32_t streamed_uid_ = 0;
};

}  // namespace

// RFC 9051 §5.5: a server may run pipelined FETCH commands concurrently, and Dovecot 2.3
// does, so bodies are matched to UIDs by the UID item of each response, not by command.
void Session::uid_fetch_bodies(const std::vector<uint32_t>& uids,
                               const std::function<LiteralConsumer*(uint32_t)>& open,
                               const std::function<void(uint32_t)>& done) {
    constexpr size_t kWindow = 16;
    std::deque<std::pair<uint32_t, std::string>> in_flight;
    std::set<uint32_t> waited;  // asked for, body not yet seen
    BodyDispatch dispatch(open, [this] { return impl_response_so_far(); },
                          [&] { return waited.empty() ? 0 : *waited.begin(); });
    impl_parser_consumer(&dispatch);
    try {
        for (size_t next = 0; next < uids.size() || !in_flight.empty();) {
            for (; next < uids.size() && in_flight.size() < kWindow; ++next) {
                Command command("UID FETCH");
                command.raw(std::to_string(uids[next])).raw("(UID BODY.PEEK[])");
                in_flight.emplace_back(uids[next], send(command));
                waited.insert(uids[next]);
            }
            auto [uid, tag] = in_flight.front();
            in_flight.pop_front();
            Response r = wait(tag, [&](const Response& u) {
                auto got = dispatch.take(u, waited);
                if (!got) return;
                waited.erase(*got);
                done(*got);
            });
            if (r.status != Status::kOk) throw ProtocolError(cat("cannot fetch message ", uid, ": ", no_text(r)));
        }
    } catch (...) {
        impl_parser_consumer(nullptr);
        throw;
    }
    impl_parser_consumer(nullptr);
}

// RFC 9051 §6.3.12; RFC 4315 §3 (APPENDUID).
static Command append_command(std::string_view mailbox, std::string_view flags, int64_t internal_date) {
    Command command("APPEND");
    command.astring(mailbox).raw(cat("(", flags, ")"));
    if (internal_date != 0) command.string(format_internal_date(internal_date));
    return command;
}

static uint32_t appended_uid(const Response& r, std::string_view mailbox) {
    if (r.status != Status::kOk) throw ProtocolError(cat("cannot append to '", log::sanitize(mailbox), "': ", no_text(r)));
    if (r.code && r.code->name == "APPENDUID" && r.code->args.size() == 2)
        return to_uint32(r.code->args[1], "APPENDUID");
    return 0;
}

uint32_t Session::append(std::string_view mailbox, std::string_view flags, int64_t internal_date,
                         std::string_view message) {
    Command command = append_command(mailbox, flags, internal_date);
    command.literal(message);
    return appended_uid(wait(send(command), {}), mailbox);
}

uint32_t Session::append(std::string_view mailbox, std::string_view flags, int64_t internal_date,
                         uint64_t size, const LiteralReader& read) {
    return append_result(send_append(mailbox, flags, internal_date, size, read), mailbox);
}

std::string Session::send_append(std::string_view mailbox, std::string_view flags,
                                 int64_t internal_date, uint64_t size, const LiteralReader& read) {
    Command command = append_command(mailbox, flags, internal_date);
    command.literal_stream(size, read);
    return send(command);
}

uint32_t Session::append_result(const std::string& tag, std::string_view mailbox) {
    return appended_uid(wait(tag, {}), mailbox);
}

void Session::uid_store(std::string_view uid_set, std::string_view mode, std::string_view flags) {
    Command command("UID STORE");
    command.raw(uid_set).raw(cat(mode, "FLAGS.SILENT")).raw(cat("(", flags, ")"));
    run(command, cat("store flags on UIDs ", uid_set));
}

void Session::uid_expunge(std::string_view uid_set) {
    if (has_capability("UIDPLUS")) {
        Command command("UID EXPUNGE");
        command.raw(uid_set);
        run(command, cat("expunge UIDs ", uid_set));
    } else {
        run(Command("EXPUNGE"), "expunge");
    }
}

void Session::create(std::string_view mailbox) {
    Command command("CREATE");
    command.astring(mailbox);
    Response r = wait(send(command), {});
    if (r.status == Status::kOk || (r.code && r.code->name == "ALREADYEXISTS")) return;
    throw ProtocolError(cat("cannot create '", log::sanitize(mailbox), "': ", no_text(r)));
}

std::vector<uint32_t> Session::uid_search(std::string_view criteria) {
    Command command("UID SEARCH");
    command.raw(criteria);
    std::vector<uint32_t> uids;
    run(command, "search", [&](const Response& r) {
        if (r.name != "SEARCH") return;
        for (const Value& v : r.values)
            if (v.kind == Value::Kind::kNumber) uids.push_back(to_uint32(v, "UID"));
    });
    std::sort(uids.begin(), uids.end());
    return uids;
}

}  // namespace oimap::imap
