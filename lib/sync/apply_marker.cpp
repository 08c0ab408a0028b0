// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the transform works line by line while in the header (a header line
// is held until its LF shows whether it is the empty line that ends the header; a line longer
// than kMaxHeldLine cannot be that line and is passed on) and byte by byte in the body.
#include "sync/apply_marker.hpp"

#include <array>

#include "core/text.hpp"
#include "maildir/crlf.hpp"

namespace oimap::sync {
namespace {

constexpr size_t kMaxHeldLine = 4096;

std::array<uint32_t, 256> make_crc_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t n = 0; n < 256; ++n) {
        uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

/// Turns LF text into the upload form, one input chunk at a time.
class UploadTransform {
public:
    explicit UploadTransform(std::string marker) : marker_(std::move(marker)) {}

    void convert(std::string_view chunk, std::string& out) {
        size_t i = 0;
        while (in_header_ && i < chunk.size()) header_byte(chunk[i++], out);
        if (i < chunk.size()) body_.convert(chunk.substr(i), out);
    }

    void finish(std::string& out) {
        if (!in_header_) return;
        if (!line_.empty() || held_long_) {
            flush_line(out);
            out += "\r\n";
        }
        add_marker(out);
        in_header_ = false;
    }

private:
    void header_byte(char c, std::string& out) {
        if (c != '\n') {
            line_ += c;
            if (line_.size() > kMaxHeldLine && c != '\r') {
                flush_line(out);
                held_long_ = true;
            }
            return;
        }
        bool empty = !held_long_ && (line_.empty() || line_ == "\r");
        if (empty) {
            add_marker(out);
            in_header_ = false;
        }
        if (!line_.empty() && line_.back() == '\r') line_.pop_back();
        flush_line(out);
        out += "\r\n";
        held_long_ = false;
    }

    void flush_line(std::string& out) {
        out += line_;  // a header line holds no LF; its CRs are kept as they are
        line_.clear();
    }

    void add_marker(std::string& out) {
        if (!marker_.empty()) out += cat(kMarkerHeader, ": ", marker_, "\r\n");
    }

    std::string marker_;
    std::string line_;
    bool held_long_ = false;
    bool in_header_ = true;
    maildir::LfToCrlf body_;
};

class UploadBody : public MessageSource {
public:
    UploadBody(SourceOpener open, std::string marker)
        : open_(std::move(open)), marker_(std::move(marker)), transform_(marker_) {}

    uint64_t size() const override {
        if (!size_) size_ = count();
        return *size_;
    }

    size_t read(char* buffer, size_t size) override {
        if (!source_) source_ = open_();
        while (pos_ == out_.size() && !done_) refill();
        size_t n = std::min(size, out_.size() - pos_);
        out_.copy(buffer, n, pos_);
        pos_ += n;
        return n;
    }

private:
    void refill() {
        out_.clear();
        pos_ = 0;
        char chunk[65536];
        size_t n = source_->read(chunk, sizeof chunk);
        if (n == 0) {
            transform_.finish(out_);
            done_ = true;
        } else {
            transform_.convert(std::string_view(chunk, n), out_);
        }
    }

    uint64_t count() const {
        UploadBody copy(open_, marker_);
        char buffer[65536];
        uint64_t total = 0;
        while (size_t n = copy.read(buffer, sizeof buffer)) total += n;
        return total;
    }

    SourceOpener open_;
    std::string marker_;
    UploadTransform transform_;
    std::unique_ptr<MessageSource> source_;
    std::string out_;
    size_t pos_ = 0;
    bool done_ = false;
    mutable std::optional<uint64_t> size_;
};

}  // namespace

uint32_t crc32(std::string_view bytes, uint32_t crc) {
    static const std::array<uint32_t, 256> table = make_crc_table();
    crc = ~crc;
    for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

std::string make_marker(uint32_t message_crc, uint64_t random) {
    return cat(message_crc, '-', random);
}

uint32_t upload_crc(const SourceOpener& open) {
    auto body = upload_body(open, "");
    char buffer[65536];
    uint32_t crc = 0;
    while (size_t n = body->read(buffer, sizeof buffer)) crc = crc32(std::string_view(buffer, n), crc);
    return crc;
}

std::unique_ptr<MessageSource> upload_body(const SourceOpener& open, std::string marker) {
    return std::make_unique<UploadBody>(open, std::move(marker));
}

void RemoteStore::append_batch(const std::string& mailbox, const std::vector<AppendRequest>& requests,
                               const std::function<std::unique_ptr<MessageSource>(size_t)>& open,
                               const std::function<void(size_t, std::optional<uint32_t>)>& done) {
    for (size_t i = 0; i < requests.size(); ++i) {
        auto body = open(i);
        done(i, append(mailbox, requests[i], *body));
    }
}

std::string read_all(MessageSource& source) {
    std::string all;
    char buffer[65536];
    while (size_t n = source.read(buffer, sizeof buffer)) all.append(buffer, n);
    return all;
}

}  // namespace oimap::sync
