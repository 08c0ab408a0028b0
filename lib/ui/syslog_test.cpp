// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/syslog.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace oimap::ui {
namespace {

TEST(SyslogDatagram, HasPriorityIdentAndPid) {
    EXPECT_EQ(syslog_datagram(Severity::kInfo, "offlineimap", 42, "hello"),
              "<14>offlineimap[42]: hello");
    EXPECT_EQ(syslog_datagram(Severity::kError, "offlineimap", 1, "x"), "<11>offlineimap[1]: x");
}

TEST(SyslogClient, SendsOneDatagramPerLineToTheTestSocket) {
    std::string path = ::testing::TempDir() + "oimap-syslog-test.sock";
    ::unlink(path.c_str());
    int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::setenv("OIMAP_TEST_SYSLOG_SOCKET", path.c_str(), 1);
    {
        SyslogClient client;
        client.send(Severity::kWarning, "one\ntwo");
    }
    ::unsetenv("OIMAP_TEST_SYSLOG_SOCKET");
    char buf[256];
    ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    ASSERT_GT(n, 0);
    EXPECT_EQ(std::string(buf, static_cast<size_t>(n)),
              "<12>offlineimap[" + std::to_string(::getpid()) + "]: one");
    n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    ASSERT_GT(n, 0);
    EXPECT_EQ(std::string(buf, static_cast<size_t>(n)),
              "<12>offlineimap[" + std::to_string(::getpid()) + "]: two");
    ::close(fd);
    ::unlink(path.c_str());
}

}  // namespace
}  // namespace oimap::ui
