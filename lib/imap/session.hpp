// SPDX-License-Identifier: GPL-2.0-or-later
// One IMAP connection: transport and TLS set-up, capabilities, authentication, and the
// commands the sync tools need.  Commands may be pipelined with send() and wait().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "imap/command.hpp"
#include "imap/message.hpp"
#include "imap/parser.hpp"
#include "imap/tls.hpp"
#include "imap/transport.hpp"

namespace oimap::imap {

enum class TlsMode { kNone, kStartTls, kStartTlsIfOffered, kImplicit };

/// Where and how to connect (offlineimap: remotehost, remoteport, ssl, starttls, ipv6,
/// socktimeout, preauthtunnel, transporttunnel, and the TLS options).
struct ConnectOptions {
    std::string host;
    uint16_t port = 0;  ///< 0: 993 with kImplicit, 143 otherwise
    TlsMode tls = TlsMode::kImplicit;
    TlsOptions tls_options;  ///< an empty server_name means host
    std::string tunnel;      ///< a shell command; used instead of host, port and TLS
    bool preauth_tunnel = false;
    AddressFamily family = AddressFamily::kAny;
    int timeout_seconds = 0;  ///< 0: no time-out
    ParserLimits limits;
    /// >= 0: a connection already open and authenticated, lent by offlineimap's driver
    /// (holdconnectionopen) through this inherited descriptor: the session takes it over,
    /// reads its PREAUTH greeting and does no TLS; logout() then closes it without LOGOUT,
    /// the connection being the driver's.  host, port, TLS and tunnel are not used.
    int held_fd = -1;
    /// The extensions already ENABLEd on the held connection (RFC 5161 lets a server leave
    /// them out of a later ENABLED response): is_enabled() knows them, enable() skips them.
    std::vector<std::string> held_enabled;
};

/// Who to log in as.  Passwords and tokens never appear in any output.
struct Credentials {
    std::string user;
    std::string password;
    std::string authzid;       ///< SASL PLAIN authorization identity (remote_identity)
    std::string oauth2_token;  ///< XOAUTH2 access token
    std::vector<std::string> mechanisms{"GSSAPI", "XOAUTH2", "CRAM-MD5", "PLAIN", "LOGIN"};
};

/// Splits auth_mechanisms on commas (spaces after them ignored); throws ConfigError
/// "unknown authentication mechanism 'X'" for names outside offlineimap's five.
std::vector<std::string> parse_auth_mechanisms(std::string_view list);

/// Untagged responses that belong to a command, in arrival order.
using UntaggedHandler = std::function<void(const Response&)>;

/// Untagged responses that arrive during IDLE; returning true ends the IDLE.
using IdleHandler = std::function<bool(const Response&)>;

/// Why Session::idle returned.
enum class IdleEnd { kWoken, kTimeout, kStopped };

class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Opens the transport, reads the greeting, and does STARTTLS when asked (refusing to
    /// go on in the clear when kStartTls was asked for and the server does not offer it).
    /// A session whose connection failed may be connected again; only traffic() carries over.
    /// Throws NetworkError, ProtocolError.
    void connect(const ConnectOptions& options);
    /// Authenticates in the order of credentials.mechanisms (spec §9.2), unless PREAUTH.
    /// Throws AuthError listing each mechanism's failure.
    void login(const Credentials& credentials);
    /// LOGOUT, then closes the connection (a held connection, ConnectOptions::held_fd: no
    /// LOGOUT); never throws.
    void logout() noexcept;
    /// Closes the connection without a word to the server (one in an unknown state); never
    /// throws.
    void close() noexcept;
    /// The connection's byte stream, below the parser, for relaying it (nothing may be in
    /// flight); nullptr when not connected.
    Stream* stream() { return impl_stream(); }

    bool authenticated() const { return authenticated_; }
    bool has_capability(std::string_view name) const;  ///< case-insensitive
    const std::set<std::string>& capabilities() const { return capabilities_; }
    /// The server's greeting line as read, without CRLF ("* OK [CAPABILITY ...] ready."),
    /// rebuilt from its parts (RFC 9051 §7.1); empty before connect.
    const std::string& greeting() const { return greeting_; }
    /// Sends CAPABILITY and replaces the capability list.
    void refresh_capabilities();
    /// ENABLE (RFC 5161) those of extensions the server offers; returns what it enabled.
    std::set<std::string> enable(const std::vector<std::string>& extensions);
    bool is_enabled(std::string_view extension) const;
    const std::string& peer() const;
    /// Bytes and round trips so far, over every transport this session used.
    const Traffic& traffic() const;

    /// LIST (or LSUB) reference pattern.  Throws ProtocolError or NetworkError; a NO is a
    /// ProtocolError naming the server's text.
    std::vector<MailboxInfo> list(std::string_view reference, std::string_view pattern,
                                  bool subscribed_only);
    /// SELECT, or EXAMINE when read_only.  Returns std::nullopt and sets *why on NO.
    std::optional<MailboxStatus> select(std::string_view mailbox, bool read_only, std::string* why);
    /// UID FETCH uid_set (UID FLAGS RFC822.SIZE INTERNALDATE [MODSEQ]), with CHANGEDSINCE
    /// (and VANISHED under QRESYNC) when changed_since > 0.  Vanished UIDs go to *vanished.
    void uid_fetch_summaries(std::string_view uid_set, uint64_t changed_since,
                             const std::function<void(const MessageSummary&)>& sink,
                             std::string* vanished);
    /// The command uid_fetch_summaries sends, for pipelining.
    Command summary_command(std::string_view uid_set, uint64_t changed_since) const;
    /// EXAMINE/SELECT command for pipelining; mailbox sent as an astring.
    Command select_command(std::string_view mailbox, bool read_only) const;

    /// UID FETCH uid (BODY.PEEK[]): the body goes to sink in chunks (streamed when above
    /// the parser's threshold, else in one chunk).  Returns false when no such UID.
    bool uid_fetch_body(uint32_t uid, LiteralConsumer& sink);
    /// The same for each of uids, one command per UID, many in flight: the body of uid goes
    /// to open(uid) (which may return nullptr to drop it), then done(uid) is called once the
    /// response was checked to carry that UID; bodies may come in any order.  UIDs the
    /// server does not have get no done().  Throws ProtocolError on a NO or a body sent
    /// under an unexpected UID.
    void uid_fetch_bodies(const std::vector<uint32_t>& uids,
                          const std::function<LiteralConsumer*(uint32_t)>& open,
                          const std::function<void(uint32_t)>& done);
    /// APPEND (RFC 9051 §6.3.12) with flags ("\Seen \Flagged") and an internal date
    /// (Unix seconds; 0: none).  Returns the new UID from APPENDUID (RFC 4315) when the
    /// server has UIDPLUS, else 0.  Throws ProtocolError naming the mailbox on NO.
    uint32_t append(std::string_view mailbox, std::string_view flags, int64_t internal_date,
                    std::string_view message);
    /// The same, with the message read through read in pieces (size bytes in all), so that
    /// memory stays bounded.  A source that ends early is an IoError and closes the session.
    uint32_t append(std::string_view mailbox, std::string_view flags, int64_t internal_date,
                    uint64_t size, const LiteralReader& read);
    /// The streamed APPEND above split for pipelining: send_append writes the command (with
    /// LITERAL+ at once; else after the server's "+") and returns its tag; append_result
    /// waits for that tag and returns what append() returns, throwing as it does.
    std::string send_append(std::string_view mailbox, std::string_view flags, int64_t internal_date,
                            uint64_t size, const LiteralReader& read);
    uint32_t append_result(const std::string& tag, std::string_view mailbox);
    /// UID STORE uid_set <mode>FLAGS.SILENT (flags), mode "", "+" or "-".
    void uid_store(std::string_view uid_set, std::string_view mode, std::string_view flags);
    /// UID EXPUNGE uid_set (RFC 4315); falls back to EXPUNGE without UIDPLUS.
    void uid_expunge(std::string_view uid_set);
    /// CREATE mailbox; an existing mailbox ([ALREADYEXISTS]) is not an error.
    void create(std::string_view mailbox);
    /// UID SEARCH criteria (sent verbatim); the matching UIDs in ascending order.
    std::vector<uint32_t> uid_search(std::string_view criteria);

    /// Pipelining: writes command and returns its tag.  Several commands may be in flight.
    /// For a synchronising literal it waits for "+"; responses of earlier commands that
    /// arrive meanwhile are kept for wait(), and a refusal (a completion instead of "+")
    /// is returned by wait() with the rest of the command unsent.
    std::string send(const Command& command);
    /// Reads until the tagged completion of tag, giving untagged responses to handler
    /// (they belong to the oldest command in flight).  Returns the completion, whatever
    /// its status.  Throws ProtocolError, NetworkError.
    Response wait(const std::string& tag, const UntaggedHandler& handler);
    /// send + wait; throws ProtocolError "cannot <what>: <status> <text>" unless OK.
    Response run(const Command& command, std::string_view what, const UntaggedHandler& handler = {});
    /// SASL exchange (RFC 9051 §6.2.2): answers each "+" with respond(challenge), already
    /// base64-encoded; the trace shows "<credentials redacted>".  Nothing else in flight.
    Response authenticate(const Command& command, const std::function<std::string(std::string_view)>& respond);

    /// IDLE (RFC 2177): sends IDLE, waits for the continuation, and gives every untagged
    /// response to handler until wake_fd (the caller's eventfd or pipe, never read here; -1:
    /// none) becomes readable, limit passes (the caller re-issues IDLE: RFC 2177 §3 asks for
    /// at least every 29 minutes), or handler returns true; then sends DONE and waits for
    /// the tagged completion.  A wake_fd readable at the start sends nothing.  The caller
    /// checks the IDLE capability; nothing else may be in flight.  Throws ProtocolError
    /// "cannot idle: ..." when the server refuses or ends it, NetworkError.
    IdleEnd idle(int wake_fd, std::chrono::milliseconds limit, const IdleHandler& handler);

    LiteralMode literal_mode() const;
    bool utf8() const { return is_enabled("UTF8=ACCEPT"); }

private:
    struct Impl;
    Response next_response(bool use_queue = true);
    void read_greeting();
    void negotiate_starttls(const ConnectOptions& options, const TlsOptions& tls);
    void send_stream(const LiteralReader& read, uint64_t size);
    bool start_idle(const std::string& tag, const IdleHandler& handler);
    IdleEnd idle_until(int wake_fd, std::chrono::steady_clock::time_point deadline,
                       const IdleHandler& handler);
    void impl_parser_consumer(LiteralConsumer* consumer);
    std::string_view impl_response_so_far() const;
    Stream* impl_stream();
    void attach_held(const ConnectOptions& options);
    std::unique_ptr<Impl> impl_;
    std::set<std::string> capabilities_;
    std::set<std::string> enabled_;
    std::string greeting_;
    bool authenticated_ = false;
    unsigned next_tag_ = 1;
};

}  // namespace oimap::imap
