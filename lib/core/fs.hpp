// SPDX-License-Identifier: GPL-2.0-or-later
// File-system primitives with the durability rules of the project: write, fsync, rename,
// fsync the directory; never unlink-then-rename.
#pragma once

#include <string>
#include <string_view>

namespace oimap::fs {

/// Owns a file descriptor; closes it on destruction.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    int release();

private:
    int fd_ = -1;
};

/// Writes all of data to fd; throws IoError naming path.
void write_all(int fd, std::string_view data, const std::string& path);
/// fsync(fd); throws IoError naming path.
void sync_fd(int fd, const std::string& path);
/// fsync of a directory, so that a rename or a creation inside it is durable.
void sync_directory(const std::string& path);
/// Replaces path with content: writes "<path>.new", fsyncs it when durable, renames it over
/// path, fsyncs the directory when durable.  A symbolic link is followed (its target is
/// replaced); a path that is not a regular file (/dev/null, a FIFO) is written in place.
void replace_file_atomically(const std::string& path, std::string_view content,
                             bool durable = true);
/// Reads a whole file; throws NoInputError if it does not exist, IoError otherwise.
std::string read_file(const std::string& path);
/// mkdir -p with mode for each created directory; throws IoError.
void make_directories(const std::string& path, unsigned mode = 0700);
/// The directory part of path ("a/b" for "a/b/c", "." for "c").
std::string dirname(const std::string& path);

}  // namespace oimap::fs
