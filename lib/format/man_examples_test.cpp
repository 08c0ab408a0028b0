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
    ASSERT_EQ(examples.size(), 3u) << "run from the repository root";
    EXPECT_EQ(count_items<RemoteStateReader>(examples[0]), 4u);
    EXPECT_EQ(count_items<LocalStateReader>(examples[1]), 3u);
    EXPECT_EQ(count_items<PlanReader>(examples[2]), 11u);
}

}  // namespace
}  // namespace oimap::format
