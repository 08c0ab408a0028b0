// SPDX-License-Identifier: GPL-2.0-or-later
// Connection set-up and the request/response machinery of a session.
//
// Implementation notes: every response is read by one function, next_response(), which
// writes the "S:" trace, keeps capabilities and ENABLED up to date and remembers BYE.
// Pipelined commands complete in order on the servers we know; a completion that arrives
// for a later tag is kept until its wait().  Responses read while sending a synchronising
// literal are queued and handed out by the next wait().
#include "imap/session.hpp"

#include <poll.h>

#include <deque>
#include <mutex>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

constexpr auto kLogCategory = log::Category::kImap;

const char* status_text(Status s) {
    switch (s) {
        case Status::kOk: return "OK";
        case Status::kNo: return "NO";
        case Status::kBad: return "BAD";
        case Status::kBye: return "BYE";
        case Status::kPreauth: return "PREAUTH";
        case Status::kNone: break;
    }
    return "";
}

bool readable_now(int fd) {
    pollfd p{fd, POLLIN, 0};
    return fd >= 0 && ::poll(&p, 1, 0) > 0;
}

std::string trim_crlf(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

}  // namespace

struct Session::Impl {
    ConnectOptions options;
    std::unique_ptr<Stream> stream;
    std::unique_ptr<Parser> parser;
    std::deque<std::string> in_flight;
    std::map<std::string, Response> completions;
    std::deque<Response> queued;
    std::string bye;
    std::string peer;
    Traffic traffic;

    void attach(std::unique_ptr<Stream> s) {
        stream = std::make_unique<MeteredStream>(std::move(s), traffic);
        parser = std::make_unique<Parser>(*stream, options.limits);
        parser->set_trace(log::enabled(kLogCategory), log::enabled(log::Category::kImapAll));
    }
};

Session::Session() : impl_(std::make_unique<Impl>()) {}
Session::~Session() = default;

const std::string& Session::peer() const { return impl_->peer; }

const Traffic& Session::traffic() const { return impl_->traffic; }

void Session::impl_parser_consumer(LiteralConsumer* consumer) {
    if (impl_->parser) impl_->parser->set_literal_consumer(consumer);
}

std::string_view Session::impl_response_so_far() const {
    return impl_->parser ? std::string_view(impl_->parser->trace()) : std::string_view();
}

bool Session::has_capability(std::string_view name) const {
    return capabilities_.count(to_upper(name)) != 0;
}

bool Session::is_enabled(std::string_view extension) const {
    return enabled_.count(to_upper(extension)) != 0;
}

LiteralMode Session::literal_mode() const {
    if (has_capability("LITERAL+")) return LiteralMode::kPlus;
    if (has_capability("LITERAL-")) return LiteralMode::kMinus;
    return LiteralMode::kSync;
}

// Reads one response, from the queue first; traces it and tracks capabilities and BYE.
Response Session::next_response(bool use_queue) {
    Impl& impl = *impl_;
    std::set<std::string>& caps = capabilities_;
    std::set<std::string>& enabled = enabled_;
    if (use_queue && !impl.queued.empty()) {
        Response r = std::move(impl.queued.front());
        impl.queued.pop_front();
        return r;
    }
    Response r;
    try {
        r = impl.parser->next();
    } catch (const NetworkError& e) {
        if (impl.bye.empty()) throw;
        throw NetworkError(cat(e.what(), " (BYE ", impl.bye, ")"));
    }
    if (log::enabled(kLogCategory)) log::debug(kLogCategory, "S: " + trim_crlf(impl.parser->trace()));
    if (r.kind == Response::Kind::kUntagged && r.name == "CAPABILITY") {
        caps.clear();
        for (const Value& v : r.values) caps.insert(to_upper(to_astring(v, "capability")));
    } else if (r.code && r.code->name == "CAPABILITY") {
        caps.clear();
        for (std::string_view cap : split(r.code->raw, ' '))
            if (!cap.empty()) caps.insert(to_upper(cap));
    }
    if (r.kind == Response::Kind::kUntagged && r.name == "ENABLED")
        for (const Value& v : r.values) enabled.insert(to_upper(to_astring(v, "extension")));
    if (r.status == Status::kBye) impl.bye = r.text;
    return r;
}

