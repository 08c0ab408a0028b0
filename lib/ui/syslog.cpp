// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/syslog.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "core/text.hpp"

namespace oimap::ui {

std::string syslog_datagram(Severity severity, std::string_view ident, int pid,
                            std::string_view line) {
    return cat("<", 8 + static_cast<int>(severity), ">", ident, "[", pid, "]: ", line);
}

SyslogClient::SyslogClient(std::string ident) : ident_(std::move(ident)) {
    const char* test = std::getenv("OIMAP_TEST_SYSLOG_SOCKET");
    path_ = test && *test ? test : "/dev/log";
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (fd_ < 0 || path_.size() >= sizeof addr.sun_path)
        return;
    std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

SyslogClient::~SyslogClient() {
    if (fd_ >= 0)
        ::close(fd_);
}

void SyslogClient::send(Severity severity, std::string_view message) {
    std::lock_guard lock(mutex_);
    if (fd_ < 0)
        return;
    for (std::string_view line : split(message, '\n')) {
        std::string datagram = syslog_datagram(severity, ident_, ::getpid(), line);
        (void)!::send(fd_, datagram.data(), datagram.size(), MSG_NOSIGNAL);
    }
}

}  // namespace oimap::ui
