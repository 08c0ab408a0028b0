// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/crlf.hpp"

#include <gtest/gtest.h>

namespace oimap::maildir {
namespace {

// Feeds text to a CrlfToLf split at every pair of positions (three chunks).
std::vector<std::string> every_split_to_lf(const std::string& text) {
    std::vector<std::string> outputs;
    for (size_t i = 0; i <= text.size(); ++i) {
        for (size_t j = i; j <= text.size(); ++j) {
            CrlfToLf converter;
            std::string out;
            converter.convert(std::string_view(text).substr(0, i), out);
            converter.convert(std::string_view(text).substr(i, j - i), out);
            converter.convert(std::string_view(text).substr(j), out);
            converter.finish(out);
            outputs.push_back(out);
        }
    }
    return outputs;
}

std::vector<std::string> every_split_to_crlf(const std::string& text) {
    std::vector<std::string> outputs;
    for (size_t i = 0; i <= text.size(); ++i) {
        for (size_t j = i; j <= text.size(); ++j) {
            LfToCrlf converter;
            std::string out;
            converter.convert(std::string_view(text).substr(0, i), out);
            converter.convert(std::string_view(text).substr(i, j - i), out);
            converter.convert(std::string_view(text).substr(j), out);
            outputs.push_back(out);
        }
    }
    return outputs;
}

struct Case {
    std::string crlf;
    std::string lf;
};

TEST(CrlfToLf, EveryChunkBoundary) {
    const Case cases[] = {
        {"", ""},
        {"a\r\nb\r\n", "a\nb\n"},
        {"\r\n\r\n", "\n\n"},
        {"lone\rcr", "lone\rcr"},
        {"\r\r\n", "\r\n"},
        {"end\r", "end\r"},
        {"\r", "\r"},
        {"\n", "\n"},
        {"a\n\r\nb", "a\n\nb"},
        {std::string("n\0l\r\n", 5), std::string("n\0l\n", 4)},
        {"8bit \xe4\xf6\r\n", "8bit \xe4\xf6\n"},
    };
    for (const auto& c : cases) {
        for (const auto& out : every_split_to_lf(c.crlf))
            EXPECT_EQ(out, c.lf) << c.crlf;
    }
}

TEST(LfToCrlf, EveryChunkBoundary) {
    const Case cases[] = {
        {"", ""},
        {"a\r\nb\r\n", "a\nb\n"},
        {"a\r\nb\r\n", "a\r\nb\r\n"},
        {"\r\n\r\n", "\n\n"},
        {"lone\rcr", "lone\rcr"},
        {"\r\n", "\r\n"},
        {"x\r\r\n", "x\r\r\n"},
        {"end\r", "end\r"},
    };
    for (const auto& c : cases) {
        for (const auto& out : every_split_to_crlf(c.lf))
            EXPECT_EQ(out, c.crlf) << c.lf;
    }
}

TEST(Crlf, RoundTripOfLfText) {
    const std::string text = "From: a\nSubject: b\n\nbody\rwith cr\n\n.\n";
    EXPECT_EQ(crlf_to_lf(lf_to_crlf(text)), text);
    EXPECT_EQ(lf_to_crlf(text), "From: a\r\nSubject: b\r\n\r\nbody\rwith cr\r\n\r\n.\r\n");
}

}  // namespace
}  // namespace oimap::maildir
