// SPDX-License-Identifier: GPL-2.0-or-later
// Parser tests: server transcripts from tests/fixtures/imap/*.txt against their canonical
// dumps in *.expected (one response per line; a last line "error: ..." for a rejection).
#include "imap/parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace oimap::imap {
namespace {

std::string fixture_path(const std::string& name) {
    auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
    return (root / "tests/fixtures/imap" / name).string();
}

// Dumps every response of the transcript, read chunk bytes at a time.
std::string parse_all(const std::string& data, size_t chunk, ParserLimits limits = {}) {
    StringSource source(data, chunk);
    Parser parser(source, limits);
    std::string out;
    try {
        for (;;) out += dump(parser.next()) + "\n";
    } catch (const ProtocolError& e) {
        out += std::string("error: ") + e.what() + "\n";
    } catch (const NetworkError& e) {
        // The end of the transcript between two responses is no error; inside one it is a
        // NetworkError too (the connection broke), so that sync-apply may reconnect.
        if (std::string_view(e.what()) != "cannot read server response: connection closed by the server")
            out += std::string("error: ") + e.what() + "\n";
    }
    return out;
}

class Transcript : public testing::TestWithParam<const char*> {};

TEST_P(Transcript, MatchesExpectedDumpWhateverTheReadSize) {
    std::string name = GetParam();
    std::string data = fs::read_file(fixture_path(name + ".txt"));
    std::string expected = fs::read_file(fixture_path(name + ".expected"));
    ParserLimits limits;
    limits.max_line = 1024;
    EXPECT_EQ(parse_all(data, 4096, limits), expected);
    EXPECT_EQ(parse_all(data, 1, limits), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, Transcript,
    testing::Values("dovecot-greeting", "list", "select", "fetch", "quirks", "truncated-literal",
                    "truncated-line", "huge-literal-count", "large-literal-no-consumer",
                    "unbalanced-open", "unbalanced-close", "nul-in-text", "nul-in-quoted",
                    "nul-in-atom", "overlong-line", "deep-nesting", "bad-message-number",
                    "bad-literal-size", "linebreak-in-quoted", "bad-escape", "tagged-bye",
                    "bare-cr", "empty-line", "binary-garbage"));

class Collect : public LiteralConsumer {
public:
    void begin(uint64_t size) override { events += "begin " + std::to_string(size) + ";"; }
    void chunk(std::string_view bytes) override { data += bytes; ++chunks; }
    void end() override { events += "end;"; }
    std::string events, data;
    int chunks = 0;
};

TEST(Parser, StreamsLiteralsAboveTheThresholdToTheConsumer) {
    std::string body(100000, 'b');
    StringSource source("* 1 FETCH (UID 9 BODY[] {100000}\r\n" + body + " FLAGS (\\Seen))\r\na1 OK done\r\n", 7000);
    Parser parser(source);
    Collect sink;
    parser.set_literal_consumer(&sink);
    EXPECT_EQ(dump(parser.next()), "* 1 FETCH (UID 9 BODY[] <streamed 100000> FLAGS (\\Seen))");
    EXPECT_EQ(sink.events, "begin 100000;end;");
    EXPECT_EQ(sink.data, body);
    EXPECT_GT(sink.chunks, 10);
    EXPECT_EQ(dump(parser.next()), "a1 OK \"done\"");
}

TEST(Parser, SmallLiteralsAreBufferedEvenWithAConsumer) {
    StringSource source("* 1 FETCH (BODY[] {3}\r\nabc)\r\n");
    Parser parser(source);
    Collect sink;
    parser.set_literal_consumer(&sink);
    EXPECT_EQ(dump(parser.next()), "* 1 FETCH (BODY[] \"abc\")");
    EXPECT_EQ(sink.events, "");
}

TEST(Parser, TraceSummarisesLongLiteralsOnly) {
    std::string body(65, 'x');
    StringSource source("* 1 FETCH (BODY[] {65}\r\n" + body + ")\r\n* 2 FETCH (BODY[] {2}\r\nhi)\r\n");
    Parser parser(source);
    parser.set_trace(true, false);
    parser.next();
    EXPECT_EQ(parser.trace(), "* 1 FETCH (BODY[] {65 bytes omitted})\r\n");
    parser.next();
    EXPECT_EQ(parser.trace(), "* 2 FETCH (BODY[] {2}\r\nhi)\r\n");
}

TEST(Parser, KeepsBytesOfPipelinedResponsesForTheNextCall) {
    StringSource source("a1 OK one\r\na2 OK two\r\n", 4096);
    Parser parser(source);
    EXPECT_EQ(parser.next().tag, "a1");
    EXPECT_EQ(parser.buffered(), 11u);
    EXPECT_EQ(parser.next().tag, "a2");
    EXPECT_EQ(parser.buffered(), 0u);
}

TEST(Parser, EndOfStreamBetweenResponsesIsANetworkError) {
    StringSource source("");
    Parser parser(source);
    try {
        parser.next();
        FAIL() << "no exception";
    } catch (const NetworkError& e) {
        EXPECT_STREQ(e.what(), "cannot read server response: connection closed by the server");
    }
}

TEST(Parser, ResponseCodeArgumentsAreValues) {
    StringSource source("* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n");
    Parser parser(source);
    Response r = parser.next();
    ASSERT_TRUE(r.code);
    EXPECT_EQ(r.code->name, "PERMANENTFLAGS");
    ASSERT_EQ(r.code->args.size(), 1u);
    EXPECT_EQ(dump(r.code->args[0]), "(\\Seen \\*)");
}

TEST(Accessors, NameWhatWasExpected) {
    Value v;
    v.kind = Value::Kind::kAtom;
    v.text = "abc";
    try {
        to_uint32(v, "UIDVALIDITY");
        FAIL() << "no exception";
    } catch (const ProtocolError& e) {
        EXPECT_STREQ(e.what(), "cannot parse UIDVALIDITY: expected a 32-bit number, got 'abc'");
    }
    v.kind = Value::Kind::kNumber;
    v.number = 4294967296;
    v.text = "4294967296";
    EXPECT_THROW(to_uint32(v, "UID"), ProtocolError);
    EXPECT_EQ(to_uint64(v, "MODSEQ"), 4294967296u);
}

}  // namespace
}  // namespace oimap::imap
