// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/stream.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"

namespace oimap::format {
namespace {

std::string read_error(const std::string& text) {
    std::istringstream in(text);
    try {
        Reader reader(in, "in.tsv", "remote-state", 1);
        while (reader.next()) {
        }
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Writer, WritesHeaderMetaRecordsAndTrailer) {
    std::ostringstream out;
    Writer writer(out, "remote-state", 1);
    writer.meta("host", "imap.example.org");
    writer.record("msg", {"My\tFolder", "42", ""});
    writer.finish();
    EXPECT_EQ(out.str(),
              "#oimap\tremote-state\t1\n#host\timap.example.org\nmsg\tMy%09Folder\t42\t\n#end\t1\n");
}

TEST(Writer, UnfinishedStreamHasNoTrailer) {
    std::ostringstream out;
    {
        Writer writer(out, "remote-state", 1);
        writer.record("msg", {"a"});
    }
    EXPECT_EQ(out.str(), "#oimap\tremote-state\t1\nmsg\ta\n");
    EXPECT_EQ(read_error(out.str()), "in.tsv:2: truncated stream: no '#end' trailer");
}

TEST(Reader, ReadsWhatTheWriterWrote) {
    std::ostringstream out;
    Writer writer(out, "remote-state", 1);
    writer.meta("account", "Pers%onal");
    writer.record("msg", {"a\nb", ""});
    writer.finish();
    std::istringstream in(out.str());
    Reader reader(in, "in", "remote-state", 1);
    EXPECT_EQ(reader.meta().at("account"), "Pers%onal");
    auto record = reader.next();
    ASSERT_TRUE(record);
    EXPECT_EQ(record->type, "msg");
    EXPECT_EQ(record->fields, (std::vector<std::string>{"a\nb", ""}));
    EXPECT_EQ(record->line, 3u);
    EXPECT_FALSE(reader.next());
    EXPECT_FALSE(reader.next());
}

TEST(Reader, ErrorsNameSourceLineAndProblem) {
    const std::pair<std::string, std::string> cases[] = {
        {"", "in.tsv:1: empty input: expected an '#oimap' header"},
        {"#oimap\tplan\t1\n#end\t0\n", "in.tsv:1: expected format 'remote-state', got 'plan'"},
        {"#oimap\tremote-state\t2\n#end\t0\n",
         "in.tsv:1: unsupported format 'remote-state' version 2 (expected 1)"},
        {"hello\n", "in.tsv:1: not an oimap stream: expected '#oimap<TAB>remote-state<TAB>1', got 'hello'"},
        {"#oimap\tremote-state\t1\nmsg\ta\n", "in.tsv:2: truncated stream: no '#end' trailer"},
        {"#oimap\tremote-state\t1\nmsg\ta\n#end\t1", "in.tsv:3: truncated stream: last line has no line feed"},
        {"#oimap\tremote-state\t1\nmsg\ta\n#end\t2\n", "in.tsv:3: trailer says 2 records, stream has 1"},
        {"#oimap\tremote-state\t1\n#end\t0\nmsg\n", "in.tsv:3: data after the '#end' trailer"},
        {"#oimap\tremote-state\t1\nmsg\ta%4\n#end\t1\n", "in.tsv:2: invalid escape in field 'a%254'"},
        {"#oimap\tremote-state\t1\nmsg\ta\n#host\tx\n#end\t2\n", "in.tsv:3: unexpected line '#host'"},
        {"#oimap\tremote-state\t1\n\n#end\t1\n", "in.tsv:2: empty record type"},
        {"#oimap\tremote-state\t1\n#end\tx\n", "in.tsv:2: malformed '#end' trailer"},
    };
    for (const auto& [input, expected] : cases) EXPECT_EQ(read_error(input), expected) << input;
}

}  // namespace
}  // namespace oimap::format
