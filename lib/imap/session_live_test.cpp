// SPDX-License-Identifier: GPL-2.0-or-later
// Session commands against a real Dovecot, reached through a preauth tunnel named by
// OIMAP_TEST_IMAP_TUNNEL (tests/cli/10-imap-fetch.bats sets it); skipped without it.
#include <gtest/gtest.h>

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include "core/error.hpp"
#include "imap/session.hpp"

namespace oimap::imap {
namespace {

class Live : public testing::Test {
protected:
    void SetUp() override {
        const char* tunnel = std::getenv("OIMAP_TEST_IMAP_TUNNEL");
        if (tunnel == nullptr) GTEST_SKIP() << "OIMAP_TEST_IMAP_TUNNEL is not set";
        connect(session, tunnel);
    }
    static void connect(Session& s, const std::string& tunnel) {
        ConnectOptions o;
        o.tunnel = tunnel;
        o.preauth_tunnel = true;
        o.timeout_seconds = 30;
        o.limits.stream_threshold = 16;  // so that message bodies are streamed
        s.connect(o);
        ASSERT_TRUE(s.authenticated());
    }
    Session session;
};

class Collect : public LiteralConsumer {
public:
    void begin(uint64_t size) override { data = "begin " + std::to_string(size) + ":"; }
    void chunk(std::string_view bytes) override { data += bytes; }
    void end() override { data += ":end"; }
    std::string data;
};

const std::string kMessage = "From: a@example.org\r\nSubject: live\r\n\r\nbody line\r\n";

TEST_F(Live, CreateAppendSelectFetchStoreSearchExpunge) {
    session.create("Live/Box");
    session.create("Live/Box");  // ALREADYEXISTS is fine
    uint32_t uid = session.append("Live/Box", "\\Flagged", 1700000000, kMessage);
    ASSERT_EQ(uid, 1u);
    EXPECT_EQ(session.append("Live/Box", "", 0, kMessage), 2u);
    std::string why;
    auto status = session.select("Live/Box", false, &why);
    ASSERT_TRUE(status) << why;
    EXPECT_EQ(status->exists, 2u);
    EXPECT_EQ(status->uid_next, 3u);
    EXPECT_NE(status->uid_validity, 0u);

    std::vector<MessageSummary> seen;
    session.uid_fetch_summaries("1:*", 0, [&](const MessageSummary& m) { seen.push_back(m); }, nullptr);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].flags, "\\Flagged \\Recent");
    EXPECT_EQ(seen[0].internal_date, 1700000000);
    EXPECT_EQ(seen[0].size, kMessage.size());

    Collect body;
    EXPECT_TRUE(session.uid_fetch_body(1, body));
    EXPECT_EQ(body.data, "begin " + std::to_string(kMessage.size()) + ":" + kMessage + ":end");
    Collect none;
    EXPECT_FALSE(session.uid_fetch_body(99, none));

    session.uid_store("2", "+", "\\Seen $Label1");
    EXPECT_EQ(session.uid_search("SEEN"), std::vector<uint32_t>{2});
    EXPECT_EQ(session.uid_search("KEYWORD $Label1"), std::vector<uint32_t>{2});
    session.uid_store("1", "+", "\\Deleted");
    session.uid_expunge("1");
    EXPECT_EQ(session.uid_search("ALL"), std::vector<uint32_t>{2});
}

TEST_F(Live, PipelinedCommandsCompleteInOrder) {
    std::vector<std::string> tags;
    for (int i = 0; i < 50; ++i) tags.push_back(session.send(Command("NOOP")));
    for (const auto& tag : tags) EXPECT_EQ(session.wait(tag, {}).status, Status::kOk);
}

TEST_F(Live, SelectOfAMissingMailboxIsAValueNotAnError) {
    std::string why;
    EXPECT_FALSE(session.select("Does/Not/Exist", true, &why));
    EXPECT_EQ(why.rfind("NO ", 0), 0u) << why;
}

TEST_F(Live, AppendToAMissingMailboxNamesIt) {
    try {
        session.append("Nope", "", 0, kMessage);
        FAIL() << "no exception";
    } catch (const ProtocolError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("cannot append to 'Nope': NO [TRYCREATE]", 0), 0u) << e.what();
    }
}

