// SPDX-License-Identifier: GPL-2.0-or-later
#include "mbnames.hpp"

#include <algorithm>
#include <filesystem>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "ui.hpp"

namespace oimap::driver {

namespace stdfs = std::filesystem;

Mbnames::Mbnames(const config::Ini& ini, const std::string& metadata, bool dry_run, Ui& ui,
                 MbnamesEval eval)
    : options_(config::read_mbnames(ini)),
      dir_(metadata + "/mbnames"),
      dry_run_(dry_run),
      ui_(ui),
      eval_(std::move(eval)) {
    if (!dry_run_)
        fs::make_directories(dir_);
}

void Mbnames::account_done(const std::string& account, const std::optional<std::string>& root,
                           const std::vector<std::string>& folders) {
    if (!enabled())
        return;
    std::vector<MbnamesItem> items;
    for (const std::string& folder : folders) {
        MbnamesItem item{account, folder, root};
        if (std::any_of(items.begin(), items.end(),
                        [&](const MbnamesItem& i) { return i.foldername == folder; }))
            continue;
        if (!options_->folderfilter || eval_.folder_filter(*options_->folderfilter, item))
            items.push_back(item);
    }
    std::string path = dir_ + "/" + account + ".json";
    if (dry_run_) {
        ui_.info("mbnames would write " + path);
    } else {
        try {
            fs::replace_file_atomically(path, mbnames_to_json(items));
        } catch (const Error& e) {
            ui_.error(e.what(), cat("intermediate mbnames file ", path, " not properly written"));
        }
    }
    if (options_->incremental)
        write_final();
}

void Mbnames::finish() {
    if (enabled() && !options_->incremental)
        write_final();
}

std::vector<std::string> Mbnames::intermediate_files() const {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : stdfs::directory_iterator(dir_, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.is_regular_file(ec) && name.size() >= 5 &&
            name.compare(name.size() - 5, 5, ".json") == 0)
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

void Mbnames::write_final() {
    std::vector<MbnamesItem> items;
    for (const std::string& file : intermediate_files()) {
        try {
            for (auto& item : mbnames_from_json(fs::read_file(file), file))
                items.push_back(std::move(item));
        } catch (const Error& e) {
            ui_.error(e.what(), cat("intermediate mbnames file ", file, " not properly read"));
        }
    }
    if (options_->sort_keyfunc) {
        eval_.sort(*options_->sort_keyfunc, items);
    } else {
        std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
            return std::tie(a.accountname, a.foldername) < std::tie(b.accountname, b.foldername);
        });
    }
    std::string text = eval_.string(options_->header);
    std::string sep = eval_.string(options_->sep);
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? sep : "") + format_peritem(options_->peritem, items[i]);
    text += eval_.string(options_->footer);
    if (dry_run_)
        return ui_.info("mbnames would write " + options_->filename);
    try {
        fs::replace_file_atomically(options_->filename, text);
    } catch (const Error& e) {
        ui_.error(e.what(), cat("mbnames file ", options_->filename, " not properly written"));
    }
}

void Mbnames::remove_file(const std::string& path) {
    if (dry_run_)
        return ui_.info("mbnames would remove " + path);
    std::error_code ec;
    if (!stdfs::remove(path, ec) && ec)
        throw IoError(cat("cannot remove '", path, "': ", ec.message()));
    ui_.info("removed " + path);
}

void Mbnames::prune(const std::vector<std::string>& accounts) {
    bool removed = false;
    for (const std::string& file : intermediate_files()) {
        std::string name = stdfs::path(file).filename().string();
        std::string account = name.substr(0, name.size() - 5);
        bool keep =
            enabled() && std::find(accounts.begin(), accounts.end(), account) != accounts.end();
        if (!keep) {
            remove_file(file);
            removed = true;
        }
    }
    if (!enabled())
        return;
    if (!removed)
        ui_.info("no cache file to remove");
    write_final();
}

}  // namespace oimap::driver
