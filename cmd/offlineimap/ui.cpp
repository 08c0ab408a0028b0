// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: ttyui writes to stderr, basic, quiet and machineui to stdout, the
// syslog UI to syslog only (spec §11.2); quiet shows warnings and errors only (debug with
// -d).  ttyui's thread-name headers are not reproduced: the stages run as child processes,
// not as named threads.  Every record is sanitized and redacted once, in emit().
#include "ui.hpp"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "ui/machine.hpp"

namespace oimap::driver {
namespace {

thread_local std::string t_thread_name = "MainThread";

constexpr char kMachineProtocol[] = "7.2.0";

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const char* level_name(int level) {
    static const char* kNames[] = {"DEBUG", "INFO", "WARNING", "ERROR"};
    return kNames[level];
}

const char* machine_level(int level) {
    static const char* kNames[] = {"debug", "msg", "warn", "error"};
    return kNames[level];
}

ui::Severity severity(int level) {
    static const ui::Severity kSeverities[] = {ui::Severity::kDebug, ui::Severity::kInfo,
                                               ui::Severity::kWarning, ui::Severity::kError};
    return kSeverities[level];
}

// Our own line breaks stay; control bytes from names and server text are escaped.
std::string sanitize_lines(std::string_view message) {
    std::string out;
    bool first = true;
    for (std::string_view line : split(message, '\n')) {
        if (!first)
            out += '\n';
        first = false;
        out += log::sanitize(line);
    }
    return out;
}

// The account a thread works for, from offlineimap's thread names: "Account sync <a>" and
// "Folder <f> [acc: <a>]"; "*Control" for the main thread.
std::string thread_account(const std::string& thread) {
    if (thread.rfind("Account sync ", 0) == 0)
        return thread.substr(13);
    size_t at = thread.rfind(" [acc: ");
    if (at != std::string::npos && thread.back() == ']')
        return thread.substr(at + 7, thread.size() - at - 8);
    return "*Control";
}

ui::Activity activity(std::string_view command) {
    using A = ui::Activity;
    if (command == "connecting" || command == "callhook")
        return A::kConnecting;
    if (command == "syncingfolder" || command == "syncfolders")
        return A::kFolder;
    if (command == "copyingmessage")
        return A::kCopying;
    if (command == "deletingmessages")
        return A::kDeleting;
    if (command == "addingflags" || command == "deletingflags")
        return A::kFlags;
    if (command == "acctdone")
        return A::kFinished;
    return A::kAccount;
}

std::string timestamp() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

}  // namespace

UiKind parse_ui(std::string_view name) {
    std::string key = lower(name);
    if (auto dot = key.rfind('.'); dot != std::string::npos) {
        key = key.substr(dot + 1);
        log::warning(
            "Using old interface name, consider using one of ttyui, basic, quiet, "
            "syslog, blinkenlights, machineui");
    }
    static const std::pair<const char*, UiKind> kNames[] = {
        {"ttyui", UiKind::kTtyUi},       {"basic", UiKind::kBasic},
        {"quiet", UiKind::kQuiet},       {"syslog", UiKind::kSyslog},
        {"machineui", UiKind::kMachine}, {"blinkenlights", UiKind::kBlinkenlights}};
    for (const auto& [n, kind] : kNames)
        if (key == n)
            return kind;
    throw ConfigError(cat("UI '", name,
                          "' does not exist, choose one of: ttyui, basic, quiet, "
                          "syslog, blinkenlights, machineui"));
}

bool blinkenlights_usable() {
    const char* term = std::getenv("TERM");
    return ::isatty(1) && ::isatty(0) && term != nullptr && *term != '\0' &&
           std::string_view(term) != "dumb";
}

Ui::Ui(UiKind kind) : kind_(kind) {
    if (kind_ == UiKind::kSyslog)
        syslog_ = std::make_unique<ui::SyslogClient>();
}

Ui::~Ui() {
    if (log_file_ != nullptr)
        std::fclose(log_file_);
}

std::FILE* Ui::console() const {
    bool to_stderr =
        kind_ == UiKind::kTtyUi || kind_ == UiKind::kSyslog || kind_ == UiKind::kBlinkenlights;
    return to_stderr ? stderr : stdout;
}

void Ui::set_log_file(const std::string& path, const std::vector<std::string>& argv) {
    std::FILE* f = std::fopen(path.c_str(), "ae");
    if (f == nullptr)
        throw_errno("open log file", path);
    std::lock_guard lock(mutex_);
    log_file_ = f;
    std::string args;
    for (const auto& a : argv)
        args += (args.empty() ? "" : " ") + a;
    std::string first = cat(timestamp(), " INFO: OfflineImap 8.0.1 starting...\n  Platform: ",
                            "linux\n  Args: ", redactor_.apply(args), "\n");
    std::fputs(first.c_str(), log_file_);
    std::fflush(log_file_);
}

void Ui::enable_syslog() {
    std::lock_guard lock(mutex_);
    if (!syslog_)
        syslog_ = std::make_unique<ui::SyslogClient>();
}

// MachineUI.getpass: a getpass record, then one line of standard input is the answer.
std::optional<std::string> Ui::machine_getpass(const std::string& user) {
    event("getpass", user, {});
    std::string line;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line += static_cast<char>(c);
    if (c == EOF && line.empty())
        return std::nullopt;
    return line;
}

std::optional<std::string> Ui::getpass(const std::string& user) {
    if (kind_ == UiKind::kMachine)
        return machine_getpass(user);
    if (kind_ != UiKind::kTtyUi && kind_ != UiKind::kBlinkenlights)
        return std::nullopt;
    std::lock_guard lock(mutex_);  // one prompt at a time, no log line in the middle
    fs::UniqueFd tty(::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!tty.valid())
        return std::nullopt;
    termios saved{};
    bool echo_off = ::tcgetattr(tty.get(), &saved) == 0;
    if (echo_off) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty.get(), TCSAFLUSH, &quiet);
    }
    std::string prompt = cat("Enter password for user '", user, "': ");
    (void)!::write(tty.get(), prompt.data(), prompt.size());
    std::string password;
    char c;
    while (::read(tty.get(), &c, 1) == 1 && c != '\n')
        password += c;
    if (echo_off)
        ::tcsetattr(tty.get(), TCSAFLUSH, &saved);
    (void)!::write(tty.get(), "\n", 1);
    return password;
}

