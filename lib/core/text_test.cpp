// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace oimap {
namespace {

TEST(Split, KeepsEmptyParts) {
    EXPECT_EQ(split("a,,b", ','), (std::vector<std::string_view>{"a", "", "b"}));
    EXPECT_EQ(split("", ','), (std::vector<std::string_view>{""}));
    EXPECT_EQ(split("a,", ','), (std::vector<std::string_view>{"a", ""}));
}

TEST(ParseNumber, AcceptsOnlyWholeUnsignedDecimals) {
    EXPECT_EQ(parse_number<uint32_t>("4294967295"), 4294967295u);
    EXPECT_EQ(parse_number<uint32_t>("007"), 7u);
    EXPECT_EQ(parse_number<uint32_t>("4294967296"), std::nullopt);
    EXPECT_EQ(parse_number<uint32_t>(""), std::nullopt);
    EXPECT_EQ(parse_number<uint32_t>("+1"), std::nullopt);
    EXPECT_EQ(parse_number<uint32_t>("-1"), std::nullopt);
    EXPECT_EQ(parse_number<uint32_t>("12x"), std::nullopt);
    EXPECT_EQ(parse_number<uint32_t>(" 1"), std::nullopt);
}

TEST(Cat, JoinsMixedArguments) { EXPECT_EQ(cat("uid ", 42u, ' ', -1), "uid 42 -1"); }

TEST(Trim, StripsWhitespaceBothEnds) {
    EXPECT_EQ(trim("  a b \t\n"), "a b");
    EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace oimap