// Reads text in pieces of at most 7777 bytes, as a file would.
LiteralReader reader_of(const std::string& text, size_t& pos) {
    return [&text, &pos](char* buffer, size_t size) {
        size_t n = std::min({size, size_t{7777}, text.size() - pos});
        std::copy_n(text.data() + pos, n, buffer);
        pos += n;
        return n;
    };
}

std::string big_message() {
    std::string m = "From: a@example.org\r\nSubject: big\r\n\r\n";
    for (int i = 0; m.size() < 200000; ++i) m += "line " + std::to_string(i) + " of a large message\r\n";
    return m;
}

void expect_streamed_append(Session& s) {
    const std::string message = big_message();
    s.create("Big");
    size_t pos = 0;
    uint32_t uid = s.append("Big", "\\Seen", 0, message.size(), reader_of(message, pos));
    ASSERT_NE(uid, 0u);
    ASSERT_TRUE(s.select("Big", true, nullptr));
    Collect body;
    ASSERT_TRUE(s.uid_fetch_body(uid, body));
    EXPECT_TRUE(body.data == "begin " + std::to_string(message.size()) + ":" + message + ":end");
}

// Pipelined APPENDs, then pipelined fetches whose bodies Dovecot may send in any order:
// each must reach the consumer of its own UID.
void expect_pipelined_append_and_fetch(Session& s) {
    s.create("Many");
    std::vector<std::string> messages;
    std::vector<std::string> tags;
    std::vector<size_t> positions(12, 0);
    for (size_t i = 0; i < positions.size(); ++i)
        messages.push_back("Subject: " + std::to_string(i) + "\r\n\r\n" + std::string(100 + 5000 * i, 'a' + i % 26) + "\r\n");
    for (size_t i = 0; i < messages.size(); ++i)
        tags.push_back(s.send_append("Many", "", 0, messages[i].size(), reader_of(messages[i], positions[i])));
    std::vector<uint32_t> uids;
    for (const auto& tag : tags) uids.push_back(s.append_result(tag, "Many"));
    ASSERT_TRUE(s.select("Many", true, nullptr));
    std::map<uint32_t, Collect> bodies;
    std::vector<uint32_t> done;
    std::vector<uint32_t> asked = uids;
    asked.push_back(uids.back() + 100);  // not on the server: no done()
    s.uid_fetch_bodies(asked, [&](uint32_t uid) { return &bodies[uid]; },
                       [&](uint32_t uid) { done.push_back(uid); });
    std::sort(done.begin(), done.end());
    EXPECT_EQ(done, uids);
    for (size_t i = 0; i < uids.size(); ++i)
        EXPECT_TRUE(bodies[uids[i]].data ==
                    "begin " + std::to_string(messages[i].size()) + ":" + messages[i] + ":end") << i;
}

TEST_F(Live, StreamedAppendWithLiteralPlus) {
    ASSERT_EQ(session.literal_mode(), LiteralMode::kPlus);
    expect_streamed_append(session);
    expect_pipelined_append_and_fetch(session);
}

TEST_F(Live, StreamedAppendWithSynchronisingLiteral) {
    Session sync;
    connect(sync, std::string(std::getenv("OIMAP_TEST_IMAP_TUNNEL")) + " -o 'imap_capability=IMAP4rev1 UIDPLUS'");
    expect_streamed_append(sync);
}

TEST_F(Live, AStreamedSourceThatEndsEarlyIsAnIoErrorAndClosesTheSession) {
    const std::string message = big_message();
    size_t pos = 0;
    try {
        session.append("INBOX", "", 0, message.size() + 10, reader_of(message, pos));
        FAIL() << "no exception";
    } catch (const IoError& e) {
        std::string expected = "': its source ended after " + std::to_string(message.size()) + " of " +
                               std::to_string(message.size() + 10) + " bytes";
        EXPECT_TRUE(std::string(e.what()).ends_with(expected))
            << e.what();
    }
    EXPECT_THROW(session.send(Command("NOOP")), NetworkError);
}

