// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/folder.hpp"

#include <sys/stat.h>

#include <cerrno>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::maildir {
namespace {

bool is_maildir_subdir(std::string_view component) {
    return component == "cur" || component == "new" || component == "tmp";
}

[[noreturn]] void refuse(std::string_view name, std::string_view reason) {
    throw FormatError(cat("cannot use folder name '", log::sanitize(name), "': ", reason));
}

bool is_directory(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// mkdir that accepts an existing directory.
void make_directory(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) == 0)
        return;
    if (errno == EEXIST && is_directory(path))
        return;
    throw_errno("create directory", path);
}

}  // namespace

void check_separator(char sep) {
    if (sep != '.' && sep != '/')
        throw UsageError(cat("cannot use separator '", log::sanitize(std::string(1, sep)),
                             "': it must be '.' or '/'"));
}

void check_folder_name(std::string_view name, char sep) {
    check_separator(sep);
    if (name.empty())
        return;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            refuse(name, "it contains a control character");
    }
    if (name.front() == '/')
        refuse(name, "it is an absolute path");
    for (std::string_view component : split(name, '/')) {
        if (component.empty())
            refuse(name, "it has an empty path component");
        if (component == "." || component == "..")
            refuse(name, "it has a '.' or '..' component");
        if (is_maildir_subdir(component))
            refuse(name, cat("a component is '", component, "', which Maildir reserves"));
    }
    if (sep == '.' && name.find('/') != std::string_view::npos)
        refuse(name, "it contains '/' but the separator is '.'");
}

std::string folder_path(const std::string& root, std::string_view name, char sep) {
    check_folder_name(name, sep);
    return name.empty() ? root : cat(root, '/', name);
}

bool is_maildir(const std::string& path) {
    return is_directory(path + "/cur") && is_directory(path + "/new") &&
           is_directory(path + "/tmp");
}

std::string create_folder(const std::string& root, std::string_view name, char sep) {
    std::string path = folder_path(root, name, sep);
    fs::make_directories(root, 0700);
    std::string partial = root;
    if (!name.empty()) {
        for (std::string_view component : split(name, '/')) {
            partial = cat(partial, '/', component);
            make_directory(partial);
        }
    }
    for (const char* sub : {"cur", "new", "tmp"})
        make_directory(cat(path, '/', sub));
    return path;
}

}  // namespace oimap::maildir
