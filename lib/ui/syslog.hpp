// SPDX-License-Identifier: GPL-2.0-or-later
// A small syslog client (RFC 3164 datagrams on a Unix socket), as Python's SysLogHandler
// sends them for offlineimap's syslog UI and -s: "<PRI>offlineimap[<pid>]: <message>".
// The socket is /dev/log, or $OIMAP_TEST_SYSLOG_SOCKET (tests/README.md).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

namespace oimap::ui {

enum class Severity { kError = 3, kWarning = 4, kInfo = 6, kDebug = 7 };

/// One per run; thread-safe.  A missing syslog daemon loses the records silently, as
/// offlineimap's handler does.
class SyslogClient {
public:
    explicit SyslogClient(std::string ident = "offlineimap");
    ~SyslogClient();
    SyslogClient(const SyslogClient&) = delete;
    SyslogClient& operator=(const SyslogClient&) = delete;

    /// Sends one record per line of message (facility user).
    void send(Severity severity, std::string_view message);

private:
    std::string ident_;
    std::string path_;
    int fd_ = -1;
    std::mutex mutex_;
};

/// The datagram for one line: "<PRI>ident[pid]: line", PRI = 8 (user) + severity.
std::string syslog_datagram(Severity severity, std::string_view ident, int pid,
                            std::string_view line);

}  // namespace oimap::ui
