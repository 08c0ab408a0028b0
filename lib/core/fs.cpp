// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "core/error.hpp"

namespace oimap::fs {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
}

void write_all(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw_errno("write", path);
        data.remove_prefix(static_cast<size_t>(n));
    }
}

void sync_fd(int fd, const std::string& path) {
    if (::fsync(fd) != 0) throw_errno("fsync", path);
}

void sync_directory(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) throw_errno("open directory", path);
    sync_fd(fd.get(), path);
}

std::string dirname(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

namespace {

// Writing to a device or a FIFO ("-o /dev/null", "-o /dev/stdout") must not replace it.
bool is_special_file(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

// The file a symbolic link names is the one replaced, so the link itself stays.
std::string resolve_symlinks(const std::string& path) {
    char* real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr) return path;
    std::string resolved(real);
    std::free(real);
    return resolved;
}

void write_in_place(const std::string& path, std::string_view content) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd.valid()) throw_errno("open", path);
    write_all(fd.get(), content, path);
}

}  // namespace

void replace_file_atomically(const std::string& given, std::string_view content, bool durable) {
    if (is_special_file(given)) return write_in_place(given, content);
    std::string path = resolve_symlinks(given);
    std::string temp = path + ".new";
    {
        UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (!fd.valid()) throw_errno("create", temp);
        write_all(fd.get(), content, temp);
        if (durable) sync_fd(fd.get(), temp);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) throw_errno("rename into place", path);
    if (durable) sync_directory(dirname(path));
}

std::string read_file(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT) throw NoInputError("cannot open '" + path + "': no such file");
        throw_errno("open", path);
    }
    std::string content;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw_errno("read", path);
        if (n == 0) return content;
        content.append(buffer, static_cast<size_t>(n));
    }
}

void make_directories(const std::string& path, unsigned mode) {
    if (path.empty()) return;
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) throw IoError("cannot create directory '" + path + "': a file is in the way");
        return;
    }
    std::string parent = dirname(path);
    if (parent != path && parent != "." && parent != "/") make_directories(parent, mode);
    if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) throw_errno("create directory", path);
}

}  // namespace oimap::fs
