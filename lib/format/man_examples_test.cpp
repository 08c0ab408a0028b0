// SPDX-License-Identifier: GPL-2.0-or-later
// The examples in oimap-formats(5) are real streams: each one parses with the typed reader
// of its kind.  Run from the repository root (tests/run-all.sh does).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "format/local_state.hpp"
#include "format/plan.hpp"
#include "format/remote_state.hpp"
#include "format/stats.hpp"

namespace oimap::format {
namespace {

// The literal blocks of the page that start with "#oimap", with mdoc's "\e" made "\".
std::vector<std::string> stream_examples() {
    std::ifstream page("doc/man/oimap-formats.5");
    std::vector<std::string> examples;
    std::string line, block;
    bool in_block = false;
    while (std::getline(page, line)) {
        if (line.rfind(".Bd -literal", 0) == 0) {
            in_block = true;
            block.clear();
        } else if (line == ".Ed") {
            if (in_block && block.rfind("#oimap\t", 0) == 0) examples.push_back(block);
            in_block = false;
        } else if (in_block) {
            for (size_t at; (at = line.find("\\e")) != std::string::npos;) line.replace(at, 2, "\\");
            block += line + "\n";
        }
    }
    return examples;
}

template <typename ReaderType>
size_t count_items(const std::string& text) {
    std::istringstream in(text);
    ReaderType reader(in, "oimap-formats.5");
    size_t items = 0;
    while (reader.next()) ++items;
    return items;
}

TEST(ManPageExamples, EveryStreamExampleParses) {
    auto examples = stream_examples();
    ASSERT_EQ(examples.size(), 4u) << "run from the repository root";
    EXPECT_EQ(count_items<RemoteStateReader>(examples[0]), 4u);
    EXPECT_EQ(count_items<LocalStateReader>(examples[1]), 3u);
    EXPECT_EQ(count_items<PlanReader>(examples[2]), 12u);
    EXPECT_EQ(count_items<StatsReader>(examples[3]), 3u);
}

// The plan example is what PlanWriter writes: every operation has its current fields.
TEST(ManPageExamples, ThePlanExampleIsWhatTheWriterWrites) {
    auto examples = stream_examples();
    ASSERT_EQ(examples.size(), 4u) << "run from the repository root";
    std::istringstream in(examples[2]);
    PlanReader reader(in, "oimap-formats.5");
    std::ostringstream out;
    PlanWriter writer(out);
    for (const auto& [key, value] : reader.stream().meta()) writer.meta(key, value);
    while (auto item = reader.next()) {
        if (auto* op = std::get_if<PlanOp>(&*item)) writer.op(*op);
        if (auto* pair = std::get_if<FolderPair>(&*item)) writer.pair(*pair);
        if (auto* skip = std::get_if<FolderSkip>(&*item)) writer.skip(*skip);
    }
    writer.finish();
    EXPECT_EQ(out.str(), examples[2]);
}

}  // namespace
}  // namespace oimap::format
