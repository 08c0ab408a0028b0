// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/run.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace oimap::process {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class RunTest : public testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/run_test.XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string dir_;
};

TEST_F(RunTest, RedirectsAllThreeStreams) {
    std::ofstream(dir_ + "/in") << "a\nb\n";
    Spec spec{.program = "sh",
              .args = {"-c", "wc -l; echo oops >&2; exit 3"},
              .stdin_path = dir_ + "/in",
              .stdout_path = dir_ + "/out",
              .stderr_path = dir_ + "/err"};
    EXPECT_EQ(run(spec), 3);
    EXPECT_EQ(slurp(dir_ + "/out"), "2\n");
    EXPECT_EQ(slurp(dir_ + "/err"), "oops\n");
}

// A close-on-exec descriptor reaches the child only through pass_fds.
TEST_F(RunTest, PassFdsClearsCloseOnExecInTheChildOnly) {
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    std::string script = "echo hi >&" + std::to_string(fds[1]);
    Spec without{.program = "sh", .args = {"-c", script}, .stderr_path = dir_ + "/err"};
    EXPECT_NE(run(without), 0);
    Spec with = without;
    with.pass_fds = {fds[1]};
    EXPECT_EQ(run(with), 0);
    EXPECT_EQ(::fcntl(fds[1], F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);  // ours unchanged
    ::close(fds[1]);
    char buffer[8] = {};
    EXPECT_EQ(::read(fds[0], buffer, sizeof buffer), 3);
    EXPECT_STREQ(buffer, "hi\n");
    ::close(fds[0]);
}

TEST_F(RunTest, StdinIsEmptyByDefaultAndEnvironmentIsAdded) {
    Spec spec{.program = "sh",
              .args = {"-c", "cat; printf '%s' \"$OIMAP_RUN_TEST\""},
              .stdout_path = dir_ + "/out",
              .env = {{"OIMAP_RUN_TEST", "full mode"}}};
    EXPECT_EQ(run(spec), 0);
    EXPECT_EQ(slurp(dir_ + "/out"), "full mode");
}

TEST_F(RunTest, CloseOtherFdsClosesInheritableDescriptors) {
    int fd = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC: inherited unless closed
    ASSERT_GE(fd, 3);
    std::string probe =
        "test -e /proc/self/fd/" + std::to_string(fd) + " && echo open || echo closed";
    Spec spec{.program = "sh", .args = {"-c", probe}, .stdout_path = dir_ + "/out"};
    EXPECT_EQ(run(spec), 0);
    EXPECT_EQ(slurp(dir_ + "/out"), "open\n");
    spec.close_other_fds = true;
    EXPECT_EQ(run(spec), 0);
    EXPECT_EQ(slurp(dir_ + "/out"), "closed\n");
    ::close(fd);
}

TEST_F(RunTest, SignalDeathIs128PlusSignal) {
    EXPECT_EQ(run({.program = "sh", .args = {"-c", "kill -TERM $$"}}), 128 + 15);
}

TEST_F(RunTest, RunningChildrenListsUntilWaitedAndCanBeSignalled) {
    Running child({.program = "sleep", .args = {"30"}});
    std::vector<ChildInfo> children = running_children();
    ASSERT_EQ(children.size(), 1u);
    EXPECT_EQ(children[0].pid, child.pid());
    EXPECT_EQ(children[0].command, "sleep 30");
    EXPECT_EQ(signal_children(SIGTERM), 1u);
    EXPECT_EQ(child.wait(), 128 + SIGTERM);
    EXPECT_TRUE(running_children().empty());
}

TEST_F(RunTest, CpuTimeOfTheChildIsMeasured) {
    Running child(
        {.program = "sh", .args = {"-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"}});
    EXPECT_EQ(child.wait(), 0);
    EXPECT_GT(child.user_seconds() + child.system_seconds(), 0.01);
}

TEST_F(RunTest, MissingProgramIsAnIoError) {
    try {
        run({.program = "oimap-no-such-program"});
        FAIL() << "no exception";
    } catch (const IoError& e) {
        EXPECT_STREQ(e.what(), "cannot run 'oimap-no-such-program': not found in PATH");
    }
}

}  // namespace
}  // namespace oimap::process
