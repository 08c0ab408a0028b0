// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/redact.hpp"

#include <algorithm>

namespace oimap::ui {

void Redactor::add(std::string_view secret) {
    if (secret.size() < 3)
        return;
    std::lock_guard lock(mutex_);
    if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end())
        secrets_.emplace_back(secret);
}

std::string Redactor::apply(std::string_view text) const {
    std::string out(text);
    std::lock_guard lock(mutex_);
    for (const std::string& secret : secrets_) {
        for (size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 8))
            out.replace(at, secret.size(), "********");
    }
    return out;
}

}  // namespace oimap::ui
