// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap opens tmp/<name> with O_EXCL, writes, fsyncs when
// [general] fsync is on, then os.rename()s into new/ or cur/ (which would silently replace
// a file of that name). We keep the order but refuse to replace (RENAME_NOREPLACE), and also
// fsync the directory, so a delivered message survives a crash.
#include "maildir/deliver.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "maildir/filename.hpp"
#include "maildir/flags.hpp"

namespace oimap::maildir {
namespace {

constexpr auto kLogCategory = log::Category::kMaildir;

std::string subdir_of(const std::string& relative_path) {
    return fs::dirname(relative_path);
}

std::string base_of(const std::string& relative_path) {
    size_t slash = relative_path.rfind('/');
    return slash == std::string::npos ? relative_path : relative_path.substr(slash + 1);
}

// rename(2) that never replaces: renameat2(RENAME_NOREPLACE), else link + unlink.
void rename_no_replace(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return;
    if (errno != EINVAL && errno != ENOSYS)
        throw_errno(cat("rename '", from, "' to"), to);
    if (::link(from.c_str(), to.c_str()) != 0)
        throw_errno(cat("link '", from, "' to"), to);
    if (::unlink(from.c_str()) != 0)
        throw_errno("unlink", from);
}

}  // namespace

Delivery::Delivery(const std::string& folder_path, const std::string& file_name,
                   DeliverOptions options)
    : folder_path_(folder_path),
      file_name_(file_name),
      tmp_path_(cat(folder_path, "/tmp/", file_name)),
      options_(options) {
    fd_ = fs::UniqueFd(::open(tmp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (!fd_.valid())
        throw_errno("create", tmp_path_);
}

Delivery::~Delivery() {
    if (!committed_) {
        fd_ = fs::UniqueFd();
        ::unlink(tmp_path_.c_str());
    }
}

void Delivery::write(std::string_view chunk) {
    fs::write_all(fd_.get(), chunk, tmp_path_);
    size_ += chunk.size();
}

void Delivery::finish(std::optional<int64_t> mtime) {
    if (!fd_.valid())
        return;
    // The times first, so that the fsync makes them durable too.
    if (mtime) {
        struct timespec times[2] = {{.tv_sec = *mtime, .tv_nsec = 0},
                                    {.tv_sec = *mtime, .tv_nsec = 0}};
        if (::futimens(fd_.get(), times) != 0)
            throw_errno("set the times of", tmp_path_);
    }
    if (options_.fsync)
        fs::sync_fd(fd_.get(), tmp_path_);
    if (::close(fd_.release()) != 0)
        throw_errno("close", tmp_path_);
}

std::string Delivery::commit(std::string_view subdir, std::optional<int64_t> mtime) {
    finish(mtime);
    std::string relative = cat(subdir, '/', file_name_);
    rename_no_replace(tmp_path_, cat(folder_path_, '/', relative));
    committed_ = true;
    if (options_.fsync)
        fs::sync_directory(cat(folder_path_, '/', subdir));
    log::debug(kLogCategory, cat("delivered '", log::sanitize(relative), "' (", size_, " bytes)"));
    return relative;
}

bool sync_file_system(const std::string& path) {
    fs::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid() || ::syncfs(fd.get()) != 0) {
        log::debug(kLogCategory, cat("syncfs of '", log::sanitize(path), "' failed: ",
                                     std::strerror(errno), "; syncing files one by one"));
        return false;
    }
    return true;
}

void move_message(const std::string& folder_path, const std::string& from, const std::string& to,
                  DeliverOptions options) {
    rename_no_replace(cat(folder_path, '/', from), cat(folder_path, '/', to));
    if (options.fsync) {
        fs::sync_directory(cat(folder_path, '/', subdir_of(to)));
        if (subdir_of(from) != subdir_of(to))
            fs::sync_directory(cat(folder_path, '/', subdir_of(from)));
    }
    log::debug(kLogCategory,
               cat("renamed '", log::sanitize(from), "' to '", log::sanitize(to), "'"));
}

std::string set_message_flags(const std::string& folder_path, const std::string& relative_path,
                              std::string_view flags, char info_sep, DeliverOptions options) {
    std::string name = base_of(relative_path);
    std::string current = parse_filename(name, "", info_sep).flags;
    if (normalize_flags(current) != normalize_flags(flags)) {
        name = rename_for_flags(name, flags, info_sep);
    }
    std::string target = cat(subdir_for_flags(flags), '/', name);
    if (target != relative_path)
        move_message(folder_path, relative_path, target, options);
    return target;
}

}  // namespace oimap::maildir
