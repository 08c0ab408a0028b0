// SPDX-License-Identifier: GPL-2.0-or-later
// Secrets (passwords, tokens) removed from every line the driver writes: console, -l log
// file, syslog.  A second line of defence: the plumbing already redacts its own traces.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::ui {

/// Thread-safe list of secrets.
class Redactor {
public:
    /// Remembers secret (ignored when shorter than 3 bytes: too likely to hit innocent text).
    void add(std::string_view secret);
    /// text with every occurrence of a secret replaced by "********".
    std::string apply(std::string_view text) const;

private:
    mutable std::mutex mutex_;
    std::vector<std::string> secrets_;
};

}  // namespace oimap::ui
