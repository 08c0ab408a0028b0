// SPDX-License-Identifier: GPL-2.0-or-later
#include "hooks.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "process/run.hpp"
#include "signals.hpp"
#include "ui.hpp"

namespace oimap::driver {

void call_hook(Ui& ui, const std::string& cmd, std::string_view mode, bool dry_run,
               const std::string& work_dir) {
    if (cmd.empty() || abort_requested())  // offlineimap: not after abort-now
        return;
    std::string prefix = dry_run ? "[DRYRUN] " : "";
    ui.event("callhook", "Calling hook: " + cmd, prefix + "Calling hook: " + cmd);
    if (dry_run)
        return;
    try {
        process::Spec spec{.program = "/bin/sh",
                           .args = {"-c", cmd},
                           .stdout_path = work_dir + "/hook.out",
                           .stderr_path = work_dir + "/hook.err",
                           .env = {{"OFFLINEIMAPSYNCMODE", std::string(mode)}},
                           .close_other_fds = true};
        int code = process::run(spec);
        std::string output = cat("Hook stdout: ", fs::read_file(spec.stdout_path),
                                 "\nHook stderr:", fs::read_file(spec.stderr_path), "\n");
        ui.event("callhook", output, output);
        std::string rc = cat("Hook return code: ", code);
        ui.event("callhook", rc, rc);
    } catch (const Error& e) {
        ui.error(e.what(), "Calling hook");
    }
}

}  // namespace oimap::driver
