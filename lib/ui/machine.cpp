// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/machine.hpp"

#include <cctype>

#include "core/text.hpp"

namespace oimap::ui {

std::string quote_plus(std::string_view text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~') {
            out += ch;
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string machine_record(std::string_view level, std::string_view command,
                           std::string_view thread, std::string_view payload) {
    return cat(level, ":", command, ":", quote_plus(thread), ":", quote_plus(payload));
}

}  // namespace oimap::ui