void Ui::start_screen(const std::string& banner) {
    auto on_key = [this](char key) {
        if (key == 'q') {
            info("Requested shutdown via 'q'");
            ::kill(::getpid(), SIGTERM);
        } else {
            info(cat("Requested synchronization via '", key, "'"));
            ::kill(::getpid(), SIGUSR1);
        }
    };
    std::lock_guard lock(mutex_);
    screen_ = std::make_unique<ui::Blinkenlights>(banner, on_key);
}

void Ui::show_activity(std::string_view command) {
    if (screen_ && !command.empty())
        screen_->set_activity(thread_account(t_thread_name), activity(command));
}

void Ui::banner(std::string_view text) {
    if (kind_ == UiKind::kMachine) {
        // UIBase logs the banner before machineui installs its formatter: plain lines.
        std::string plain = cat(text, "\n");
        {
            std::lock_guard lock(mutex_);
            std::fputs(plain.c_str(), stdout);
            write_log(Level::kInfo, std::string(text));
        }
        event("protocol", kMachineProtocol, {});
        event("initbanner", text, {});
        return;
    }
    info(text);
}

void Ui::info(std::string_view message) {
    emit(Level::kInfo, message);
}

void Ui::warn(std::string_view message) {
    emit(Level::kWarning, message);
}

void Ui::error(std::string_view what, std::string_view context) {
    std::string text =
        context.empty() ? cat("ERROR: ", what) : cat("ERROR: ", context, "\n  ", what);
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(text);
    }
    emit(Level::kError, text);
}

void Ui::debug(std::string_view type, std::string_view message) {
    if (debug_)
        emit(Level::kDebug, cat("[", type, "]: ", message));
}

