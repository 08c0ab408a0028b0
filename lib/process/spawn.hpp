// SPDX-License-Identifier: GPL-2.0-or-later
// Child processes with pipes: the only user of Boost.Process in the tree.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::process {

/// A running child whose stdin and stdout are pipes to us; its stderr is ours.  The
/// destructor closes its stdin and waits for it.  Writing to a child that has exited raises
/// SIGPIPE unless the caller ignores it (run_main does).
class Child {
public:
    /// Starts program, looked up in PATH unless it contains a '/', with args.  Throws
    /// IoError "cannot run '<program>': not found in PATH" when it cannot be found and
    /// IoError "cannot run '<program>': <reason>" when it cannot be started.
    Child(const std::string& program, const std::vector<std::string>& args);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    /// Writes line and a '\n' to the child's stdin; throws IoError if the pipe is closed.
    void write_line(std::string_view line);
    /// The next line of the child's stdout without its '\n'; nullopt at end of file.
    std::optional<std::string> read_line();
    /// Closes the child's stdin and waits; returns its exit code (128+N for signal N).
    int wait();
    int pid() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace oimap::process
