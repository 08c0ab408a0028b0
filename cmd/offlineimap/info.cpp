// SPDX-License-Identifier: GPL-2.0-or-later
// --info (spec §1.2): each repository of an account, its connection, filters and folders,
// in offlineimap's layout.
#include <algorithm>
#include <fstream>

#include "accounts.hpp"
#include "connection.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "expressions.hpp"
#include "format/local_state.hpp"
#include "imap/session.hpp"
#include "imap/utf7.hpp"
#include "maintenance.hpp"
#include "process/run.hpp"
#include "stages.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void folder_list(const MaintenanceContext& ctx, const config::Repository& repo,
                 const std::vector<std::string>& names) {
    Ui& ui = ctx.ui;
    std::string label = cat("[Repository ", repo.name, "] ");
    if (repo.folderfilter)
        ui.info(cat("folderfilter= ", *repo.folderfilter, "\n"));
    if (repo.folderincludes)
        ui.info(cat("folderincludes= ", *repo.folderincludes, "\n"));
    if (repo.nametrans)
        ui.info(cat("nametrans= ", *repo.nametrans, "\n"));
    std::vector<std::pair<std::string, std::string>> folders;  // visible, line
    for (const std::string& name : names) {
        std::string visible =
            ctx.expressions.nametrans(label + "nametrans", repo.nametrans.value_or(""), name);
        bool sync = ctx.expressions.folderfilter(label + "folderfilter",
                                                 repo.folderfilter.value_or(""), name);
        std::string line = name == visible ? name : name + " -> " + visible;
        folders.emplace_back(visible, line + (sync ? "" : " (disabled)"));
    }
    std::stable_sort(folders.begin(), folders.end(),
                     [](const auto& a, const auto& b) { return lower(a.first) < lower(b.first); });
    std::string text = "Folderlist:";
    for (size_t i = 0; i < folders.size(); ++i)
        text += (i ? "\n " : "\n ") + folders[i].second;
    ui.info(text + "\n");
}

// str() of a Python bytes object, as offlineimap prints imaplib2's welcome: b'...'.
std::string python_bytes_repr(const std::string& bytes) {
    bool single = bytes.find('\'') == std::string::npos || bytes.find('"') != std::string::npos;
    char quote = single ? '\'' : '"';
    std::string out = cat("b", quote);
    for (unsigned char c : bytes) {
        if (c == '\\' || c == static_cast<unsigned char>(quote))
            out += cat("\\", static_cast<char>(c));
        else if (c == '\t' || c == '\n' || c == '\r')
            out += c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
        else if (c < 0x20 || c >= 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else
            out += static_cast<char>(c);
    }
    return out + quote;
}

// An IMAP repository: the remote one, or a local one (spec §5.12); rtype "Remote" or "Local".
void imap_info(const MaintenanceContext& ctx, const config::ResolvedAccount& account,
               const config::Repository& repo, const char* rtype) {
    Ui& ui = ctx.ui;
    ui.info(cat(rtype, " repository '", repo.name, "': type '", config::type_name(repo.type), "'"));
    Endpoint endpoint = resolve_endpoint(account, repo, ctx.general, ctx.expressions.credentials());
    ui.info(cat("Host: ", endpoint.host, " Port: ", endpoint.port,
                " SSL: ", repo.imap->ssl ? "True" : "False"));
    imap::Session session;
    std::vector<std::string> names;
    try {
        open_session(session, endpoint);
        if (session.has_capability("ID"))
            ui.info("Server supports ID extension.");
        std::string caps;
        for (const auto& c : session.capabilities())
            caps += cat(caps.empty() ? "" : ", ", "'", c, "'");
        ui.info("Server welcome string: " + python_bytes_repr(session.greeting()));
        ui.info(cat("Server capabilities: (", caps, ")\n"));
        const std::string& ref = repo.imap->reference;
        for (const auto& box :
             session.list(ref == "\"\"" ? "" : ref, "*", repo.imap->subscribedonly))
            if (box.selectable())
                names.push_back(endpoint.utf8_folder_names ? imap::decode_mutf7(box.name)
                                                           : box.name);
        session.logout();
    } catch (const Error& e) {
        ui.info(cat("Failed to connect. Reason ", e.what()));
    }
    folder_list(ctx, repo, names);
}

void local_info(const MaintenanceContext& ctx, const config::ResolvedAccount& account) {
    Ui& ui = ctx.ui;
    const config::Repository& repo = account.local;
    ui.info(cat("Local repository '", repo.name, "': type '", config::type_name(repo.type), "'"));
    fs::make_directories(repo.maildir->localfolders);  // offlineimap creates it too
    WorkDir work;
    std::string out = work.path() + "/local.tsv";
    process::Spec spec{
        .program = stage_program("maildir-scan"),
        .args = {"--root", repo.maildir->localfolders, "--sep", repo.maildir->sep, "-o", out}};
    if (int code = process::run(spec); code != 0)
        throw Error(ExitCode::kPartial, cat("maildir-scan failed (exit status ", code, ")"));
    std::ifstream in(out, std::ios::binary);
    format::LocalStateReader reader(in, out);
    std::vector<std::string> names;
    while (auto item = reader.next())
        if (auto* folder = std::get_if<format::LocalFolder>(&*item))
            names.push_back(folder->name);
    folder_list(ctx, repo, names);
}

}  // namespace

void show_account_info(const MaintenanceContext& ctx, const config::ResolvedAccount& account) {
    if (!account.remote.imap || (!account.local.maildir && !account.local.imap))
        throw ConfigError(cat("account '", account.account.name,
                              "': its remote repository must be of type IMAP"));
    imap_info(ctx, account, account.remote, "Remote");
    if (account.local.imap)
        imap_info(ctx, account, account.local, "Local");
    else
        local_info(ctx, account);
}

}  // namespace oimap::driver