void Ui::event(std::string_view command, std::string_view payload, std::string_view text) {
    {
        std::lock_guard lock(mutex_);
        show_activity(command);
    }
    if (kind_ == UiKind::kMachine)
        emit(Level::kInfo, text, command, payload);
    else if (!text.empty())
        emit(Level::kInfo, text);
}

void Ui::progress(const std::string& account, const std::string& text) {
    std::lock_guard lock(mutex_);
    if (screen_)
        screen_->set_progress(account, text);
}

void Ui::thread_exited(const std::string& name) {
    if (kind_ != UiKind::kMachine)
        return;
    ThreadName main_thread("MainThread");
    event("threadExited", name, {});
    event("unregisterthread", name, {});
}

void Ui::sleeping(long step, long remaining) {
    if (kind_ == UiKind::kMachine)
        return event("sleeping", cat(step, "\n", remaining), {});
    {
        std::lock_guard lock(mutex_);
        if (screen_ && remaining > 0)
            screen_->set_countdown(thread_account(t_thread_name), remaining);
        else if (screen_)
            screen_->set_activity(thread_account(t_thread_name), ui::Activity::kAccount);
    }
    if (step <= 0 || remaining / 60 == (remaining - step) / 60)
        return;
    char text[64];
    std::snprintf(text, sizeof text, "Next refresh in %.1f minutes",
                  static_cast<double>(remaining) / 60.0);
    bool tty = kind_ == UiKind::kTtyUi || kind_ == UiKind::kBlinkenlights;
    if (tty)
        info(text);
    else
        debug("", text);
}

bool Ui::had_errors() const {
    std::lock_guard lock(mutex_);
    return !queue_.empty();
}

int Ui::terminate() {
    if (kind_ == UiKind::kMachine) {
        // MachineUI.terminate replaces UIBase's: no summary, and the status given (0).
        event("terminate", "0\n\n", {});
        return 0;
    }
    {
        std::lock_guard lock(mutex_);
        screen_.reset();  // the terminal restored: the summary comes in plain text
    }
    std::vector<std::string> queued;
    {
        std::lock_guard lock(mutex_);
        queued = queue_;
    }
    int status = 0;
    if (!queued.empty()) {
        warn("ERROR: Exceptions occurred during the run!");
        for (const auto& e : queued)
            warn(e);
        status = 1;
    }
    if (uid_validity_) {
        warn("At least one folder skipped due to UID validity problem");
        if (status == 0)
            status = 2;
    }
    return status;
}

Ui::ThreadName::ThreadName(std::string name) : saved_(std::move(t_thread_name)) {
    t_thread_name = std::move(name);
}

Ui::ThreadName::~ThreadName() {
    t_thread_name = std::move(saved_);
}

void Ui::emit(Level level, std::string_view message, std::string_view command,
              std::optional<std::string_view> payload) {
    if (level == Level::kDebug && !debug_)
        return;
    std::string text = redactor_.apply(sanitize_lines(message));
    std::lock_guard lock(mutex_);
    write_log(level, text);
    if (syslog_ && !text.empty())
        syslog_->send(severity(int(level)), text);
    if (kind_ == UiKind::kSyslog)
        return;
    if (kind_ == UiKind::kMachine) {
        std::string data = payload ? redactor_.apply(*payload) : text;
        write_console(level,
                      ui::machine_record(machine_level(int(level)), command, t_thread_name, data));
        return;
    }
    write_console(level, text);
}

void Ui::write_log(Level level, const std::string& message) {
    if (log_file_ == nullptr || message.empty())
        return;
    std::string line = cat(timestamp(), " ", level_name(int(level)), ": ", message, "\n");
    std::fputs(line.c_str(), log_file_);
    std::fflush(log_file_);
}

void Ui::write_console(Level level, const std::string& line) {
    if (kind_ == UiKind::kQuiet && level == Level::kInfo)
        return;
    if (screen_) {
        screen_->log(static_cast<ui::LogLevel>(level), line);
        return;
    }
    std::FILE* out = console();
    std::string text = line + "\n";
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
}

}  // namespace oimap::driver
