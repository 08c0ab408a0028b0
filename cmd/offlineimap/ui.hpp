// SPDX-License-Identifier: GPL-2.0-or-later
// The user interfaces (spec §11.2): ttyui, basic, quiet, syslog, machineui (and
// blinkenlights, which falls back to ttyui without a terminal); plus the -l log file, -s
// syslog, secret redaction, the error queue and the exit status of spec §1.3.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/blinken.hpp"
#include "ui/redact.hpp"
#include "ui/syslog.hpp"

namespace oimap::driver {

enum class UiKind { kTtyUi, kBasic, kQuiet, kSyslog, kMachine, kBlinkenlights };

/// The UI named by -u or [general] ui (case-insensitive; "Noninteractive.Basic" style names
/// use their last component).  Throws ConfigError with offlineimap's text for unknown ones.
UiKind parse_ui(std::string_view name);

/// blinkenlights can run: stdout and stdin are terminals and TERM names one.
bool blinkenlights_usable();

/// Thread-safe; one per run.
class Ui {
public:
    explicit Ui(UiKind kind);
    ~Ui();

    /// Appends records to path ("YYYY-mm-dd HH:MM:SS LEVEL: message", spec §11.7).
    /// Throws IoError when it cannot be opened.
    void set_log_file(const std::string& path, const std::vector<std::string>& argv);
    /// -s: every record also goes to syslog (the syslog UI does that anyway).
    void enable_syslog();
    void enable_debug() { debug_ = true; }
    UiKind kind() const { return kind_; }
    /// The console stream: stderr for ttyui, syslog and blinkenlights, stdout for the others.
    std::FILE* console() const;
    /// Never written anywhere from now on: replaced by "********" (passwords, tokens).
    void add_secret(std::string_view secret) { redactor_.add(secret); }

    /// blinkenlights: takes over the terminal (until terminate()); digits ask for a sync
    /// now (SIGUSR1), 'q' for a shutdown (SIGTERM).
    void start_screen(const std::string& banner);
    /// The start-up banner (spec §11.1): plain text on every UI but quiet; machineui then
    /// adds its protocol and initbanner records.
    void banner(std::string_view text);
    void info(std::string_view message);
    void warn(std::string_view message);
    /// "ERROR: <context>\n  <what>" (or "ERROR: <what>"), queued for the final summary.
    void error(std::string_view what, std::string_view context = {});
    void debug(std::string_view type, std::string_view message);
    /// A UI call of offlineimap with its own machineui command (spec §11.4): machineui prints
    /// "msg:<command>:<thread>:<payload>", the other UIs print text as an INFO record
    /// (nothing when text is empty).
    void event(std::string_view command, std::string_view payload, std::string_view text);
    /// machineui: threadExited and unregisterthread records for a thread name, as
    /// offlineimap's main thread reports them (nothing on the other UIs).
    void thread_exited(const std::string& name);
    /// Progress of an account's sync-apply run ("3/10 msgs, ..."): blinkenlights shows it on
    /// the account's status line; the line UIs do not show it.
    void progress(const std::string& account, const std::string& text);
    /// One step of the autorefresh sleep (UIBase.sleeping): step seconds of remaining.
    void sleeping(long step, long remaining);
    /// ttyui (and blinkenlights): asks "Enter password for user '<user>': " on the controlling
    /// terminal with echo off, as Python's getpass does; machineui: prints its getpass record
    /// and reads one line of standard input.  nullopt for the other UIs, without a terminal,
    /// or at the end of the input.
    std::optional<std::string> getpass(const std::string& user);
    /// Records a UID validity problem (exit status 2 when nothing else failed).
    void uid_validity_problem() { uid_validity_ = true; }

    /// Prints the queued errors and the UID validity note as offlineimap's terminate() does,
    /// and returns the exit status: 1 after any error, else 2 after a UID validity problem,
    /// else 0.  machineui ends with its terminate record.
    int terminate();
    bool had_errors() const;

    /// Names the calling thread (machineui's thread field) while it lives, as offlineimap's
    /// "Account sync <name>" and "Folder <name> [acc: <account>]" threads.
    class ThreadName {
    public:
        explicit ThreadName(std::string name);
        ~ThreadName();
        ThreadName(const ThreadName&) = delete;
        ThreadName& operator=(const ThreadName&) = delete;

    private:
        std::string saved_;
    };

private:
    enum class Level { kDebug, kInfo, kWarning, kError };
    void emit(Level level, std::string_view message, std::string_view command = {},
              std::optional<std::string_view> payload = std::nullopt);
    void write_console(Level level, const std::string& line);
    void write_log(Level level, const std::string& message);
    void show_activity(std::string_view command);
    std::optional<std::string> machine_getpass(const std::string& user);

    UiKind kind_;
    bool debug_ = false;
    bool uid_validity_ = false;
    std::FILE* log_file_ = nullptr;
    std::unique_ptr<ui::SyslogClient> syslog_;
    std::unique_ptr<ui::Blinkenlights> screen_;
    ui::Redactor redactor_;
    std::vector<std::string> queue_;
    mutable std::mutex mutex_;
};

}  // namespace oimap::driver
