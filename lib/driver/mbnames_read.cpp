// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: a reader for the one JSON shape mbnames writes (a list of flat
// objects whose values are strings or null), strict about everything else.  \uXXXX escapes
// become UTF-8; a lone \udcXX (Python's surrogateescape) becomes the raw byte XX.
#include <cstdint>

#include "core/error.hpp"
#include "core/text.hpp"
#include "driver/mbnames_json.hpp"

namespace oimap::driver {
namespace {

class JsonReader {
public:
    JsonReader(std::string_view text, const std::string& source) : s_(text), source_(source) {}

    std::vector<MbnamesItem> items() {
        std::vector<MbnamesItem> out;
        expect('[');
        if (!peek(']')) {
            do
                out.push_back(object());
            while (accept(','));
        }
        expect(']');
        skip_space();
        if (i_ != s_.size())
            fail("unexpected text after the list");
        return out;
    }

private:
    MbnamesItem object() {
        MbnamesItem item;
        expect('{');
        if (!peek('}')) {
            do {
                std::string key = string();
                expect(':');
                std::optional<std::string> value = nullable_string();
                if (key == "accountname")
                    item.accountname = value.value_or("");
                else if (key == "foldername")
                    item.foldername = value.value_or("");
                else if (key == "localfolders")
                    item.localfolders = value;
            } while (accept(','));
        }
        expect('}');
        return item;
    }

    std::optional<std::string> nullable_string() {
        skip_space();
        if (s_.substr(i_, 4) == "null") {
            i_ += 4;
            return std::nullopt;
        }
        return string();
    }

    std::string string() {
        expect('"');
        std::string out;
        while (i_ < s_.size() && s_[i_] != '"') {
            char c = s_[i_++];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= s_.size())
                fail("unterminated string");
            char e = s_[i_++];
            switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u':
                    unicode(out);
                    break;
                default:
                    out += e;  // '"', '\\', '/'
            }
        }
        expect('"');
        return out;
    }

    uint32_t hex() {
        if (i_ + 4 > s_.size())
            fail("bad \\u escape");
        auto n = 0u;
        for (int k = 0; k < 4; ++k) {
            char c = s_[i_++];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0)
                fail("bad \\u escape");
            n = n * 16 + static_cast<unsigned>(d);
        }
        return n;
    }

    void unicode(std::string& out) {
        uint32_t cp = hex();
        if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            uint32_t low = hex();
            if (low < 0xDC00 || low > 0xDFFF)
                fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC80 && cp <= 0xDCFF) {
            out += static_cast<char>(cp - 0xDC00);
            return;
        }
        append_utf8(out, cp);
    }

    void skip_space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
            ++i_;
    }
    bool peek(char c) {
        skip_space();
        return i_ < s_.size() && s_[i_] == c;
    }
    bool accept(char c) {
        if (!peek(c))
            return false;
        ++i_;
        return true;
    }
    void expect(char c) {
        if (!accept(c))
            fail(cat("expected '", c, "'"));
    }
    [[noreturn]] void fail(std::string_view what) const {
        throw FormatError(cat(source_, ": offset ", i_, ": ", what));
    }

    std::string_view s_;
    const std::string& source_;
    size_t i_ = 0;
};

}  // namespace

std::vector<MbnamesItem> mbnames_from_json(std::string_view text, const std::string& source) {
    return JsonReader(text, source).items();
}

}  // namespace oimap::driver
