// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/command.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace oimap::imap {
namespace {

std::string wire(const Command& c, LiteralMode mode = LiteralMode::kSync, bool utf8 = false) {
    std::string out;
    for (const auto& part : c.serialise("a1", mode, utf8))
        out += part.bytes + (part.wait_continuation ? "<wait>" : "");
    return out;
}

TEST(StringForm, PicksAtomQuotedOrLiteral) {
    struct Row {
        const char* text;
        StringForm form;
    };
    const Row rows[] = {
        {"INBOX", StringForm::kAtom},          {"Entw&APw-rfe", StringForm::kAtom},
        {"a/b.c-d_e", StringForm::kAtom},      {"", StringForm::kQuoted},
        {"with space", StringForm::kQuoted},   {"a\"b", StringForm::kQuoted},
        {"back\\slash", StringForm::kQuoted},  {"50%", StringForm::kQuoted},
        {"star*", StringForm::kQuoted},        {"(paren)", StringForm::kQuoted},
        {"{brace", StringForm::kQuoted},       {"[Gmail]/Sent", StringForm::kQuoted},
        {"tab\there", StringForm::kQuoted},    {"line\nbreak", StringForm::kLiteral},
        {"cr\rx", StringForm::kLiteral},       {"Entw\xc3\xbcrfe", StringForm::kLiteral},
    };
    for (const auto& row : rows) EXPECT_EQ(string_form(row.text, false), row.form) << row.text;
    EXPECT_EQ(string_form("Entw\xc3\xbcrfe", true), StringForm::kQuoted);
    EXPECT_EQ(string_form("NIL", false, false), StringForm::kQuoted);
    EXPECT_THROW(string_form(std::string("a\0b", 3), false), UsageError);
}

TEST(Command, SerialisesEachForm) {
    Command c("LOGIN");
    c.astring("alice").secret("p\"w\\d");
    EXPECT_EQ(wire(c), "a1 LOGIN alice \"p\\\"w\\\\d\"\r\n");
    Command s("SELECT");
    s.astring("with space");
    EXPECT_EQ(wire(s), "a1 SELECT \"with space\"\r\n");
}

TEST(Command, SynchronisingLiteralWaitsForContinuation) {
    Command c("CREATE");
    c.astring("Entw\xc3\xbcrfe").raw("(USE (\\Drafts))");
    EXPECT_EQ(wire(c), "a1 CREATE {9}\r\n<wait>Entw\xc3\xbcrfe (USE (\\Drafts))\r\n");
    EXPECT_EQ(wire(c, LiteralMode::kPlus), "a1 CREATE {9+}\r\nEntw\xc3\xbcrfe (USE (\\Drafts))\r\n");
    EXPECT_EQ(wire(c, LiteralMode::kSync, true), "a1 CREATE \"Entw\xc3\xbcrfe\" (USE (\\Drafts))\r\n");
}

TEST(Command, LiteralMinusOnlyUpTo4096Bytes) {
    Command small("APPEND");
    small.astring("INBOX").literal(std::string(4096, 'x'));
    EXPECT_EQ(small.serialise("a1", LiteralMode::kMinus, false).size(), 1u);
    Command big("APPEND");
    big.astring("INBOX").literal(std::string(4097, 'x'));
    auto parts = big.serialise("a1", LiteralMode::kMinus, false);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].bytes, "a1 APPEND INBOX {4097}\r\n");
    EXPECT_TRUE(parts[0].wait_continuation);
}

TEST(Command, StreamedLiteralsBecomeTheirOwnParts) {
    LiteralReader none = [](char*, size_t) -> size_t { return 0; };
    Command c("APPEND");
    c.astring("INBOX").literal_stream(5, none).raw("(\\Seen)");
    auto sync = c.serialise("a1", LiteralMode::kSync, false);
    ASSERT_EQ(sync.size(), 2u);
    EXPECT_EQ(sync[0].bytes, "a1 APPEND INBOX {5}\r\n");
    EXPECT_TRUE(sync[0].wait_continuation);
    EXPECT_EQ(sync[0].stream, nullptr);
    EXPECT_NE(sync[1].stream, nullptr);
    EXPECT_EQ(sync[1].stream_size, 5u);
    EXPECT_EQ(sync[1].bytes, " (\\Seen)\r\n");
    auto plus = c.serialise("a1", LiteralMode::kPlus, false);
    ASSERT_EQ(plus.size(), 2u);
    EXPECT_EQ(plus[0].bytes, "a1 APPEND INBOX {5+}\r\n");
    EXPECT_FALSE(plus[0].wait_continuation);
    EXPECT_EQ(c.trace("a1", false), "a1 APPEND INBOX {5 bytes omitted} (\\Seen)");
}

TEST(Command, TraceRedactsSecretsAndSummarisesLongLiterals) {
    Command c("LOGIN");
    c.astring("alice").secret("hunter2");
    EXPECT_EQ(c.trace("a3", false), "a3 LOGIN alice <password redacted>");
    Command a("APPEND");
    a.astring("INBOX").raw("(\\Seen)").literal(std::string(100, 'x'));
    EXPECT_EQ(a.trace("a4", false), "a4 APPEND INBOX (\\Seen) {100 bytes omitted}");
    Command sasl("AUTHENTICATE");
    sasl.raw("PLAIN").raw_secret("AGFsaWNlAHB3");
    EXPECT_EQ(sasl.trace("a5", false), "a5 AUTHENTICATE PLAIN <credentials redacted>");
    EXPECT_EQ(wire(sasl), "a1 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n");
}

}  // namespace
}  // namespace oimap::imap