std::string Session::send(const Command& command) {
    if (!impl_->stream) throw NetworkError("cannot send a command: not connected");
    std::string tag = make_tag(next_tag_++);
    log::debug(kLogCategory, "C: " + command.trace(tag, utf8()));
    impl_->in_flight.push_back(tag);
    for (const WirePart& part : command.serialise(tag, literal_mode(), utf8())) {
        if (part.stream) send_stream(*part.stream, part.stream_size);
        impl_->stream->write(part.bytes);
        if (!part.wait_continuation) continue;
        for (;;) {
            // Straight from the server: the queue holds what this loop put aside.
            Response r = next_response(false);
            if (r.kind == Response::Kind::kContinuation) break;
            if (r.kind == Response::Kind::kTagged && r.tag == tag) {
                impl_->completions[tag] = std::move(r);  // the literal was refused
                return tag;
            }
            impl_->queued.push_back(std::move(r));
        }
    }
    return tag;
}

// Copies a streamed literal to the server.  A source that ends early leaves the command
// half sent, so the connection cannot be used any more: it is closed.
void Session::send_stream(const LiteralReader& read, uint64_t size) {
    std::string buffer(size_t{64} << 10, '\0');
    for (uint64_t left = size; left > 0;) {
        size_t n = read(buffer.data(), static_cast<size_t>(std::min<uint64_t>(left, buffer.size())));
        if (n == 0) {
            impl_->parser.reset();
            impl_->stream.reset();
            throw IoError(cat("cannot send a literal to '", peer(), "': its source ended after ", size - left,
                              " of ", size, " bytes"));
        }
        impl_->stream->write(std::string_view(buffer.data(), std::min<uint64_t>(n, left)));
        left -= std::min<uint64_t>(n, left);
    }
}

Response Session::wait(const std::string& tag, const UntaggedHandler& handler) {
    auto& in_flight = impl_->in_flight;
    for (;;) {
        if (auto done = impl_->completions.find(tag); done != impl_->completions.end()) {
            Response r = std::move(done->second);
            impl_->completions.erase(done);
            std::erase(in_flight, tag);
            return r;
        }
        Response r = next_response();
        if (r.kind == Response::Kind::kTagged) {
            if (std::find(in_flight.begin(), in_flight.end(), r.tag) == in_flight.end())
                throw ProtocolError(cat("cannot match server response: unknown tag '", log::sanitize(r.tag), "'"));
            impl_->completions[r.tag] = std::move(r);
        } else if (r.kind == Response::Kind::kContinuation) {
            throw ProtocolError(cat("cannot match server response: unexpected continuation '", log::sanitize(r.text), "'"));
        } else if (handler) {
            handler(r);
        }
    }
}

Response Session::run(const Command& command, std::string_view what, const UntaggedHandler& handler) {
    Response r = wait(send(command), handler);
    if (r.status != Status::kOk)
        throw ProtocolError(cat("cannot ", what, ": ", status_text(r.status), " ", r.text));
    return r;
}

Response Session::authenticate(const Command& command,
                               const std::function<std::string(std::string_view)>& respond) {
    std::string tag = send(command);
    for (;;) {
        if (impl_->completions.count(tag)) return wait(tag, {});
        Response r = next_response();
        if (r.kind == Response::Kind::kContinuation) {
            log::debug(kLogCategory, "C: <credentials redacted>");
            impl_->stream->write(respond(r.text) + "\r\n");
        } else if (r.kind == Response::Kind::kTagged && r.tag == tag) {
            std::erase(impl_->in_flight, tag);
            return r;
        } else if (r.kind == Response::Kind::kTagged) {
            throw ProtocolError(cat("cannot match server response: unknown tag '", log::sanitize(r.tag), "'"));
        }
    }
}

IdleEnd Session::idle(int wake_fd, std::chrono::milliseconds limit, const IdleHandler& handler) {
    if (!impl_->stream) throw NetworkError("cannot idle: not connected");
    if (readable_now(wake_fd)) return IdleEnd::kWoken;
    auto deadline = std::chrono::steady_clock::now() + limit;
    std::string tag = send(Command("IDLE"));
    IdleEnd end = start_idle(tag, handler) ? IdleEnd::kStopped : idle_until(wake_fd, deadline, handler);
    // RFC 2177 §3: DONE ends the IDLE; the server then completes the command.
    log::debug(kLogCategory, "C: DONE");
    impl_->stream->write("DONE\r\n");
    Response r = wait(tag, [&](const Response& u) { handler(u); });
    if (r.status != Status::kOk) throw ProtocolError(cat("cannot idle: ", status_text(r.status), " ", r.text));
    return end;
}

