// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: a scan of 100,000 files must stay well under a second, so each
// directory is read once with readdir; the d_type it gives spares a stat for folder
// discovery, and message files cost one fstatat relative to the directory descriptor,
// spread over a few threads for big directories (the kernel's path lookup dominates).
#include "maildir/scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <set>
#include <thread>
#include <utility>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "maildir/folder.hpp"

namespace oimap::maildir {
namespace {

constexpr auto kLogCategory = log::Category::kMaildir;

struct DirCloser {
    void operator()(DIR* dir) const { ::closedir(dir); }
};
using DirPtr = std::unique_ptr<DIR, DirCloser>;

DirPtr open_directory(const std::string& path) {
    DirPtr dir(::opendir(path.c_str()));
    if (!dir) {
        if (errno == ENOENT)
            throw NoInputError(cat("cannot read directory '", path, "': no such directory"));
        throw_errno("read directory", path);
    }
    return dir;
}

// The entries of a directory other than "." and "..", with whether each is (or, for a
// symlink or an unknown type, leads to) a directory.
std::vector<std::pair<std::string, bool>> read_entries(const std::string& path) {
    DirPtr dir = open_directory(path);
    std::vector<std::pair<std::string, bool>> entries;
    for (;;) {
        errno = 0;
        struct dirent* entry = ::readdir(dir.get());
        if (entry == nullptr)
            break;
        std::string name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        bool is_dir = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
            struct stat st;
            is_dir =
                ::fstatat(::dirfd(dir.get()), entry->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
        }
        entries.emplace_back(std::move(name), is_dir);
    }
    if (errno != 0)
        throw_errno("read directory", path);
    std::sort(entries.begin(), entries.end());
    return entries;
}

using DirId = std::pair<dev_t, ino_t>;

// offlineimap3 MaildirRepository._getfolders_scandir for one directory level. ancestors
// holds the directories on the current path, so a symlink loop is not followed for ever.
void scan_folder_level(const std::string& root, const std::string& prefix, char sep,
                       std::set<DirId>& ancestors, std::vector<std::string>& out) {
    std::string dir_path = prefix.empty() ? root : cat(root, '/', prefix);
    for (const auto& [name, is_dir] : read_entries(dir_path)) {
        if (!is_dir || name == "cur" || name == "new" || name == "tmp")
            continue;
        std::string folder = prefix.empty() ? name : cat(prefix, '/', name);
        std::string path = cat(root, '/', folder);
        if (is_maildir(path))
            out.push_back(folder);
        if (sep != '/')
            continue;
        struct stat st;
        if (::stat(path.c_str(), &st) != 0)
            continue;
        if (!ancestors.insert({st.st_dev, st.st_ino}).second) {
            log::warning(cat("not descending into '", log::sanitize(path), "': a symlink loop"));
            continue;
        }
        scan_folder_level(root, folder, sep, ancestors, out);
        ancestors.erase({st.st_dev, st.st_ino});
    }
}

// fstatat for files[begin, end); a file that vanished gets size UINT64_MAX, to be dropped.
// Returns 0, or the errno of the first other failure.
int stat_range(int dir_fd, std::vector<MessageFile>& files, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
        struct stat st;
        if (::fstatat(dir_fd, files[i].file_name.c_str(), &st, 0) != 0) {
            if (errno != ENOENT)
                return errno;
            files[i].size = UINT64_MAX;  // renamed or deleted by another program meanwhile
            continue;
        }
        files[i].size = static_cast<uint64_t>(st.st_size);
        files[i].mtime = st.st_mtim.tv_sec;
    }
    return 0;
}

// Stats every file; large directories are split over a few threads, since the cost is
// path lookup in the kernel, one call per file.
void stat_all(int dir_fd, std::vector<MessageFile>& files, const std::string& path) {
    constexpr size_t kPerThread = 4096;
    size_t threads = std::min<size_t>(
        {std::max(1u, std::thread::hardware_concurrency()), 4, files.size() / kPerThread + 1});
    std::vector<int> errors(threads, 0);
    std::vector<std::thread> workers;
    size_t chunk = (files.size() + threads - 1) / threads;
    for (size_t t = 1; t < threads; ++t) {
        workers.emplace_back([&, t] {
            errors[t] =
                stat_range(dir_fd, files, t * chunk, std::min(files.size(), (t + 1) * chunk));
        });
    }
    errors[0] = stat_range(dir_fd, files, 0, std::min(files.size(), chunk));
    for (auto& worker : workers)
        worker.join();
    for (int error : errors) {
        if (error != 0) {
            errno = error;
            throw_errno("stat a file in", path);
        }
    }
    std::erase_if(files, [](const MessageFile& f) { return f.size == UINT64_MAX; });
}

void scan_subdir(const std::string& folder_path, const char* subdir, ScanOptions options,
                 std::vector<MessageFile>& out) {
    std::string path = cat(folder_path, '/', subdir);
    DirPtr dir = open_directory(path);
    std::vector<MessageFile> files;
    for (;;) {
        errno = 0;
        struct dirent* entry = ::readdir(dir.get());
        if (entry == nullptr)
            break;
        if (entry->d_name[0] == '.')
            continue;  // dot files, "." and ".." included
        files.push_back(MessageFile{.subdir = subdir, .file_name = entry->d_name});
    }
    if (errno != 0)
        throw_errno("read directory", path);
    if (options.stat)
        stat_all(::dirfd(dir.get()), files, path);
    std::sort(files.begin(), files.end(),
              [](const MessageFile& a, const MessageFile& b) { return a.file_name < b.file_name; });
    out.insert(out.end(), std::make_move_iterator(files.begin()),
               std::make_move_iterator(files.end()));
}

}  // namespace

std::vector<std::string> list_folders(const std::string& root, char sep) {
    check_separator(sep);
    std::vector<std::string> out;
    std::set<DirId> ancestors;
    struct stat st;
    if (::stat(root.c_str(), &st) == 0)
        ancestors.insert({st.st_dev, st.st_ino});
    scan_folder_level(root, "", sep, ancestors, out);
    if (is_maildir(root))
        out.push_back("");
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<MessageFile> scan_messages(const std::string& folder_path, ScanOptions options) {
    std::vector<MessageFile> out;
    scan_subdir(folder_path, "new", options, out);
    scan_subdir(folder_path, "cur", options, out);
    return out;
}

}  // namespace oimap::maildir
