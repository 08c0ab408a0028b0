// SPDX-License-Identifier: GPL-2.0-or-later
// Python 3 lexical rules for the expression subset (Python reference §2.4).
#include "pyeval/lexer.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/text.hpp"

namespace oimap::pyeval {
namespace {

class Lexer {
public:
    explicit Lexer(std::string_view text) : text_(text) {}

    std::vector<Token> run() {
        std::vector<Token> tokens;
        for (;;) {
            skip_space();
            Token t;
            t.offset = pos_;
            if (pos_ >= text_.size()) {
                tokens.push_back(t);
                return tokens;
            }
            char c = text_[pos_];
            if (std::isdigit(static_cast<unsigned char>(c))) {
                number(t);
            } else if (starts_string()) {
                string(t);
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
                       static_cast<unsigned char>(c) >= 0x80) {
                t.kind = Token::Kind::kName;
                while (pos_ < text_.size() && is_name_char(text_[pos_])) t.text += text_[pos_++];
            } else {
                op(t);
            }
            tokens.push_back(t);
        }
    }

private:
    static bool is_name_char(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
               static_cast<unsigned char>(c) >= 0x80;
    }

    void skip_space() {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                ++pos_;
            } else if (c == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
                pos_ += 2;
            } else if (c == '#') {
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
            } else {
                return;
            }
        }
    }

    [[noreturn]] void syntax(const std::string& why) const {
        throw PyError(cat("SyntaxError: ", why, " at offset ", pos_));
    }

    void number(Token& t) {
        size_t start = pos_;
        while (pos_ < text_.size() && (is_name_char(text_[pos_]) || text_[pos_] == '.')) ++pos_;
        std::string digits;
        for (char c : text_.substr(start, pos_ - start)) {
            if (c != '_') digits += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        int base = 10;
        if (digits.size() > 1 && digits[0] == '0' && std::isalpha(static_cast<unsigned char>(digits[1]))) {
            base = digits[1] == 'x' ? 16 : digits[1] == 'o' ? 8 : digits[1] == 'b' ? 2 : 0;
            digits.erase(0, 2);
        }
        if (digits.find_first_of(".ej") != std::string::npos && base == 10) {
            throw Unsupported("float and complex numbers");
        }
        char* end = nullptr;
        errno = 0;
        long long value = base ? std::strtoll(digits.c_str(), &end, base) : 0;
        if (!base || digits.empty() || *end || errno) syntax("invalid number literal");
        t.kind = Token::Kind::kNumber;
        t.number = value;
    }

    bool starts_string() const {
        size_t p = pos_;
        while (p < text_.size() && p < pos_ + 2 && std::strchr("rRuUbBfF", text_[p])) ++p;
        return p < text_.size() && (text_[p] == '\'' || text_[p] == '"');
    }

    void string(Token& t) {
        bool raw = false;
        while (text_[pos_] != '\'' && text_[pos_] != '"') {
            char p = static_cast<char>(std::tolower(static_cast<unsigned char>(text_[pos_++])));
            if (p == 'b' || p == 'f') throw Unsupported(p == 'b' ? "bytes literals" : "f-strings");
            raw = raw || p == 'r';
        }
        char quote = text_[pos_];
        bool triple = text_.substr(pos_, 3) == std::string(3, quote);
        pos_ += triple ? 3 : 1;
        t.kind = Token::Kind::kString;
        for (;;) {
            if (pos_ >= text_.size()) syntax("unterminated string literal");
            char c = text_[pos_];
            if (triple ? text_.substr(pos_, 3) == std::string(3, quote) : c == quote) break;
            if (c == '\n' && !triple) syntax("unterminated string literal");
            if (c == '\\' && pos_ + 1 < text_.size()) {
                if (raw) {
                    t.text += text_.substr(pos_, 2);
                    pos_ += 2;
                } else {
                    escape(t.text);
                }
                continue;
            }
            t.text += c;
            ++pos_;
        }
        pos_ += triple ? 3 : 1;
    }

    uint32_t hex(size_t digits) {
        if (pos_ + digits > text_.size()) syntax("truncated escape");
        uint32_t value = 0;
        for (size_t k = 0; k < digits; ++k) {
            char c = text_[pos_ + k];
            if (!std::isxdigit(static_cast<unsigned char>(c))) syntax("truncated escape");
            value = value * 16 + static_cast<uint32_t>(std::isdigit(c) ? c - '0' : std::tolower(c) - 'a' + 10);
        }
        pos_ += digits;
        return value;
    }

    // Python reference §2.4.1: recognised escapes; others keep the backslash.
    void escape(std::string& out) {
        char c = text_[pos_ + 1];
        pos_ += 2;
        const char* simple = "\\\\''\"\"a\ab\bf\fn\nr\rt\tv\v";
        for (const char* p = simple; *p; p += 2) {
            if (*p == c) {
                out += p[1];
                return;
            }
        }
        if (c == '\n') return;
        if (c >= '0' && c <= '7') {
            uint32_t value = static_cast<uint32_t>(c - '0');
            for (int k = 0; k < 2 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7'; ++k) {
                value = value * 8 + static_cast<uint32_t>(text_[pos_++] - '0');
            }
            append_utf8(out, value);
        } else if (c == 'x' || c == 'u' || c == 'U') {
            append_utf8(out, hex(c == 'x' ? 2 : c == 'u' ? 4 : 8));
        } else if (c == 'N') {
            throw Unsupported("\\N{...} escapes");
        } else {
            out += '\\';
            out += c;
        }
    }

    void op(Token& t) {
        for (const char* o : {"<<", ">>", ":=", "->"}) {
            if (text_.substr(pos_, 2) == o) throw Unsupported(cat("operator '", o, "'"));
        }
        static const char* const kOps[] = {"**", "//", "==", "!=", "<=", ">=", "(", ")", "[", "]",
                                           "{", "}", ",", ":", ".", "+", "-", "*", "/", "%",
                                           "<", ">", "="};
        for (const char* o : kOps) {
            if (text_.substr(pos_, std::strlen(o)) == o) {
                t.kind = Token::Kind::kOp;
                t.text = o;
                pos_ += t.text.size();
                return;
            }
        }
        if (std::strchr("|&^~@;!", text_[pos_])) throw Unsupported(cat("operator '", text_[pos_], "'"));
        syntax(cat("invalid character '", text_[pos_], "'"));
    }

    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Lexer(text).run(); }

}  // namespace oimap::pyeval
