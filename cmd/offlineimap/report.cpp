// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap logs while it works; the plan is carried out by
// sync-apply, so the driver logs each pair's operations from the plan just before it is
// applied, grouped as offlineimap groups them (copies one by one, deletions and flag changes
// per folder and flag).  Local files have no UID before upload: offlineimap shows their
// negative temporary UIDs, we show -1, -2, ... as it does.
#include "report.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "driver/offlineimap_text.hpp"
#include "format/remote_state.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

std::string file_flags(const std::string& file) {
    size_t at = file.rfind(":2,");
    if (at == std::string::npos)
        at = file.rfind("!2,");
    return at == std::string::npos ? "" : file.substr(at + 3);
}

// One pair's operations, grouped the way offlineimap reports them.
struct PairOps {
    format::FolderPair pair;
    std::vector<format::PlanOp> to_local, to_remote, delete_local, delete_remote;
    std::map<char, std::vector<uint32_t>> add_local, del_local, add_remote, del_remote;

    void add(const format::PlanOp& op) {
        using K = format::OpKind;
        switch (op.kind) {
            case K::kCopyToLocal:
                to_local.push_back(op);
                break;
            case K::kCopyToRemote:
            case K::kAdoptOrCopyToRemote:  // shown as the upload offlineimap would make
                to_remote.push_back(op);
                break;
            case K::kDeleteLocal:
                delete_local.push_back(op);
                break;
            case K::kDeleteRemote:
                delete_remote.push_back(op);
                break;
            case K::kSetLocalFlags:
                diff(file_flags(op.file), op.flags, op.uid, add_local, del_local);
                break;
            case K::kSetRemoteFlags:
                diff(op.from_flags, op.flags, op.uid, add_remote, del_remote);
                break;
            default:
                break;
        }
    }
    static void diff(const std::string& from, const std::string& to, uint32_t uid,
                     std::map<char, std::vector<uint32_t>>& added,
                     std::map<char, std::vector<uint32_t>>& removed) {
        for (char c : to)
            if (from.find(c) == std::string::npos)
                added[c].push_back(uid);
        for (char c : from)
            if (to.find(c) == std::string::npos)
                removed[c].push_back(uid);
    }
};

class Reporter {
public:
    Reporter(const ReportNames& names, bool dry_run, Ui& ui)
        : n_(names), dry_(dry_run), prefix_(dry_run ? "[DRYRUN] " : ""), ui_(ui) {}

    void folder_op(const format::PlanOp& op) {
        bool local = op.kind == format::OpKind::kCreateLocalFolder;
        ui_.info(cat(prefix_, "Creating folder ", op.folder, "[",
                     local ? n_.local_repository : n_.remote_repository, "]"));
    }

    void pair(const PairOps& p) {
        const std::string& remote = p.pair.remote;
        if (!n_.status_dir.empty() &&
            ::access((n_.status_dir + "/" + p.pair.status).c_str(), F_OK) != 0) {
            std::string text =
                cat("Creating new Local Status db for ", n_.local_repository, ":", p.pair.status);
            ui_.event("_display", text, text);
        }
        if (!announced_) {
            ui_.event("syncfolders", cat(n_.remote_type, "\n", n_.local_type), {});
            announced_ = true;
        }
        std::string thread_name = cat("Folder ", remote, " [acc: ", n_.account, "]");
        {
            Ui::ThreadName thread(thread_name);
            ui_.event("registerthread", n_.account, {});
            folder(p);
        }
        ui_.thread_exited(thread_name);
    }

private:
    struct Side {
        const std::string& repo;
        const std::string& type;
        const std::string& folder;
    };

    void folder(const PairOps& p) {
        const std::string& remote = p.pair.remote;
        const std::string& local = p.pair.local;
        ui_.event("syncingfolder",
                  cat(n_.remote_type, "\n", remote, "\n", n_.local_type, "\n", local, "\n"),
                  cat("Syncing ", remote, ": ", n_.remote_type, " -> ", n_.local_type));
        Side remote_side{n_.remote_repository, n_.remote_type, remote};
        Side local_side{n_.local_repository, n_.local_type, local};
        syncing_messages(remote_side, local_side);
        copies(p.to_local, remote_side, local_side);
        deletions(p.delete_local, local_side);
        flags(p.add_local, p.del_local, local);
        syncing_messages(local_side, remote_side);
        copies(p.to_remote, local_side, remote_side);
        deletions(p.delete_remote, remote_side);
        flags(p.add_remote, p.del_remote, remote);
    }

    void syncing_messages(const Side& src, const Side& dst) {
        ui_.event("syncingmessages",
                  cat(src.type, "\n", src.folder, "\n", dst.type, "\n", dst.folder, "\n"), {});
    }

    static std::string joined(const std::vector<uint32_t>& uids) {
        std::string out;
        for (uint32_t uid : uids)
            out += (out.empty() ? "" : "\f") + std::to_string(uid);
        return out;
    }

