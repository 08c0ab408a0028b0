// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/transport.hpp"

#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include "core/error.hpp"

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

TEST(MeteredStream, ForwardsWhatWaitingNeeds) {
    Traffic traffic;
    MeteredStream s(std::make_unique<ScriptedStream>(std::vector<std::string>{}), traffic);
    EXPECT_EQ(s.poll_fd(), -1);
    EXPECT_FALSE(s.has_buffered());
    EXPECT_TRUE(s.input_arrived());
    EXPECT_THROW(wait_for_input(s, -1, std::chrono::milliseconds(0)), NetworkError);
}

/// A SocketStream over one end of a socketpair; the test plays the server on the other.
struct Pair {
    Pair() {
        int fds[2];
        EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
        client = std::make_unique<SocketStream>(fs::UniqueFd(fds[0]), "pair", 5);
        server = fs::UniqueFd(fds[1]);
    }
    std::unique_ptr<SocketStream> client;
    fs::UniqueFd server;
};

using std::chrono::milliseconds;
using std::chrono::steady_clock;

milliseconds cpu_time() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return milliseconds(t.tv_sec * 1000 + t.tv_nsec / 1000000);
}

TEST(WaitForInput, TimesOutWithoutSpinning) {
    Pair p;
    auto start = steady_clock::now();
    milliseconds cpu = cpu_time();
    EXPECT_EQ(wait_for_input(*p.client, -1, milliseconds(300)), Input::kTimeout);
    auto took = steady_clock::now() - start;
    EXPECT_GE(took, milliseconds(300));
    EXPECT_LT(took, milliseconds(2000));
    EXPECT_LT(cpu_time() - cpu, milliseconds(30));
    EXPECT_EQ(wait_for_input(*p.client, -1, milliseconds(0)), Input::kTimeout);
}

TEST(WaitForInput, ReturnsWhenDataArrives) {
    Pair p;
    std::thread server([&] {
        std::this_thread::sleep_for(milliseconds(50));
        EXPECT_EQ(::write(p.server.get(), "* 1 EXISTS\r\n", 12), 12);
    });
    auto start = steady_clock::now();
    EXPECT_EQ(wait_for_input(*p.client, -1, milliseconds(5000)), Input::kReady);
    EXPECT_LT(steady_clock::now() - start, milliseconds(2000));
    server.join();
    char buf[64];
    EXPECT_EQ(p.client->read_some(buf, sizeof buf), 12u);
}

TEST(WaitForInput, ReturnsWhenWokenAndLeavesTheWakeDescriptorReadable) {
    Pair p;
    fs::UniqueFd wake(eventfd(0, EFD_CLOEXEC));
    std::thread waker([&] {
        std::this_thread::sleep_for(milliseconds(50));
        uint64_t one = 1;
        EXPECT_EQ(::write(wake.get(), &one, sizeof one), 8);
    });
    EXPECT_EQ(wait_for_input(*p.client, wake.get(), milliseconds(5000)), Input::kWoken);
    waker.join();
    EXPECT_EQ(wait_for_input(*p.client, wake.get(), milliseconds(5000)), Input::kWoken);
}

TEST(WaitForInput, AClosedPeerIsInputForTheReadToReport) {
    Pair p;
    p.server = fs::UniqueFd();
    EXPECT_EQ(wait_for_input(*p.client, -1, milliseconds(5000)), Input::kReady);
    char buf[8];
    EXPECT_EQ(p.client->read_some(buf, sizeof buf), 0u);
}

}  // namespace
}  // namespace oimap::imap
