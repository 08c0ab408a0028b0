// SPDX-License-Identifier: GPL-2.0-or-later
#include "config_defaults.hpp"

#include <set>

#include "config/load.hpp"
#include "config/model.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "imap/utf7.hpp"
#include "pyeval/evaluator.hpp"

namespace oimap::sync_plan {
namespace {

void fill(std::optional<std::string>& option, const std::string& value) {
    if (!option)
        option = value;
}

// offlineimap evaluates nametrans and folderfilter with `re` in scope (spec §3.1).
void add_expressions(const config::Repository& repo, sync::NameTrans& nametrans,
                     sync::FolderFilter& filter, pyeval::Evaluator& evaluator) {
    if (repo.nametrans) {
        auto e =
            evaluator.compile(cat("[Repository ", repo.name, "] nametrans"), *repo.nametrans, true);
        nametrans = [e](const std::string& name) { return e.call_str(name); };
    }
    if (repo.folderfilter) {
        auto e = evaluator.compile(cat("[Repository ", repo.name, "] folderfilter"),
                                   *repo.folderfilter, true);
        filter = [e](const std::string& name) { return e.call_bool({name}); };
    }
    // Repository.should_sync_folder: a name in folderincludes passes whatever the filter says.
    if (repo.folderincludes && filter) {
        auto list = evaluator.compile(cat("[Repository ", repo.name, "] folderincludes"),
                                      *repo.folderincludes, true).eval_list();
        std::set<std::string> includes(list.begin(), list.end());
        filter = [includes, filter](const std::string& name) {
            return includes.count(name) > 0 || filter(name);
        };
    }
}

// A local repository's startdate (new = remote, partial = local) is meant for IMAP<->IMAP
// (spec §5.7.3); with a Maildir it would key later runs on UIDs the files got from
// another server.  Not done there.
void refuse_unsupported(const config::ResolvedAccount& a) {
    if (a.local.startdate && !a.local.imap)
        throw ConfigError(cat("cannot plan account '", a.account.name,
                              "': startdate of local repository '", a.local.name,
                              "' is not supported yet"));
}

void fill_maildir(Options& opt, const config::ResolvedAccount& a) {
    const auto& maildir = a.local.maildir;
    if (!maildir && opt.local_imap && a.local.imap)
        return;  // a local IMAP repository: its separator is its server's (main.cpp)
    if (!maildir)
        throw ConfigError(cat("cannot plan account '", a.account.name, "': its local repository '",
                              a.local.name, "' is not a Maildir"));
    if (!opt.local_sep) {
        if (maildir->sep != "." && maildir->sep != "/")
            throw ConfigError(cat("cannot use sep '", maildir->sep, "' of repository '",
                                  a.local.name, "': it must be '.' or '/'"));
        opt.local_sep = maildir->sep[0];
    }
    fill(opt.local_root, maildir->localfolders);
    for (const auto& [letter, keyword] : maildir->customflags)
        opt.customflags.emplace(letter, keyword);
}

}  // namespace

void apply_config(Options& opt, sync::PlannerOptions& planner) {
    if (!opt.config_file && !opt.config_account)
        return;
    // Plumbing never looks for a configuration on its own: both are explicit.
    if (!opt.config_file || !opt.config_account)
        throw UsageError("-c FILE and -a ACCOUNT go together");
    config::Ini ini = config::load_file(*opt.config_file);
    config::General general = config::read_general(ini);
    config::ResolvedAccount a = config::resolve_account(ini, *opt.config_account);
    refuse_unsupported(a);
    fill(opt.metadata, general.metadata);
    fill(opt.account, a.account.name);
    fill(opt.local_repository, a.local.name);
    fill(opt.remote_repository, a.remote.name);
    fill_maildir(opt, a);
    opt.local_readonly |= a.local.readonly;
    opt.remote_readonly |= a.remote.readonly;
    opt.no_create_local_folders |= !a.local.createfolders;
    opt.no_create_remote_folders |= !a.remote.createfolders;
    opt.no_sync_deletes_local |= !a.local.sync_deletes;
    opt.no_sync_deletes_remote |= !a.remote.sync_deletes;
    if (a.account.maxage)
        fill(opt.maxage, *a.account.maxage);
    if (a.remote.startdate)
        fill(opt.remote_startdate, *a.remote.startdate);
    if (a.local.startdate)
        fill(opt.local_startdate, *a.local.startdate);
    if (!opt.maxsize && a.account.maxsize && *a.account.maxsize > 0)
        opt.maxsize = static_cast<uint64_t>(*a.account.maxsize);
    opt.windows_compatible |= a.account.maildir_windows_compatible;
    pyeval::Evaluator evaluator(pyeval::EvaluatorOptions{.pythonfile = general.pythonfile});
    add_expressions(a.local, planner.local_nametrans, planner.local_filter, evaluator);
    add_expressions(a.remote, planner.remote_nametrans, planner.remote_filter, evaluator);
    if (a.account.utf8foldernames) {
        planner.remote_decode = [](const std::string& raw) {
            try {
                return imap::decode_mutf7(raw);
            } catch (const FormatError&) {
                return raw;  // not modified UTF-7 (e.g. a UTF8=ACCEPT server): use it as is
            }
        };
        planner.remote_encode = [](const std::string& name) { return imap::encode_mutf7(name); };
    }
}

}  // namespace oimap::sync_plan
