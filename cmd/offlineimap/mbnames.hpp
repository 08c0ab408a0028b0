// SPDX-License-Identifier: GPL-2.0-or-later
// The mbnames feature (spec §2.4, §7.7, §10.8): per-account intermediate files and the
// final file (e.g. mutt "mailboxes" lines), and --mbnames-prune.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/ini.hpp"
#include "config/model.hpp"
#include "driver/mbnames_json.hpp"

namespace oimap::driver {

class Ui;

/// The Python expressions of [mbnames], evaluated by the caller's evaluator.
struct MbnamesEval {
    /// header, sep, footer: the expression's str value.
    std::function<std::string(const std::string& expr)> string;
    /// folderfilter(accountname, foldername).
    std::function<bool(const std::string& expr, const MbnamesItem& item)> folder_filter;
    /// Sorts items by sort_keyfunc(dict).
    std::function<void(const std::string& expr, std::vector<MbnamesItem>& items)> sort;
};

class Mbnames {
public:
    /// Reads [mbnames] (if any) and, unless dry_run, creates <metadata>/mbnames/.
    Mbnames(const config::Ini& ini, const std::string& metadata, bool dry_run, Ui& ui,
            MbnamesEval eval);

    bool enabled() const { return options_ && options_->enabled; }
    /// After an account sync that dispatched folders: writes <account>.json with the folders
    /// that pass [mbnames] folderfilter, in sync order; with incremental, also the final file.
    void account_done(const std::string& account, const std::optional<std::string>& root,
                      const std::vector<std::string>& folders);
    /// At the end of the run: the final file from every intermediate file (not incremental).
    void finish();
    /// --mbnames-prune: when enabled, removes the intermediate files of accounts not in
    /// accounts (exact names, spec §14) and rewrites the final file; when disabled, removes
    /// all of them.
    void prune(const std::vector<std::string>& accounts);

private:
    void write_final();
    std::vector<std::string> intermediate_files() const;
    void remove_file(const std::string& path);

    std::optional<config::Mbnames> options_;
    std::string dir_;
    bool dry_run_;
    Ui& ui_;
    MbnamesEval eval_;
};

}  // namespace oimap::driver
