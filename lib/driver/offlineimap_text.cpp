// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver/offlineimap_text.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace oimap::driver {

std::string python_repr(std::string_view s) {
    bool has_single = s.find('\'') != std::string_view::npos;
    char quote = has_single && s.find('"') == std::string_view::npos ? '"' : '\'';
    static const char kHex[] = "0123456789abcdef";
    std::string out(1, quote);
    for (unsigned char c : s) {
        if (c == '\\' || c == static_cast<unsigned char>(quote)) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + quote;
}

std::string folder_filter_expression(std::string_view folders) {
    std::string list;
    for (std::string_view name : split(folders, ','))
        list += (list.empty() ? "" : ", ") + python_repr(name);
    return "lambda f: f in [" + list + "]";
}

std::string uid_sequence(std::vector<uint32_t> uids) {
    std::sort(uids.begin(), uids.end());
    std::string out;
    for (size_t i = 0; i < uids.size();) {
        size_t j = i;
        while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1)
            ++j;
        out += cat(out.empty() ? "" : ",", uids[i]);
        if (j > i)
            out += cat(":", uids[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace oimap::driver