    void copies(const std::vector<format::PlanOp>& ops, const Side& src, const Side& dst) {
        if (ops.empty())
            return;
        if (dry_) {
            ui_.info(cat(prefix_, "Copy ", ops.size(), " messages from ", src.folder, "[", src.repo,
                         "] to ", dst.repo));
            return;
        }
        for (size_t i = 0; i < ops.size(); ++i) {
            std::string uid = ops[i].uid ? std::to_string(ops[i].uid) : cat("-", i + 1);
            ui_.event(
                "copyingmessage",
                cat(uid, "\n", src.type, "\n", src.folder, "\n", dst.type, "[", dst.folder, "]"),
                cat("Copy message UID ", uid, " (", i + 1, "/", ops.size(), ") ", src.repo, ":",
                    src.folder, " -> ", dst.repo, ":", dst.folder));
        }
    }

    void deletions(const std::vector<format::PlanOp>& ops, const Side& side) {
        if (ops.empty())
            return;
        std::vector<uint32_t> uids;
        for (const auto& op : ops)
            uids.push_back(op.uid);
        ui_.event("deletingmessages", cat(joined(uids), "\n", side.type, "\t", side.folder),
                  cat(prefix_, "Deleting ", uids.size(), " messages (", uid_sequence(uids), ") in ",
                      side.type, "[", side.folder, "]"));
    }

    void flags(const std::map<char, std::vector<uint32_t>>& added,
               const std::map<char, std::vector<uint32_t>>& removed, const std::string& folder) {
        for (const auto& [flag, uids] : added)
            ui_.event("addingflags", cat(joined(uids), "\n", flag, "\n", folder),
                      cat("Adding flag ", flag, " to ", uids.size(), " messages on ", folder));
        for (const auto& [flag, uids] : removed)
            ui_.event("deletingflags", cat(joined(uids), "\n", flag, "\n", folder),
                      cat("Deleting flag ", flag, " from ", uids.size(), " messages on ", folder));
    }

    const ReportNames& n_;
    bool announced_ = false;  // machineui's syncfolders record, before the first pair
    bool dry_;
    std::string prefix_;
    Ui& ui_;
};

void report_skip(const format::FolderSkip& skip, const ReportNames& names, Ui& ui,
                 PlanSummary& summary) {
    ++summary.skips;
    if (skip.reason == "startdate") {  // offlineimap's MESSAGE-level error in syncfolder
        ui.error(skip.message,
                 cat("Aborting sync, folder '", skip.local, "' [acc: '", names.account, "']"));
        summary.dispatched.push_back(skip.local);
    } else if (skip.reason == "unchanged") {
        ui.info(skip.message);
        summary.dispatched.push_back(skip.local);
    } else if (skip.reason == "uidvalidity") {
        summary.uid_validity_problem = true;
        summary.dispatched.push_back(skip.local);
    } else if (skip.reason != "separator") {
        ui.error(skip.message);
    }
}

}  // namespace

PlanSummary report_plan(const std::string& path, const ReportNames& names, bool dry_run, Ui& ui) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError(cat("cannot read plan '", path, "'"));
    format::PlanReader reader(in, path);
    Reporter reporter(names, dry_run, ui);
    PlanSummary summary;
    std::optional<PairOps> current;
    auto flush = [&] {
        if (current)
            reporter.pair(*current);
        current.reset();
    };
    while (auto item = reader.next()) {
        if (auto* pair = std::get_if<format::FolderPair>(&*item)) {
            flush();
            current = PairOps{.pair = *pair};
            summary.pairs.push_back(*pair);
            summary.dispatched.push_back(pair->local);
        } else if (auto* skip = std::get_if<format::FolderSkip>(&*item)) {
            flush();
            if (skip->reason == "up-to-date") {  // a pair with nothing to do (doc/planner.md)
                current = PairOps{.pair = {.remote = skip->remote, .local = skip->local}};
                summary.dispatched.push_back(skip->local);
                continue;
            }
            report_skip(*skip, names, ui, summary);
        } else if (auto* op = std::get_if<format::PlanOp>(&*item)) {
            ++summary.operations;
            if (op->kind == format::OpKind::kCopyToLocal && op->folder == "INBOX" &&
                op->flags.find('S') == std::string::npos)
                summary.new_mail = true;
            bool create = op->kind == format::OpKind::kCreateLocalFolder ||
                          op->kind == format::OpKind::kCreateRemoteFolder;
            if (create || !current)
                reporter.folder_op(*op);
            else
                current->add(*op);
        }
    }
    flush();
    return summary;
}

std::vector<std::string> missing_includes(const std::string& path,
                                          const std::vector<std::string>& includes) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError(cat("cannot read listing '", path, "'"));
    format::RemoteStateReader reader(in, path);
    std::vector<std::string> missing = includes;
    while (auto item = reader.next())
        if (auto* folder = std::get_if<format::RemoteFolder>(&*item))
            std::erase(missing, folder->name);
    return missing;
}

}  // namespace oimap::driver
