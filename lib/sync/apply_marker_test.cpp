// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/apply_marker.hpp"

#include <gtest/gtest.h>

namespace oimap::sync {
namespace {

class StringSource : public MessageSource {
public:
    StringSource(std::string data, size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
    uint64_t size() const override { return data_.size(); }
    size_t read(char* buffer, size_t size) override {
        size_t n = std::min({size, chunk_, data_.size() - pos_});
        data_.copy(buffer, n, pos_);
        pos_ += n;
        return n;
    }

private:
    std::string data_;
    size_t chunk_;
    size_t pos_ = 0;
};

std::string upload(const std::string& message, const std::string& marker, size_t chunk) {
    auto body = upload_body([&] { return std::make_unique<StringSource>(message, chunk); }, marker);
    uint64_t size = body->size();
    std::string out = read_all(*body);
    EXPECT_EQ(size, out.size());
    return out;
}

TEST(Crc32, MatchesZlib) {
    EXPECT_EQ(crc32(""), 0u);
    EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
    EXPECT_EQ(crc32("6789", crc32("12345")), 0xCBF43926u);
}

TEST(Marker, OfflineimapShape) { EXPECT_EQ(make_marker(3421780262u, 42), "3421780262-42"); }

struct UploadCase {
    std::string message;
    std::string marker;
    std::string expected;
};

TEST(UploadBody, CrlfAndMarkerAfterTheHeader) {
    const UploadCase cases[] = {
        {"A: 1\nB: 2\n\nbody\nline\n", "7-9", "A: 1\r\nB: 2\r\nX-OfflineIMAP: 7-9\r\n\r\nbody\r\nline\r\n"},
        {"A: 1\nB: 2\n\nbody\nline\n", "", "A: 1\r\nB: 2\r\n\r\nbody\r\nline\r\n"},
        {"A: 1\r\n\r\nb\r\n", "m", "A: 1\r\nX-OfflineIMAP: m\r\n\r\nb\r\n"},
        {"A: 1\n", "m", "A: 1\r\nX-OfflineIMAP: m\r\n"},
        {"A: 1", "m", "A: 1\r\nX-OfflineIMAP: m\r\n"},
        {"", "m", "X-OfflineIMAP: m\r\n"},
        {"\nbody\n\n", "m", "X-OfflineIMAP: m\r\n\r\nbody\r\n\r\n"},
        {"A: x\ry\n\nb\rc\n", "m", "A: x\ry\r\nX-OfflineIMAP: m\r\n\r\nb\rc\r\n"},
    };
    for (const auto& c : cases)
        for (size_t chunk : {1, 2, 3, 65536}) EXPECT_EQ(upload(c.message, c.marker, chunk), c.expected) << chunk;
}

TEST(UploadBody, LongHeaderLinesPassThrough) {
    std::string line = "Subject: " + std::string(10000, 'x');
    EXPECT_EQ(upload(line + "\n\nb\n", "m", 1000), line + "\r\nX-OfflineIMAP: m\r\n\r\nb\r\n");
}

TEST(UploadCrc, IsTheCrcOfTheCrlfMessage) {
    auto open = [] { return std::make_unique<StringSource>("A: 1\n\nb\n", 3); };
    EXPECT_EQ(upload_crc(open), crc32("A: 1\r\n\r\nb\r\n"));
}

}  // namespace
}  // namespace oimap::sync
