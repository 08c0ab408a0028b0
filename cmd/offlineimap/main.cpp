// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap: the porcelain.  Reads the original's command line and config file and runs
// the plumbing (imap-fetch, maildir-scan, sync-plan, sync-apply) for each account.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"
#include "modes.hpp"
#include "options.hpp"
#include "setup.hpp"
#include "signals.hpp"
#include "ui.hpp"
#include "version.hpp"

namespace oimap::driver {
namespace {

void print(std::FILE* out, const std::string& text) {
    std::fputs(text.c_str(), out);
    std::fflush(out);
}

// Debug types of offlineimap (spec §1 -d): imap, maildir, thread, or all.
void set_up_debug(const Options& options, Ui& ui) {
    if (!options.debug)
        return;
    ui.enable_debug();
    std::string list = *options.debug;
    if (list == "all" || list == "ALL" || list == "All")
        list = "imap,maildir,thread";
    bool thread = false;
    for (std::string_view type : split(list, ','))
        thread = thread || trim(type) == "thread";
    if (!thread)
        ui.info("Debug mode: Forcing to singlethreaded.");
    // Our categories for the children (OIMAP_DEBUG): imap -> imap, maildir -> maildir and
    // status, thread -> process; "" (always on) -> plan and apply.
    std::string categories = "plan,apply";
    for (std::string_view raw : split(list, ',')) {
        std::string_view type = trim(raw);
        if (type == "imap") {
            ui.info("Now debugging for imap: IMAP protocol debugging");
            categories += ",imap";
        } else if (type == "maildir") {
            ui.info("Now debugging for maildir: Maildir repository debugging");
            categories += ",maildir,status";
        } else if (type == "thread") {
            ui.info("Now debugging for thread: Threading debugging");
            categories += ",process";
        } else {
            ui.warn(cat("Invalid debug type: ", type));
        }
    }
    log::enable_categories(categories);
    ui.info("Now debugging for : Other offlineimap related sync messages");
}

// The command line for the log file's first record, with the values of secret -k options
// (remotepass, remotepasseval, oauth2_*) replaced.
std::vector<std::string> redacted_arguments(std::vector<std::string> args) {
    for (std::string& arg : args) {
        size_t eq = arg.find('=');
        size_t colon = arg.rfind(':', eq);
        if (eq == std::string::npos || colon == std::string::npos)
            continue;
        std::string option = arg.substr(colon + 1, eq - colon - 1);
        if (option.find("pass") != std::string::npos || option.rfind("oauth2_", 0) == 0)
            arg = arg.substr(0, eq + 1) + "********";
    }
    return args;
}

// -P as offlineimap sets it up: one account at a time, DIR created when missing.
void set_up_profile(const std::string& dir, const Options& options, Ui& ui) {
    if (!options.single_thread)
        ui.warn("Profile mode: Forcing to singlethreaded.");
    if (::access(dir.c_str(), F_OK) == 0)
        ui.warn(cat("Profile mode: Directory '", dir, "' already exists!"));
    else if (::mkdir(dir.c_str(), 0777) != 0)
        throw_errno("create profile directory", dir);
    ui.warn(cat("Profile mode: Potentially large data will be created in '", dir, "'"));
}

UiKind choose_ui(const config::Ini& ini, const Options& options) {
    if (options.info)
        return UiKind::kTtyUi;  // offlineimap forces ttyui for --info
    UiKind kind = parse_ui(options.ui ? *options.ui : ini.get("general", "ui").value_or("ttyui"));
    if (kind == UiKind::kBlinkenlights && !blinkenlights_usable()) {
        // offlineimap fails here; we fall back to a line UI (doc/QUIRKS.md).
        std::fputs("WARNING: blinkenlights needs a terminal (and TERM); using ttyui\n", stderr);
        return UiKind::kTtyUi;
    }
    return kind;
}

int run(const Options& options) {
    config::Ini ini = load_config(options);
    Ui ui(choose_ui(ini, options));
    if (options.log_file)
        ui.set_log_file(*options.log_file, redacted_arguments(options.arguments));
    if (options.syslog)
        ui.enable_syslog();
    if (ui.kind() == UiKind::kBlinkenlights)
        ui.start_screen(cat("OfflineIMAP ", kCompatibleVersion, " - blinkenlights"));
    ui.banner(cat("OfflineIMAP ", kCompatibleVersion,
                  "\n  Licensed under the GNU GPL v2 or any "
                  "later version (with an OpenSSL exception)"));
    ui.info(environment_info());
    set_up_debug(options, ui);
    if (options.profile_dir)
        set_up_profile(*options.profile_dir, options, ui);
    SignalWatcher signals(ui);
    try {
        run_mode(ini, options, ui);
    } catch (const Error& e) {
        ui.error(e.what());
    }
    return ui.terminate();
}

int offlineimap_main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const OptionError& e) {
        print(stderr, cat(usage_line(), "\n\nofflineimap: error: ", e.what(), "\n"));
        return 2;  // optparse's status for a usage error
    }
    if (options.help)
        return print(stdout, help_text()), 0;
    if (options.version)
        return print(stdout, cat(kCompatibleVersion, "\n")), 0;
    if (options.full_version)
        return print(stdout, full_version_line() + "\n"), 0;
    try {
        return run(options);
    } catch (const Error& e) {
        // Set-up failures (config file, UI, -k): offlineimap logs them and exits with 1.
        print(stderr, cat("ERROR: ", e.what(), "\n"));
        return 1;
    }
}

}  // namespace
}  // namespace oimap::driver

int main(int argc, char** argv) {
    return oimap::run_main(argc, argv, oimap::driver::offlineimap_main);
}
