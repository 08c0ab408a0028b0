// SPDX-License-Identifier: GPL-2.0-or-later
// The user interfaces in scope (spec §11.2): ttyui, basic and quiet; plus the -l log file,
// -s syslog, the error queue and the exit status of spec §1.3.
#pragma once

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oimap::driver {

enum class UiKind { kTtyUi, kBasic, kQuiet };

/// The UI named by -u or [general] ui (case-insensitive; "Noninteractive.Basic" style names
/// use their last component).  Throws ConfigError naming the UI: unknown ones with
/// offlineimap's text, blinkenlights, machineui and syslog as "not supported yet".
UiKind parse_ui(std::string_view name);

/// Thread-safe; one per run.
class Ui {
public:
    explicit Ui(UiKind kind) : kind_(kind) {}

    /// Appends records to path ("YYYY-mm-dd HH:MM:SS LEVEL: message", spec §11.7).
    /// Throws IoError when it cannot be opened.
    void set_log_file(const std::string& path, const std::vector<std::string>& argv);
    void enable_syslog();
    void enable_debug() { debug_ = true; }
    /// The console stream: stderr for ttyui, stdout for basic and quiet.
    std::FILE* console() const { return kind_ == UiKind::kTtyUi ? stderr : stdout; }

    void info(std::string_view message);
    void warn(std::string_view message);
    /// "ERROR: <context>\n  <what>" (or "ERROR: <what>"), queued for the final summary.
    void error(std::string_view what, std::string_view context = {});
    void debug(std::string_view type, std::string_view message);
    /// ttyui only: asks "Enter password for user '<user>': " on the controlling terminal with
    /// echo off, as Python's getpass does.  nullopt for the other UIs and without a terminal.
    std::optional<std::string> getpass(const std::string& user);
    /// Records a UID validity problem (exit status 2 when nothing else failed).
    void uid_validity_problem() { uid_validity_ = true; }

    /// Prints the queued errors and the UID validity note as offlineimap's terminate() does,
    /// and returns the exit status: 1 after any error, else 2 after a UID validity problem,
    /// else 0.
    int terminate();
    bool had_errors() const;

private:
    enum class Level { kDebug, kInfo, kWarning, kError };
    void emit(Level level, std::string_view message);
    void write_console(Level level, const std::string& message);

    UiKind kind_;
    bool debug_ = false;
    bool syslog_ = false;
    bool uid_validity_ = false;
    std::FILE* log_file_ = nullptr;
    std::vector<std::string> queue_;
    mutable std::mutex mutex_;
};

}  // namespace oimap::driver
