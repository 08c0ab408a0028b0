// SPDX-License-Identifier: GPL-2.0-or-later
// offlineimap's blinkenlights UI (spec §11.5) on ncurses: a banner line, a scrolling log
// coloured by level, and at the bottom one status line per account, "<hotkey>: [<state>]
// <account>: " and a light coloured by what the account is doing.  Keys: a digit asks for
// a sync now, 'q' for a shutdown.  ncurses is confined to this file.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace oimap::ui {

/// What an account is doing, as the colour of its light.
enum class Activity {
    kIdle,        ///< red: sleeping
    kAccount,     ///< purple: account set-up
    kConnecting,  ///< white: connecting, hooks
    kFolder,      ///< cyan: folder sync
    kCopying,     ///< orange (yellow): copying messages
    kDeleting,    ///< red: deleting
    kFlags,       ///< blue: flags
    kWarning,     ///< bold red
    kFinished,    ///< black (dim)
};

enum class LogLevel { kDebug, kInfo, kWarning, kError };

/// Thread-safe.  The destructor restores the terminal.
class Blinkenlights {
public:
    /// Takes over the terminal.  on_key gets '0'..'9' and 'q'.
    Blinkenlights(std::string banner, std::function<void(char)> on_key);
    ~Blinkenlights();
    Blinkenlights(const Blinkenlights&) = delete;
    Blinkenlights& operator=(const Blinkenlights&) = delete;

    void log(LogLevel level, const std::string& text);
    /// The account's light and state text ("active", or a "M:SS" countdown).
    void set_activity(const std::string& account, Activity activity);
    void set_countdown(const std::string& account, long seconds);
    /// A progress note shown after the account's light ("3/10 msgs, 12 KiB").
    void set_progress(const std::string& account, const std::string& text);

private:
    struct Account {
        std::string name, state = "active", progress;
        Activity activity = Activity::kAccount;
    };
    Account& account(const std::string& name);
    void layout();
    void draw_status();
    void read_keys();

    std::string banner_;
    std::function<void(char)> on_key_;
    std::vector<Account> accounts_;
    std::vector<std::pair<LogLevel, std::string>> lines_;
    std::recursive_mutex mutex_;
    std::atomic<bool> stop_{false};
    std::thread keys_;
    void* log_window_ = nullptr;  ///< WINDOW*, kept out of this header
};

}  // namespace oimap::ui
