// SPDX-License-Identifier: GPL-2.0-or-later
// Session::idle against scripted servers (a shell script as a preauth tunnel), for the
// orders of bytes a real server sends too rarely to test: responses that arrive together
// with the continuation, and a refusal.  session_live_test.cpp runs IDLE against Dovecot.
#include <gtest/gtest.h>

#include <chrono>

#include "core/error.hpp"
#include "imap/session.hpp"

namespace oimap::imap {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// script runs after the greeting; "reply" reads one command line, then prints its argument.
void connect_scripted(Session& s, const std::string& script) {
    ConnectOptions o;
    o.tunnel = "reply() { read -r line; printf \"$1\"; }; printf '* PREAUTH [CAPABILITY IMAP4rev1 IDLE] hi\\r\\n'; " +
               script + "; read -r line";
    o.preauth_tunnel = true;
    o.timeout_seconds = 10;
    s.connect(o);
}

// "* 1 EXISTS" comes in the same write as the continuation, so it sits in the parser's
// buffer and the socket stays quiet: it must be handed out without waiting for the socket.
TEST(ScriptedIdle, ResponsesBufferedWithTheContinuationAreHandedOutAtOnce) {
    Session s;
    connect_scripted(s, "reply '+ idling\\r\\n* 1 EXISTS\\r\\n'; reply 'a1 OK done\\r\\n'");
    std::vector<std::string> seen;
    auto start = steady_clock::now();
    IdleEnd end = s.idle(-1, milliseconds(5000), [&](const Response& r) {
        seen.push_back(dump(r));
        return true;
    });
    EXPECT_EQ(end, IdleEnd::kStopped);
    EXPECT_LT(steady_clock::now() - start, milliseconds(2000));
    EXPECT_EQ(seen, std::vector<std::string>{"* 1 EXISTS"});
}

TEST(ScriptedIdle, AStopAskedBeforeTheContinuationStillEndsWithDone) {
    Session s;
    connect_scripted(s, "reply '* 2 EXPUNGE\\r\\n+ idling\\r\\n'; read -r done; "
                        "[ \"$done\" = \"$(printf 'DONE\\r')\" ] && printf '* 1 EXISTS\\r\\na1 OK done\\r\\n'");
    std::vector<std::string> seen;
    IdleEnd end = s.idle(-1, milliseconds(5000), [&](const Response& r) {
        seen.push_back(dump(r));
        return true;
    });
    EXPECT_EQ(end, IdleEnd::kStopped);
    // What comes between DONE and the completion goes to the handler too.
    EXPECT_EQ(seen, (std::vector<std::string>{"* 2 EXPUNGE", "* 1 EXISTS"}));
}

TEST(ScriptedIdle, ARefusalIsAProtocolError) {
    Session s;
    connect_scripted(s, "reply 'a1 NO not now\\r\\n'");
    try {
        s.idle(-1, milliseconds(5000), [](const Response&) { return false; });
        FAIL() << "no exception";
    } catch (const ProtocolError& e) {
        EXPECT_STREQ(e.what(), "cannot idle: NO not now");
    }
}

}  // namespace
}  // namespace oimap::imap
