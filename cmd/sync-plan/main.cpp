// SPDX-License-Identifier: GPL-2.0-or-later
// sync-plan: diffs a remote-state and a local-state listing against offlineimap's sync
// state and writes the operations of one sync as a sync-plan stream (sync-plan(1)).
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "config_defaults.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"
#include "facts.hpp"
#include "options.hpp"
#include "settings.hpp"
#include "maildir/md5.hpp"
#include "status/uid_map.hpp"
#include "sync/mapped_listing.hpp"
#include "sync/planner_disk_state.hpp"

namespace oimap::sync_plan {
namespace {

constexpr const char* kVersion = "0.1";

template <typename Listing, typename Read>
Listing read_input(const std::string& path, Read read) {
    if (path == "-")
        return read(std::cin, "<stdin>");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT)
            throw NoInputError(cat("cannot open '", path, "': No such file or directory"));
        throw_errno("open", path);
    }
    Listing listing = read(in, path);
    if (in.bad())
        throw_errno("read", path);
    return listing;
}

// --local-imap (spec §5.12): the local server's listing and the UID maps make the local
// listing; the FolderValidity check of the local side uses that server's UIDVALIDITY.
sync::LocalListing read_local(const Options& opt, sync::PlannerOptions& planner) {
    if (!opt.local_imap)
        return read_input<sync::LocalListing>(*opt.local, sync::read_local_listing);
    auto server = read_input<sync::RemoteListing>(*opt.local_imap, sync::read_remote_listing);
    std::map<std::string, uint32_t> validity;
    for (const auto& f : server.folders)
        validity[f.folder.name] = f.folder.uid_validity;
    // offlineimap's IMAP repository getsep(): the server's hierarchy delimiter.
    for (const auto& f : server.folders)
        if (!opt.local_sep && (f.folder.delimiter == "." || f.folder.delimiter == "/")) {
            planner.local_sep = f.folder.delimiter[0];
            break;
        }
    planner.local_uid_validity = [validity](const std::string& name) {
        auto it = validity.find(name);
        return it == validity.end() ? uint32_t{0} : it->second;
    };
    sync::NameTrans trans = planner.local_nametrans;
    auto load = [&](const std::string& folder) {
        return status::load_uid_map(
            status::uid_map_path(*opt.metadata, *opt.local_repository, folder),
            status::UidMapAccess::kReadOnly);
    };
    auto fmd5 = [&](const std::string& folder) {
        return maildir::folder_md5(trans ? trans(folder) : folder);
    };
    auto journal = [&](const std::string& folder) {
        return sync::read_delivery_journal(
            sync::delivery_journal_path(*opt.metadata, *opt.local_repository, folder));
    };
    return sync::mapped_local_listing(server, {.load_map = load, .fmd5 = fmd5, .load_journal = journal});
}

void write_plan(std::ostream& out, const Options& opt, const sync::LocalListing& local,
                const sync::PlanResult& result) {
    format::PlanWriter writer(out);
    writer.meta("account", *opt.account);
    auto root = local.meta.find("root");
    if (opt.local_root)
        writer.meta("local-root", *opt.local_root);
    else if (root != local.meta.end())
        writer.meta("local-root", root->second);
    writer.meta("metadata", *opt.metadata);
    writer.meta("local-repository", *opt.local_repository);
    writer.meta("remote-repository", *opt.remote_repository);
    writer.meta("local-sep", std::string(1, opt.local_sep.value_or('.')));
    writer.meta("maildir-windows-compatible", opt.windows_compatible ? "yes" : "no");
    writer.meta("tool", cat("sync-plan ", kVersion));
    for (const auto& item : result.items) {
        if (auto* op = std::get_if<format::PlanOp>(&item))
            writer.op(*op);
        else if (auto* pair = std::get_if<format::FolderPair>(&item))
            writer.pair(*pair);
        else
            writer.skip(std::get<format::FolderSkip>(item));
    }
    writer.finish();
}

int sync_plan_main(int argc, char** argv) {
    log::configure_from_environment();
    Options opt = parse_options(argc, argv);
    if (opt.debug)
        log::enable_categories(*opt.debug);
    if (opt.help) {
        std::fputs(help_text().c_str(), stdout);
        return 0;
    }
    if (opt.version) {
        std::printf("sync-plan %s\nreads: %s %d, %s %d\nwrites: %s %d\n", kVersion,
                    format::kRemoteStateKind, format::kRemoteStateMajor, format::kLocalStateKind,
                    format::kLocalStateMajor, format::kPlanKind, format::kPlanMajor);
        return 0;
    }
    sync::PlannerOptions from_config;
    apply_config(opt, from_config);
    check_required(opt);
    sync::PlannerOptions planner = planner_options(opt, std::move(from_config));
    std::string root = opt.local_root.value_or("");
    auto remote = read_input<sync::RemoteListing>(*opt.remote, sync::read_remote_listing);
    auto local = read_local(opt, planner);
    if (root.empty() && local.meta.count("root"))
        root = local.meta.at("root");
    if (!root.empty())
        planner.local_rescan = [&](const std::string& folder) {
            return rescan_local(root, opt.windows_compatible, folder);
        };
    sync::DiskStateSource state(*opt.metadata, *opt.account);
    sync::PlanResult result = sync::make_plan(remote, local, state, planner);
    for (const auto& warning : result.warnings)
        log::warning(log::sanitize(warning));
    if (opt.output) {
        std::ostringstream text;
        write_plan(text, opt, local, result);
        fs::replace_file_atomically(*opt.output, text.str(), false);
    } else {
        write_plan(std::cout, opt, local, result);
    }
    // With maxage or maxsize the status rows hold only part of the server's messages, so a
    // "none" or "changes" listing could never add up to its count: no facts then.
    if (opt.save_facts && !planner.maxage_cutoff && !planner.maxsize && !planner.remote_startdate &&
        !planner.local_startdate)
        save_settled(*opt.metadata, *opt.account, result.settled);
    // sync-plan(1): 2 when a folder was skipped for a changed UIDVALIDITY; the plan is whole.
    return result.uid_validity_problem ? 2 : 0;
}

}  // namespace
}  // namespace oimap::sync_plan

int main(int argc, char** argv) {
    return oimap::run_main(argc, argv, oimap::sync_plan::sync_plan_main);
}
