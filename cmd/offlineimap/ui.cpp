// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: ttyui writes to stderr, basic and quiet to stdout (spec §11.2);
// quiet shows warnings and errors only (debug with -d).  ttyui's thread-name headers are not
// reproduced: the stages run as child processes, not as named threads.
#include "ui.hpp"

#include <fcntl.h>
#include <syslog.h>
#include <termios.h>
#include <unistd.h>

#include <ctime>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::driver {
namespace {

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
    if (key == "ttyui")
        return UiKind::kTtyUi;
    if (key == "basic")
        return UiKind::kBasic;
    if (key == "quiet")
        return UiKind::kQuiet;
    if (key == "blinkenlights" || key == "machineui" || key == "syslog")
        throw ConfigError(cat("UI '", name,
                              "' is not supported yet by this offlineimap; use "
                              "one of: ttyui, basic, quiet"));
    throw ConfigError(cat("UI '", name,
                          "' does not exist, choose one of: ttyui, basic, quiet, "
                          "syslog, blinkenlights, machineui"));
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
    std::string first =
        cat(timestamp(),
            " INFO: OfflineImap 8.0.1 starting...\n  Platform: ", "linux\n  Args: ", args, "\n");
    std::fputs(first.c_str(), log_file_);
    std::fflush(log_file_);
}

void Ui::enable_syslog() {
    std::lock_guard lock(mutex_);
    ::openlog("offlineimap", LOG_PID, LOG_USER);
    syslog_ = true;
}

std::optional<std::string> Ui::getpass(const std::string& user) {
    if (kind_ != UiKind::kTtyUi)
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

bool Ui::had_errors() const {
    std::lock_guard lock(mutex_);
    return !queue_.empty();
}

int Ui::terminate() {
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

void Ui::emit(Level level, std::string_view message) {
    std::string text = sanitize_lines(message);
    std::lock_guard lock(mutex_);
    if (log_file_ != nullptr) {
        std::string line = cat(timestamp(), " ", level_name(int(level)), ": ", text, "\n");
        std::fputs(line.c_str(), log_file_);
        std::fflush(log_file_);
    }
    if (syslog_ && level != Level::kDebug) {
        int prio = level == Level::kError     ? LOG_ERR
                   : level == Level::kWarning ? LOG_WARNING
                                              : LOG_INFO;
        ::syslog(prio, "%s", text.c_str());
    }
    write_console(level, text);
}

void Ui::write_console(Level level, const std::string& message) {
    if (kind_ == UiKind::kQuiet && level == Level::kInfo)
        return;
    if (level == Level::kDebug && !debug_)
        return;
    std::FILE* out = console();
    std::string line = message + "\n";
    std::fwrite(line.data(), 1, line.size(), out);
    std::fflush(out);
}

}  // namespace oimap::driver
