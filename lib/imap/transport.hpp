// SPDX-License-Identifier: GPL-2.0-or-later
// Byte streams to an IMAP server: TCP (IPv4/IPv6 through getaddrinfo) and tunnel commands
// run with "sh -c" whose stdin/stdout carry the session (offlineimap's preauthtunnel and
// transporttunnel).  TLS lives in tls.hpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/fs.hpp"
#include "imap/parser.hpp"

namespace oimap::imap {

/// A two-way stream to the server.  Reads come through ByteSource::read_some.
class Stream : public ByteSource {
public:
    /// Sends all of bytes; throws NetworkError (with the peer's name) on failure or time-out.
    virtual void write(std::string_view bytes) = 0;
    /// "host:port" or "tunnel 'cmd'", for messages.
    virtual const std::string& peer() const = 0;
    /// The descriptor whose readability announces input, for poll(2) while waiting (IDLE);
    /// -1 when there is none.
    virtual int poll_fd() const { return -1; }
    /// True when input is held inside the stream (TLS: decrypted bytes, SSL_pending), so
    /// that read_some returns at once although poll_fd is not readable.
    virtual bool has_buffered() const { return false; }
    /// Called when poll_fd became readable: true when read_some now returns without waiting.
    /// A TLS stream takes in what arrived without blocking and says false when it carried no
    /// application data (a TLS 1.3 session ticket, part of a record), so the caller polls
    /// again.  End of stream and errors say true: read_some reports them.
    virtual bool input_arrived() { return true; }
};

/// How wait_for_input ended.
enum class Input { kReady, kWoken, kTimeout };

/// Waits, without busy-looping, until stream has input (buffered or arriving: kReady),
/// wake_fd becomes readable (kWoken; it is not read, and -1 means none), or timeout passes
/// (kTimeout; zero or less polls once).  Throws NetworkError when the stream has no
/// poll_fd or poll(2) fails.
Input wait_for_input(Stream& stream, int wake_fd, std::chrono::milliseconds timeout);

/// What a session has exchanged with its server, for profiles (offlineimap -P).
struct Traffic {
    uint64_t bytes_sent = 0;
    uint64_t bytes_received = 0;
    /// Turns of the conversation: reads that followed a write, i.e. the times the client
    /// sent something and then waited for the server.  Pipelined commands share one.
    uint64_t round_trips = 0;
};

/// Passes everything through to inner and counts it into traffic (which must outlive it).
class MeteredStream : public Stream {
public:
    MeteredStream(std::unique_ptr<Stream> inner, Traffic& traffic)
        : inner_(std::move(inner)), traffic_(traffic) {}
    size_t read_some(char* buffer, size_t size) override;
    void write(std::string_view bytes) override;
    const std::string& peer() const override { return inner_->peer(); }
    int poll_fd() const override { return inner_->poll_fd(); }
    bool has_buffered() const override { return inner_->has_buffered(); }
    bool input_arrived() override { return inner_->input_arrived(); }
    Stream& inner() { return *inner_; }
    /// Hands the inner stream over (STARTTLS wraps it in TLS); this one is then unusable.
    std::unique_ptr<Stream> release_inner() { return std::move(inner_); }

private:
    std::unique_ptr<Stream> inner_;
    Traffic& traffic_;
    bool wrote_since_read_ = false;
};

enum class AddressFamily { kAny, kIpv4, kIpv6 };

/// A connected TCP socket.  timeout_seconds > 0 bounds every read and write.
class SocketStream : public Stream {
public:
    SocketStream(fs::UniqueFd fd, std::string peer, int timeout_seconds);
    size_t read_some(char* buffer, size_t size) override;
    void write(std::string_view bytes) override;
    const std::string& peer() const override { return peer_; }
    int poll_fd() const override { return fd_.get(); }
    int fd() const { return fd_.get(); }
    int timeout() const { return timeout_; }

private:
    fs::UniqueFd fd_;
    std::string peer_;
    int timeout_;
};

/// Connects to host:port, trying each address getaddrinfo gives for family in turn.
/// Throws NetworkError "cannot resolve 'host': ..." or "cannot connect to 'host:port': ...".
std::unique_ptr<SocketStream> connect_tcp(const std::string& host, uint16_t port,
                                          AddressFamily family, int timeout_seconds);

/// Runs command with "sh -c" (fork and exec, no shell of ours in between); the child's
/// stdin and stdout are the stream, its stderr is ours.  The destructor closes the pipes,
/// waits briefly for the child, then sends it SIGTERM.  Throws IoError when it cannot start.
std::unique_ptr<Stream> spawn_tunnel(const std::string& command, int timeout_seconds);

}  // namespace oimap::imap
