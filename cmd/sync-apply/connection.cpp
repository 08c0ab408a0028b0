// SPDX-License-Identifier: GPL-2.0-or-later
#include "connection.hpp"

#include "../imap-fetch/connection.hpp"

namespace oimap::sync_apply {

void open_session(imap::Session& session, const imap_fetch::Options& options) {
    imap::ConnectOptions connect = imap_fetch::connect_options(options);
    connect.limits.stream_threshold = kStreamThreshold;
    imap::Credentials creds = imap_fetch::credentials(options);
    session.connect(connect);
    session.login(creds);
}

}  // namespace oimap::sync_apply
