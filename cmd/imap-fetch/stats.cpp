// SPDX-License-Identifier: GPL-2.0-or-later
#include "stats.hpp"

#include <sstream>

#include "core/fs.hpp"

namespace oimap::imap_fetch {

format::SessionStats session_stats(const imap::Traffic& traffic) {
    return {.round_trips = traffic.round_trips,
            .bytes_sent = traffic.bytes_sent,
            .bytes_received = traffic.bytes_received};
}

void write_stats(const std::string& path, const std::string& tool, const imap::Traffic& traffic,
                 const std::vector<format::FolderStats>& folders) {
    std::ostringstream out;
    format::StatsWriter writer(out);
    writer.meta("tool", tool);
    writer.session(session_stats(traffic));
    for (const auto& folder : folders)
        writer.folder(folder);
    writer.finish();
    fs::replace_file_atomically(path, out.str());
}

}  // namespace oimap::imap_fetch
