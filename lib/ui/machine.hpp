// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap's machineui records (spec §11.4): "<level>:<command>:<thread>:<payload>", the
// thread name and the payload quoted as Python's urlencode quotes them.
#pragma once

#include <string>
#include <string_view>

namespace oimap::ui {

/// Python's urllib.parse.quote_plus: letters, digits and "_.-~" stay, a space becomes '+',
/// every other byte "%XX" (upper-case hex).
std::string quote_plus(std::string_view text);

/// One record without its newline.  level is "msg", "warn", "error" or "debug".
std::string machine_record(std::string_view level, std::string_view command,
                           std::string_view thread, std::string_view payload);

}  // namespace oimap::ui
