// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/crlf.hpp"

namespace oimap::maildir {

void CrlfToLf::convert(std::string_view chunk, std::string& out) {
    if (chunk.empty())
        return;
    out.reserve(out.size() + chunk.size() + 1);
    if (pending_cr_ && chunk.front() != '\n')
        out.push_back('\r');
    pending_cr_ = false;
    size_t start = 0;
    for (;;) {
        size_t cr = chunk.find('\r', start);
        if (cr == std::string_view::npos) {
            out.append(chunk.substr(start));
            return;
        }
        out.append(chunk.substr(start, cr - start));
        if (cr + 1 == chunk.size()) {
            pending_cr_ = true;
            return;
        }
        if (chunk[cr + 1] != '\n')
            out.push_back('\r');
        start = cr + 1;
    }
}

void CrlfToLf::finish(std::string& out) {
    if (pending_cr_)
        out.push_back('\r');
    pending_cr_ = false;
}

void LfToCrlf::convert(std::string_view chunk, std::string& out) {
    if (chunk.empty())
        return;
    out.reserve(out.size() + chunk.size() + chunk.size() / 32);
    size_t start = 0;
    for (;;) {
        size_t lf = chunk.find('\n', start);
        if (lf == std::string_view::npos)
            break;
        out.append(chunk.substr(start, lf - start));
        bool preceded_by_cr = lf > 0 ? chunk[lf - 1] == '\r' : last_was_cr_;
        out.append(preceded_by_cr ? "\n" : "\r\n");
        start = lf + 1;
    }
    out.append(chunk.substr(start));
    last_was_cr_ = chunk.back() == '\r';
}

std::string crlf_to_lf(std::string_view text) {
    std::string out;
    CrlfToLf converter;
    converter.convert(text, out);
    converter.finish(out);
    return out;
}

std::string lf_to_crlf(std::string_view text) {
    std::string out;
    LfToCrlf().convert(text, out);
    return out;
}

}  // namespace oimap::maildir
