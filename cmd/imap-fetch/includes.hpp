// SPDX-License-Identifier: GPL-2.0-or-later
// --include: offlineimap's folderincludes (spec §4.3), folders listed even when LIST or
// LSUB does not return them.
#pragma once

#include <string>
#include <vector>

#include "imap/message.hpp"

namespace oimap::imap {
class Session;
}

namespace oimap::imap_fetch {

/// Adds to listed each name of includes that it lacks and that the server lets us EXAMINE,
/// with the delimiter of the listed folders and no attributes; a name it cannot EXAMINE is
/// reported on stderr ("cannot examine folderinclude ...") and left out.  Returns false
/// when one was left out.  Throws what Session throws for a broken connection.
bool add_includes(imap::Session& session, const std::vector<std::string>& includes,
                  std::vector<imap::MailboxInfo>& listed);

}  // namespace oimap::imap_fetch