// Reads up to the continuation that starts the IDLE; true when handler asked to stop
// meanwhile.  A completion instead is a refusal (RFC 2177 §3: NO or BAD).
bool Session::start_idle(const std::string& tag, const IdleHandler& handler) {
    bool stop = false;
    for (;;) {
        Response r = next_response();
        if (r.kind == Response::Kind::kContinuation) return stop;
        if (r.kind == Response::Kind::kTagged) {
            std::erase(impl_->in_flight, tag);
            if (r.tag != tag)
                throw ProtocolError(cat("cannot match server response: unknown tag '", log::sanitize(r.tag), "'"));
            throw ProtocolError(cat("cannot idle: ", status_text(r.status), " ", r.text));
        }
        stop = handler(r) || stop;
    }
}

// Hands out what arrives during the IDLE, reading the socket only when the parser holds no
// byte of a later response (the stream's own buffers are wait_for_input's).
IdleEnd Session::idle_until(int wake_fd, std::chrono::steady_clock::time_point deadline,
                            const IdleHandler& handler) {
    for (;;) {
        if (impl_->parser->buffered() == 0) {
            auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            Input in = wait_for_input(*impl_->stream, wake_fd, left);
            if (in == Input::kWoken) return IdleEnd::kWoken;
            if (in == Input::kTimeout) return IdleEnd::kTimeout;
        }
        Response r = next_response();
        if (r.kind != Response::Kind::kUntagged)
            throw ProtocolError(cat("cannot idle: the server ended the IDLE with '", log::sanitize(dump(r)), "'"));
        if (handler(r)) return IdleEnd::kStopped;
    }
}

void Session::refresh_capabilities() { run(Command("CAPABILITY"), "list capabilities"); }

std::set<std::string> Session::enable(const std::vector<std::string>& extensions) {
    Command command("ENABLE");
    bool any = false;
    for (const auto& e : extensions) {
        if (!has_capability(e) || is_enabled(e)) continue;  // held_enabled: already on
        command.raw(e);
        any = true;
    }
    if (any && has_capability("ENABLE")) run(command, "enable extensions");
    return enabled_;
}

// Opens the transport; TLS right away for kImplicit.
static std::unique_ptr<Stream> open_transport(const ConnectOptions& o, TlsOptions& tls) {
    if (!o.tunnel.empty()) return spawn_tunnel(o.tunnel, o.timeout_seconds);
    uint16_t port = o.port != 0 ? o.port : o.tls == TlsMode::kImplicit ? 993 : 143;
    auto socket = connect_tcp(o.host, port, o.family, o.timeout_seconds);
    if (o.tls != TlsMode::kImplicit) return socket;
    try {
        return start_tls(std::move(socket), tls);
    } catch (const NetworkError& e) {
        std::string why = e.what();
        if (why.find("wrong version number") != std::string::npos || why.find("packet length too long") != std::string::npos)
            why += " (the server does not speak TLS on this port: is it a STARTTLS or plain port?)";
        throw NetworkError(why);
    }
}

// RFC 9051 §7.1: the greeting is OK, PREAUTH or BYE.
void Session::read_greeting() {
    Response greeting;
    try {
        greeting = next_response();
    } catch (const ProtocolError& e) {
        throw ProtocolError(cat(e.what(), " (is '", peer(), "' an IMAP server? for an implicit-TLS port use TLS)"));
    }
    if (greeting.status == Status::kBye)
        throw NetworkError(cat("cannot log in to '", peer(), "': server said BYE ", greeting.text));
    if (greeting.kind != Response::Kind::kUntagged ||
        (greeting.status != Status::kOk && greeting.status != Status::kPreauth))
        throw ProtocolError(cat("cannot read greeting of '", peer(), "': '", log::sanitize(dump(greeting)), "'"));
    authenticated_ = greeting.status == Status::kPreauth;
    std::string code;
    if (greeting.code)
        code = cat("[", greeting.code->name, greeting.code->raw.empty() ? "" : " ", greeting.code->raw, "] ");
    greeting_ = cat("* ", greeting.name, " ", code, greeting.text);
    if (capabilities_.empty()) refresh_capabilities();
}

