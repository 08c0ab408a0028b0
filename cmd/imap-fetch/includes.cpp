// SPDX-License-Identifier: GPL-2.0-or-later
#include "includes.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "core/text.hpp"
#include "imap/session.hpp"

namespace oimap::imap_fetch {

bool add_includes(imap::Session& session, const std::vector<std::string>& includes,
                  std::vector<imap::MailboxInfo>& listed) {
    std::string delimiter = listed.empty() ? std::string() : listed.front().delimiter;
    bool all_found = true;
    for (const std::string& name : includes) {
        auto known = [&](const imap::MailboxInfo& m) { return m.name == name; };
        if (std::any_of(listed.begin(), listed.end(), known))
            continue;  // listed anyway (offlineimap would list it twice)
        std::string why;
        // offlineimap IMAPRepository.getfolders: EXAMINE each include, skip the failures.
        if (!session.select(name, true, &why)) {
            log::error(cat("cannot examine folderinclude '", log::sanitize(name), "': ",
                           log::sanitize(why)));
            all_found = false;
            continue;
        }
        listed.push_back({.name = name, .delimiter = delimiter, .attributes = {}});
    }
    return all_found;
}

}  // namespace oimap::imap_fetch
