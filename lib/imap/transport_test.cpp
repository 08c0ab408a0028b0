// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/transport.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace oimap::imap {
namespace {

/// Answers every read with the next of its replies, and keeps what was written.
class ScriptedStream : public Stream {
public:
    explicit ScriptedStream(std::vector<std::string> replies) : replies_(std::move(replies)) {}
    size_t read_some(char* buffer, size_t size) override {
        if (next_ == replies_.size()) return 0;
        const std::string& r = replies_[next_++];
        size_t n = std::min(size, r.size());
        std::memcpy(buffer, r.data(), n);
        return n;
    }
    void write(std::string_view bytes) override { written += bytes; }
    const std::string& peer() const override { return peer_; }
    std::string written;

private:
    std::vector<std::string> replies_;
    size_t next_ = 0;
    std::string peer_ = "scripted";
};

TEST(MeteredStream, CountsBytesBothWaysAndOneRoundTripPerTurn) {
    Traffic traffic;
    MeteredStream s(std::make_unique<ScriptedStream>(std::vector<std::string>{"* OK hi\r\n", "a1 OK\r\n", "a2 OK\r\n", "a3 OK\r\n"}),
                    traffic);
    char buf[64];
    s.read_some(buf, sizeof buf);  // the greeting: nothing was sent, no round trip
    EXPECT_EQ(traffic.round_trips, 0u);
    s.write("a1 NOOP\r\n");
    s.write("a2 NOOP\r\n");  // pipelined: one turn for both
    s.read_some(buf, sizeof buf);
    s.read_some(buf, sizeof buf);
    EXPECT_EQ(traffic.round_trips, 1u);
    s.write("a3 NOOP\r\n");
    s.read_some(buf, sizeof buf);
    EXPECT_EQ(traffic.round_trips, 2u);
    EXPECT_EQ(traffic.bytes_sent, 27u);
    EXPECT_EQ(traffic.bytes_received, 9u + 7 + 7 + 7);
    EXPECT_EQ(s.peer(), "scripted");
}

}  // namespace
}  // namespace oimap::imap