// Dovecot told to advertise no LITERAL+ ("-o imap_capability=..."): literals wait for "+",
// and the completions of commands already in flight are kept for their wait().
TEST_F(Live, SynchronisingLiteralsWaitForTheContinuation) {
    Session sync;
    connect(sync, std::string(std::getenv("OIMAP_TEST_IMAP_TUNNEL")) + " -o 'imap_capability=IMAP4rev1 UIDPLUS'");
    ASSERT_EQ(sync.literal_mode(), LiteralMode::kSync);
    sync.create("Sync");
    ASSERT_TRUE(sync.select("Sync", false, nullptr));
    std::vector<std::string> noops;
    for (int i = 0; i < 3; ++i) noops.push_back(sync.send(Command("NOOP")));
    Command append("APPEND");
    append.astring("Sync").raw("()").literal(kMessage);
    std::string tag = sync.send(append);
    for (const auto& t : noops) EXPECT_EQ(sync.wait(t, {}).status, Status::kOk);
    Response done = sync.wait(tag, {});
    EXPECT_EQ(done.status, Status::kOk);
    ASSERT_TRUE(done.code);
    EXPECT_EQ(done.code->name, "APPENDUID");
    try {
        sync.create("Entw\xc3\xbcrfe");  // 8-bit without UTF8=ACCEPT: sent as a literal, refused
        FAIL() << "no exception";
    } catch (const ProtocolError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("cannot create 'Entw\xc3\xbcrfe': NO Mailbox name is not valid mUTF-7", 0), 0u)
            << e.what();
    }
}

using std::chrono::milliseconds;
using std::chrono::steady_clock;

void signal_after(int fd, milliseconds delay) {
    std::this_thread::sleep_for(delay);
    uint64_t one = 1;
    EXPECT_EQ(::write(fd, &one, sizeof one), 8);
}

// RFC 2177: IDLE, then DONE when the caller's descriptor is written to; the session goes on.
TEST_F(Live, IdleEndsWhenWoken) {
    ASSERT_TRUE(session.has_capability("IDLE"));
    ASSERT_TRUE(session.select("INBOX", true, nullptr));
    fs::UniqueFd wake(eventfd(0, EFD_CLOEXEC));
    std::thread waker(signal_after, wake.get(), milliseconds(200));
    auto start = steady_clock::now();
    EXPECT_EQ(session.idle(wake.get(), milliseconds(20000), [](const Response&) { return false; }), IdleEnd::kWoken);
    EXPECT_LT(steady_clock::now() - start, milliseconds(5000));
    waker.join();
    EXPECT_EQ(session.run(Command("NOOP"), "noop").status, Status::kOk);
    // Still readable: the next IDLE is not even sent.
    uint64_t sent = session.traffic().bytes_sent;
    EXPECT_EQ(session.idle(wake.get(), milliseconds(20000), [](const Response&) { return false; }), IdleEnd::kWoken);
    EXPECT_EQ(session.traffic().bytes_sent, sent);
}

TEST_F(Live, IdleEndsAtItsTimeLimitAndCanBeRenewed) {
    ASSERT_TRUE(session.select("INBOX", true, nullptr));
    for (int i = 0; i < 2; ++i) {
        auto start = steady_clock::now();
        EXPECT_EQ(session.idle(-1, milliseconds(300), [](const Response&) { return false; }), IdleEnd::kTimeout);
        EXPECT_GE(steady_clock::now() - start, milliseconds(300));
        EXPECT_LT(steady_clock::now() - start, milliseconds(5000));
    }
}

// A message stored by another session reaches the idling one as "* n EXISTS".
TEST_F(Live, IdleHandsOutWhatAnotherSessionDid) {
    session.create("Idle");
    ASSERT_TRUE(session.select("Idle", true, nullptr));
    Session other;
    connect(other, std::getenv("OIMAP_TEST_IMAP_TUNNEL"));
    std::thread writer([&] {
        std::this_thread::sleep_for(milliseconds(200));
        other.append("Idle", "", 0, kMessage);
    });
    std::vector<std::string> seen;
    auto start = steady_clock::now();
    IdleEnd end = session.idle(-1, milliseconds(20000), [&](const Response& r) {
        seen.push_back(dump(r));
        return r.name == "EXISTS";
    });
    writer.join();
    EXPECT_EQ(end, IdleEnd::kStopped);
    EXPECT_LT(steady_clock::now() - start, milliseconds(5000));
    // Dovecot follows with "* 1 RECENT", read before the completion of IDLE.
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.front(), "* 1 EXISTS");
}

}  // namespace
}  // namespace oimap::imap