// RFC 9051 §6.2.1.  STARTTLS that was asked for and cannot happen (not offered, or a
// PREAUTH greeting, after which it is not allowed) stops before any credentials are sent.
void Session::negotiate_starttls(const ConnectOptions& o, const TlsOptions& tls) {
    if (!o.tunnel.empty() || o.tls == TlsMode::kNone || o.tls == TlsMode::kImplicit) return;
    bool offered = has_capability("STARTTLS");
    if (o.tls == TlsMode::kStartTlsIfOffered && (!offered || authenticated_)) return;
    std::string refuse = cat("cannot start TLS with '", peer(), "': ");
    if (!offered)
        throw NetworkError(refuse + "the server does not offer STARTTLS; refusing to go on in the clear (use implicit TLS, or no TLS if you accept that)");
    if (authenticated_)
        throw NetworkError(refuse + "the server greeted with PREAUTH, after which STARTTLS is not allowed; refusing to go on in the clear");
    run(Command("STARTTLS"), "start TLS");
    // Anything the server sent after its OK was sent in the clear: an injection attempt.
    if (impl_->parser->buffered() != 0) throw ProtocolError(refuse + "the server sent data after its STARTTLS response");
    auto* metered = dynamic_cast<MeteredStream*>(impl_->stream.get());
    if (!metered || !dynamic_cast<SocketStream*>(&metered->inner())) throw NetworkError(refuse + "not a TCP connection");
    std::unique_ptr<SocketStream> socket(static_cast<SocketStream*>(metered->release_inner().release()));
    impl_->attach(start_tls(std::move(socket), tls));
    capabilities_.clear();
    refresh_capabilities();
}

void Session::connect(const ConnectOptions& options) {
    // A session may be connected again after its connection failed: nothing of the old
    // connection carries over but the traffic counts.
    impl_->stream.reset();
    impl_->parser.reset();
    impl_->in_flight.clear();
    impl_->completions.clear();
    impl_->queued.clear();
    impl_->bye.clear();
    capabilities_.clear();
    enabled_.clear();
    greeting_.clear();
    authenticated_ = false;
    impl_->options = options;
    if (options.held_fd >= 0) return attach_held(options);
    TlsOptions tls = options.tls_options;
    if (tls.server_name.empty()) tls.server_name = options.host;
    impl_->attach(open_transport(options, tls));
    impl_->peer = impl_->stream->peer();
    read_greeting();
    negotiate_starttls(options, tls);
}

// A held connection (ConnectOptions::held_fd): the driver's greeting says PREAUTH and
// carries the server's capabilities; the extensions it ENABLEd come as held_enabled.
void Session::attach_held(const ConnectOptions& options) {
    // Taken over once: a reconnect must not write to whatever reuses the number since.
    static std::mutex mutex;
    static std::set<int> taken;
    {
        std::lock_guard lock(mutex);
        if (!taken.insert(options.held_fd).second)
            throw NetworkError("cannot connect again: the held connection was closed");
    }
    fs::UniqueFd fd(options.held_fd);
    impl_->attach(std::make_unique<SocketStream>(std::move(fd), "held connection", options.timeout_seconds));
    impl_->peer = impl_->stream->peer();
    read_greeting();
    if (!authenticated_) throw ProtocolError("cannot use the held connection: its greeting is not PREAUTH");
    for (const std::string& e : options.held_enabled) enabled_.insert(to_upper(e));
}

Stream* Session::impl_stream() { return impl_->stream.get(); }

void Session::close() noexcept {
    impl_->parser.reset();
    impl_->stream.reset();
}

void Session::logout() noexcept {
    try {
        if (impl_->stream && impl_->options.held_fd < 0) wait(send(Command("LOGOUT")), {});
    } catch (const std::exception&) {
        // Already closed or broken: nothing left to say to the server.
    }
    impl_->parser.reset();
    impl_->stream.reset();
}

}  // namespace oimap::imap
