// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/error.hpp"

#include <cerrno>
#include <cstring>

namespace oimap {

void throw_errno(const std::string& what, const std::string& path) {
    throw IoError("cannot " + what + " '" + path + "': " + std::strerror(errno));
}

}  // namespace oimap
