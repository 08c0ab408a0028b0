// SPDX-License-Identifier: GPL-2.0-or-later
// maildir-scan: lists what a Maildir holds as a local-state stream (maildir-scan(1)).
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "config_defaults.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"
#include "format/local_state.hpp"
#include "listing.hpp"
#include "maildir/filename.hpp"
#include "options.hpp"

namespace oimap::maildir_scan {
namespace {

constexpr const char* kVersion = "0.1";

void write_stream(const ListingRequest& request, const std::vector<std::string>& folders,
                  std::ostream& out) {
    format::LocalStateWriter writer(out);
    writer.meta("root", request.root);
    writer.meta("sep", std::string(1, request.sep));
    writer.meta("tool", cat("maildir-scan ", kVersion));
    write_listing(request, folders, writer);
    writer.finish();
}

// The file -o replaces: symlinks resolved, so the link stays and its target is replaced.
std::string resolve_output(const std::string& path) {
    char resolved[PATH_MAX];
    return ::realpath(path.c_str(), resolved) != nullptr ? std::string(resolved) : path;
}

// -o FILE: a regular file (or a new one) is written as FILE.new and renamed over FILE, so
// a reader never sees half of it. Anything else (/dev/null, a FIFO) is written in place:
// renaming over a device node would replace it.
void write_file(const std::string& output, const ListingRequest& request,
                const std::vector<std::string>& folders) {
    std::string path = resolve_output(output);
    struct stat st;
    bool in_place = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    std::string temp = in_place ? path : path + ".new";
    try {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw_errno("create", temp);
        write_stream(request, folders, out);
        out.close();
        if (!out)
            throw IoError(cat("cannot write '", temp, "'"));
    } catch (...) {
        if (!in_place)
            ::unlink(temp.c_str());
        throw;
    }
    if (!in_place && ::rename(temp.c_str(), path.c_str()) != 0)
        throw_errno("rename into place", path);
}

void check_options(const Options& opt) {
    if (!opt.root)
        throw UsageError("missing --root DIR (see --help)");
}

int maildir_scan_main(int argc, char** argv) {
    Options opt = parse_options(argc, argv);
    if (opt.debug)
        log::enable_categories(*opt.debug);
    if (opt.help) {
        std::fputs(help_text().c_str(), stdout);
        return 0;
    }
    if (opt.version) {
        std::printf("maildir-scan %s\nwrites: %s %d\n", kVersion, format::kLocalStateKind,
                    format::kLocalStateMajor);
        return 0;
    }
    apply_config(opt);
    check_options(opt);
    ListingRequest request{.root = *opt.root,
                           .sep = opt.sep.value_or('.'),
                           .info_sep = maildir::info_separator(opt.windows_compatible),
                           .folders = opt.folders,
                           .with_facts = opt.state_dir.has_value()};
    if (opt.state_dir)
        for (auto& f : status::current_folder_facts_in(*opt.state_dir))
            if (f.exact)  // a sync changed the folder since: read it
                request.facts[f.local] = std::move(f);
    // Bad folder names and a missing root fail before any output.
    std::vector<std::string> folders = folders_to_scan(request);
    if (opt.output) {
        write_file(*opt.output, request, folders);
    } else {
        write_stream(request, folders, std::cout);
    }
    return 0;
}

}  // namespace
}  // namespace oimap::maildir_scan

int main(int argc, char** argv) {
    return oimap::run_main(argc, argv, oimap::maildir_scan::maildir_scan_main);
}
