// SPDX-License-Identifier: GPL-2.0-or-later
#include "stages.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <climits>

#include "connection.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "imap/utf7.hpp"
#include "pipeline.hpp"

namespace oimap::driver {
namespace {

void add(std::vector<std::string>& args, const char* flag, const std::string& value) {
    args.push_back(flag);
    args.push_back(value);
}

std::vector<std::pair<std::string, std::string>> child_env(const PipelineInput& in) {
    if (in.debug.empty())
        return {};
    return {{"OIMAP_DEBUG", in.debug}};
}

const config::MaildirOptions& maildir(const PipelineInput& in) {
    return *in.account->local.maildir;
}

// The account's status DBs, whose saved facts make the listings incremental (doc/planner.md).
std::string state_dir(const PipelineInput& in) {
    return cat(in.general->metadata, "/Account-", in.account->account.name, "/LocalStatus-sqlite");
}

bool is_secret(const std::string& option) {
    return option == "remotepass" || option == "remotepasseval" || option.rfind("oauth2_", 0) == 0;
}

}  // namespace

std::string stage_program(const std::string& name) {
    char self[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string beside = fs::dirname(std::string(self, static_cast<size_t>(n))) + "/" + name;
        if (::access(beside.c_str(), X_OK) == 0)
            return beside;
    }
    return name;
}

process::Spec fetch_spec(const PipelineInput& in, const StageFiles& files) {
    process::Spec spec{.program = stage_program("imap-fetch"), .args = in.connection->args};
    const auto& listing = in.connection->listing_args;
    spec.args.insert(spec.args.end(), listing.begin(), listing.end());
    // offlineimap EXAMINEs imaputil.utf8_IMAP(name): the include in modified UTF-7.
    for (const std::string& name : in.folderincludes)
        add(spec.args, "--include", imap::encode_mutf7(name));
    add(spec.args, "--state-dir", state_dir(in));
    add(spec.args, "-o", files.remote);
    spec.env = child_env(in);
    return spec;
}

process::Spec scan_spec(const PipelineInput& in, const StageFiles& files) {
    process::Spec spec{.program = stage_program("maildir-scan")};
    add(spec.args, "--root", maildir(in).localfolders);
    add(spec.args, "--sep", maildir(in).sep);
    if (in.account->account.maildir_windows_compatible)
        spec.args.push_back("--windows-compatible");
    for (const auto& [letter, keyword] : maildir(in).customflags)
        add(spec.args, "--customflag", cat(letter, "=", keyword));
    add(spec.args, "--state-dir", state_dir(in));
    add(spec.args, "-o", files.local);
    spec.env = child_env(in);
    return spec;
}

process::Spec local_fetch_spec(const PipelineInput& in, const StageFiles& files) {
    process::Spec spec{.program = stage_program("imap-fetch"), .args = in.local_connection->args};
    // A mapped folder is never decoded (decode=False, spec §5.12): the reference only.
    for (const std::string& arg : in.local_connection->listing_args)
        if (arg != "--utf8-folder-names")
            spec.args.push_back(arg);
    add(spec.args, "-o", files.local);
    spec.env = child_env(in);
    return spec;
}

// A local IMAP repository (spec §5.12): the local server's listing instead of a Maildir's.
void add_local_side(const PipelineInput& in, const StageFiles& files, std::vector<std::string>& args) {
    if (in.local_connection != nullptr) {
        add(args, "--local-imap", files.local);
        return;
    }
    add(args, "--local", files.local);
    add(args, "--local-sep", maildir(in).sep);
    add(args, "--local-root", maildir(in).localfolders);
    for (const auto& [letter, keyword] : maildir(in).customflags)
        add(args, "--customflag", cat(letter, "=", keyword));
}

process::Spec plan_spec(const PipelineInput& in, const StageFiles& files) {
    const config::ResolvedAccount& a = *in.account;
    process::Spec spec{.program = stage_program("sync-plan")};
    add(spec.args, "--remote", files.remote);
    add_local_side(in, files, spec.args);
    add(spec.args, "--metadata", in.general->metadata);
    add(spec.args, "--account", a.account.name);
    add(spec.args, "--local-repository", a.local.name);
    add(spec.args, "--remote-repository", a.remote.name);
    if (in.quick)
        spec.args.push_back("--quick");
    if (!in.dry_run)
        spec.args.push_back("--save-facts");
    if (a.remote.readonly)
        spec.args.push_back("--remote-readonly");
    if (a.local.readonly)
        spec.args.push_back("--local-readonly");
    if (!a.remote.createfolders)
        spec.args.push_back("--no-create-remote-folders");
    if (!a.local.createfolders)
        spec.args.push_back("--no-create-local-folders");
    if (!a.remote.sync_deletes)
        spec.args.push_back("--no-sync-deletes-remote");
    if (!a.local.sync_deletes)
        spec.args.push_back("--no-sync-deletes-local");
    if (a.account.maxage)
        add(spec.args, "--maxage", *a.account.maxage);
    if (a.account.maxsize)
        add(spec.args, "--maxsize", std::to_string(*a.account.maxsize));
    if (a.account.maildir_windows_compatible)
        spec.args.push_back("--windows-compatible");
    // nametrans, folderfilter, folderincludes, foldersort and utf8foldernames exist only in
    // the offlineimaprc: sync-plan reads them from the effective copy (after -k, -f, -q).
    add(spec.args, "-c", files.config);
    add(spec.args, "-a", a.account.name);
    add(spec.args, "-o", files.plan);
    spec.env = child_env(in);
    return spec;
}

process::Spec apply_spec(const PipelineInput& in, const std::string& plan) {
    process::Spec spec{.program = stage_program("sync-apply"), .args = in.connection->args};
    add(spec.args, "--metadata", in.general->metadata);
    add(spec.args, "--account", in.account->account.name);
    if (in.local_connection != nullptr) {
        // sync-apply(1): the local server's connection is every flag again with "local-".
        for (const std::string& arg : in.local_connection->args)
            spec.args.push_back(arg.rfind("--", 0) == 0 ? "--local-" + arg.substr(2) : arg);
    } else {
        add(spec.args, "--root", maildir(in).localfolders);
        add(spec.args, "--sep", maildir(in).sep);
    }
    if (in.account->account.maildir_windows_compatible)
        spec.args.push_back("--maildir-windows-compatible");
    if (in.account->remote.imap)  // offlineimap's retrycount: attempts of a FETCH
        add(spec.args, "--fetch-attempts", std::to_string(std::max(1, in.account->remote.imap->retrycount)));
    if (!in.general->fsync)
        spec.args.push_back("--no-fsync");
    spec.args.push_back("--no-lock");  // the driver holds the account lock
    spec.args.push_back("-q");         // its summary line is not offlineimap's
    spec.args.push_back(plan);
    spec.env = child_env(in);
    return spec;
}

void write_effective_config(const config::Ini& ini, const std::string& path) {
    std::string text;
    for (const std::string& section : ini.sections()) {
        text += "[" + section + "]\n";
        for (const std::string& option : ini.options(section)) {
            if (is_secret(option))
                continue;  // sync-plan never needs them
            std::string value = ini.get_raw(section, option).value_or("");
            std::string indented;
            for (char c : value)
                indented += c == '\n' ? std::string("\n\t") : std::string(1, c);
            text += option + " = " + indented + "\n";
        }
        text += "\n";
    }
    fs::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!fd.valid())
        throw_errno("write", path);
    fs::write_all(fd.get(), text, path);
}

}  // namespace oimap::driver
