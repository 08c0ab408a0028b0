// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: every ncurses call happens under mutex_ (ncurses is not
// thread-safe); the key reader polls with a 100 ms timeout so that it never holds the lock
// while it waits.  The log keeps its last 500 lines so that a resize can redraw them.
#include "ui/blinken.hpp"

#include <ncurses.h>

#include <chrono>

namespace oimap::ui {
namespace {

constexpr size_t kKeptLines = 500;

enum Pair : short { kRed = 1, kMagenta, kWhite, kCyan, kYellow, kBlue, kGreen, kBlack };

int attributes(Activity a) {
    switch (a) {
        case Activity::kIdle:
        case Activity::kDeleting:
            return COLOR_PAIR(kRed);
        case Activity::kAccount:
            return COLOR_PAIR(kMagenta);
        case Activity::kConnecting:
            return COLOR_PAIR(kWhite);
        case Activity::kFolder:
            return COLOR_PAIR(kCyan);
        case Activity::kCopying:
            return COLOR_PAIR(kYellow);
        case Activity::kFlags:
            return COLOR_PAIR(kBlue);
        case Activity::kWarning:
            return COLOR_PAIR(kRed) | A_BOLD;
        case Activity::kFinished:
            return COLOR_PAIR(kBlack) | A_DIM;
    }
    return 0;
}

int attributes(LogLevel level) {
    switch (level) {
        case LogLevel::kError:
            return COLOR_PAIR(kRed) | A_BOLD;
        case LogLevel::kWarning:
            return COLOR_PAIR(kYellow);
        case LogLevel::kDebug:
            return A_DIM;
        case LogLevel::kInfo:
            break;
    }
    return 0;
}

WINDOW* win(void* w) {
    return static_cast<WINDOW*>(w);
}

}  // namespace

Blinkenlights::Blinkenlights(std::string banner, std::function<void(char)> on_key)
    : banner_(std::move(banner)), on_key_(std::move(on_key)) {
    std::lock_guard lock(mutex_);
    initscr();
    cbreak();
    noecho();
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
        short colours[] = {COLOR_RED,    COLOR_MAGENTA, COLOR_WHITE, COLOR_CYAN,
                           COLOR_YELLOW, COLOR_BLUE,    COLOR_GREEN, COLOR_BLACK};
        for (short i = 0; i < 8; ++i)
            init_pair(static_cast<short>(i + 1), colours[i], -1);
    }
    accounts_.push_back({"*Control"});
    layout();
    keys_ = std::thread([this] { read_keys(); });
}

Blinkenlights::~Blinkenlights() {
    stop_ = true;
    keys_.join();
    std::lock_guard lock(mutex_);
    if (log_window_ != nullptr)
        delwin(win(log_window_));
    endwin();
}

Blinkenlights::Account& Blinkenlights::account(const std::string& name) {
    for (auto& a : accounts_)
        if (a.name == name)
            return a;
    accounts_.push_back({name});
    layout();
    return accounts_.back();
}

// Banner on row 0, the log below it, one status line per account at the bottom.
void Blinkenlights::layout() {
    int rows = LINES, cols = COLS;
    int log_rows = std::max(1, rows - 1 - static_cast<int>(accounts_.size()));
    if (log_window_ != nullptr)
        delwin(win(log_window_));
    clear();
    attron(A_BOLD);
    mvaddnstr(0, 0, banner_.c_str(), cols);
    attroff(A_BOLD);
    refresh();
    WINDOW* w = newwin(log_rows, cols, 1, 0);
    scrollok(w, TRUE);
    log_window_ = w;
    size_t first = lines_.size() > static_cast<size_t>(log_rows) ? lines_.size() - log_rows : 0;
    for (size_t i = first; i < lines_.size(); ++i) {
        wattron(w, attributes(lines_[i].first));
        waddstr(w, (lines_[i].second + "\n").c_str());
        wattroff(w, attributes(lines_[i].first));
    }
    wrefresh(w);
    draw_status();
}

void Blinkenlights::draw_status() {
    int base = LINES - static_cast<int>(accounts_.size());
    for (size_t i = 0; i < accounts_.size(); ++i) {
        const Account& a = accounts_[i];
        int row = base + static_cast<int>(i);
        move(row, 0);
        clrtoeol();
        char head[64];
        std::snprintf(head, sizeof head,
                      "%c: [%6s] %12.12s: ", i == 0 ? ' ' : static_cast<char>('0' + (i - 1) % 10),
                      a.state.c_str(), a.name.c_str());
        addstr(head);
        attron(attributes(a.activity));
        addstr("@");
        attroff(attributes(a.activity));
        if (!a.progress.empty())
            addnstr((" " + a.progress).c_str(), std::max(0, COLS - 24));
    }
    refresh();
}

void Blinkenlights::log(LogLevel level, const std::string& text) {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(level, text);
    if (lines_.size() > kKeptLines)
        lines_.erase(lines_.begin());
    WINDOW* w = win(log_window_);
    wattron(w, attributes(level));
    waddstr(w, (text + "\n").c_str());
    wattroff(w, attributes(level));
    wrefresh(w);
}

void Blinkenlights::set_activity(const std::string& name, Activity activity) {
    std::lock_guard lock(mutex_);
    Account& a = account(name);
    a.activity = activity;
    a.state = activity == Activity::kFinished ? "done" : "active";
    draw_status();
}

void Blinkenlights::set_countdown(const std::string& name, long seconds) {
    std::lock_guard lock(mutex_);
    Account& a = account(name);
    char text[48];
    std::snprintf(text, sizeof text, "%ld:%02ld", seconds / 60, seconds % 60);
    a.state = text;
    a.activity = Activity::kIdle;
    draw_status();
}

void Blinkenlights::set_progress(const std::string& name, const std::string& text) {
    std::lock_guard lock(mutex_);
    account(name).progress = text;
    draw_status();
}

void Blinkenlights::read_keys() {
    while (!stop_) {
        int ch;
        {
            std::lock_guard lock(mutex_);
            timeout(0);
            ch = getch();
            if (ch == KEY_RESIZE)
                layout();
        }
        if ((ch >= '0' && ch <= '9') || ch == 'q')
            on_key_(static_cast<char>(ch));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace oimap::ui
