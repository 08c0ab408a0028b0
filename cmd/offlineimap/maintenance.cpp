// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: --migrate-fmd5-using-nametrans reads the Maildir through
// maildir-scan(1) like a sync does, so the folder and file names are found exactly as a
// sync finds them; the renames are done here, one rename(2) per file, never replacing.
#include "maintenance.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <fstream>

#include "accounts.hpp"
#include "config/model.hpp"
#include "config/registry.hpp"
#include "connection.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "expressions.hpp"
#include "format/local_state.hpp"
#include "imap/session.hpp"
#include "imap/utf7.hpp"
#include "maildir/folder.hpp"
#include "maildir/md5.hpp"
#include "process/run.hpp"
#include "setup.hpp"
#include "stages.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

config::ResolvedAccount resolve(const MaintenanceContext& ctx, const std::string& name) {
    config::check_supported(ctx.ini, name);
    return config::resolve_account(ctx.ini, name);
}

// Lists the local folders and files of account with maildir-scan.
std::vector<format::LocalItem> scan_local(const config::ResolvedAccount& account,
                                          const std::string& work_dir) {
    const config::MaildirOptions& md = *account.local.maildir;
    std::string out = work_dir + "/local.tsv";
    process::Spec spec{.program = stage_program("maildir-scan"),
                       .args = {"--root", md.localfolders, "--sep", md.sep, "-o", out}};
    if (account.account.maildir_windows_compatible)
        spec.args.push_back("--windows-compatible");
    if (int code = process::run(spec); code != 0)
        throw Error(ExitCode::kPartial, cat("maildir-scan failed (exit status ", code, ")"));
    std::ifstream in(out, std::ios::binary);
    format::LocalStateReader reader(in, out);
    std::vector<format::LocalItem> items;
    while (auto item = reader.next())
        items.push_back(std::move(*item));
    return items;
}

void migrate_account(const MaintenanceContext& ctx, const std::string& name) {
    config::ResolvedAccount account = resolve(ctx, name);
    if (!account.local.maildir)
        return;  // offlineimap migrates Maildir folders only
    const config::MaildirOptions& md = *account.local.maildir;
    WorkDir work;
    std::string old_md5, new_md5, dir;
    for (const format::LocalItem& item : scan_local(account, work.path())) {
        if (auto* folder = std::get_if<format::LocalFolder>(&item)) {
            old_md5 = maildir::md5_hex(folder->name);
            new_md5 = maildir::folder_md5(
                ctx.expressions.nametrans(cat("[Repository ", account.local.name, "] nametrans"),
                                          account.local.nametrans.value_or(""), folder->name));
            dir = maildir::folder_path(md.localfolders, folder->name, md.sep[0]);
            continue;
        }
        const auto& msg = std::get<format::LocalMessage>(item);
        if (msg.fmd5 != old_md5 || old_md5 == new_md5)
            continue;
        std::string from = cat(dir, "/", msg.subdir, "/", msg.file_name);
        std::string to = from;
        to.replace(to.rfind("FMD5=" + old_md5), 5 + old_md5.size(), "FMD5=" + new_md5);
        ctx.ui.info(cat("Migrating file `", from, "' to FMD5 `", new_md5, "'"));
        if (ctx.general.dry_run)
            continue;
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0)
            throw_errno(cat("rename file to '", to, "'"), from);
    }
}

}  // namespace

void show_info(const MaintenanceContext& ctx) {
    ctx.ui.info("  oimap: imap-fetch, maildir-scan, sync-plan, sync-apply");
    for (const std::string& name : active_accounts(ctx.ini, ctx.options, ctx.ui)) {
        try {
            show_account_info(ctx, resolve(ctx, name));
        } catch (const Error& e) {
            ctx.ui.error(e.what());
        }
    }
}

void delete_folder(const MaintenanceContext& ctx, const std::string& folder) {
    std::vector<std::string> accounts = active_accounts(ctx.ini, ctx.options, ctx.ui);
    if (accounts.size() != 1)
        throw ConfigError("you must supply only one account with '-a'");
    config::ResolvedAccount account = resolve(ctx, accounts.front());
    if (ctx.general.dry_run) {
        ctx.ui.info(cat("would try to remove '", folder, "' on remote of '", accounts.front(),
                        "' account"));
        return;
    }
    Endpoint endpoint = resolve_endpoint(account, ctx.general, ctx.expressions.credentials());
    imap::Session session;
    open_session(session, endpoint);
    // RFC 3501 §6.3.4; the name is sent as an astring, mUTF-7 unless utf8foldernames.
    std::string mailbox = endpoint.utf8_folder_names ? imap::encode_mutf7(folder) : folder;
    imap::Command command("DELETE");
    command.astring(mailbox);
    session.run(command, cat("delete folder '", folder, "'"));
    session.logout();
    ctx.ui.info(cat("Folder '", folder, "' deleted."));
}

void migrate_fmd5(const MaintenanceContext& ctx) {
    for (const std::string& name : active_accounts(ctx.ini, ctx.options, ctx.ui)) {
        try {
            migrate_account(ctx, name);
        } catch (const Error& e) {
            ctx.ui.error(e.what());
        }
    }
}

}  // namespace oimap::driver
