// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: offlineimap first creates missing folders (remote -> local, then
// local -> remote), then visits the remote folders sorted case-insensitively by visible
// name.  We compute the same pairs, but decide every folder before emitting any creation, so
// that a folder we refuse to sync (separator guard, name collision, invalid name) is not
// created either; doc/QUIRKS.md "Planner" lists these deviations.
#include "sync/folder_pairing.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "maildir/folder.hpp"
#include "maildir/md5.hpp"
#include "status/paths.hpp"

namespace oimap::sync {

std::string status_basename(std::string_view name) {
    return status::folder_basename(name);
}

std::string replace_separator(std::string_view name, std::string_view from, std::string_view to) {
    if (from.empty() || from == to)
        return std::string(name);
    std::string out;
    size_t pos = 0;
    for (;;) {
        size_t hit = name.find(from, pos);
        out.append(name.substr(pos, hit - pos));
        if (hit == std::string_view::npos)
            return out;
        out.append(to);
        pos = hit + from.size();
    }
}

namespace {

bool same_ascii_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// RFC 9051 §7.3.1: \Noselect (and \NonExistent, which implies it) cannot be selected.
// imap-fetch also reports UIDVALIDITY 0 for a folder it could not select.
bool selectable(std::string_view attributes) {
    for (std::string_view attribute : split(attributes, ' '))
        if (same_ascii_nocase(attribute, "\\Noselect") ||
            same_ascii_nocase(attribute, "\\NonExistent"))
            return false;
    return true;
}

std::string translate(const NameTrans& nametrans, const std::string& name) {
    return nametrans ? nametrans(name) : name;
}

bool accepts(const FolderFilter& filter, const std::string& name) {
    return !filter || filter(name);
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct Pairer {
    const PlannerOptions& o;
    std::string local_sep;
    std::string remote_sep;
    std::map<std::string, const LocalFolderListing*> locals;
    std::set<std::string> remote_names;
    std::set<std::string> claimed_locals;
    std::vector<std::pair<std::string, FolderEntry>> keyed;  // sort key, entry
    std::vector<std::string> warnings;

    void skip(FolderEntry& e, std::string reason, std::string message) {
        warnings.push_back(message);
        e.created_local = e.created_remote = false;
        e.skip =
            format::FolderSkip{e.remote_name, e.local_name, std::move(reason), std::move(message)};
    }

    std::string local_visible(const std::string& local_name) const {
        return translate(o.local_nametrans, local_name);
    }

    void add_remote(const RemoteFolderListing& r);
    void add_local(const LocalFolderListing& l);
};

void Pairer::add_remote(const RemoteFolderListing& r) {
    const std::string name = translate(o.remote_decode, r.folder.name);
    const std::string& delim = r.folder.delimiter;
    if (!accepts(o.remote_filter, name))
        return;
    std::string visible = translate(o.remote_nametrans, name);
    if (!delim.empty() && visible == delim)
        visible.clear();
    FolderEntry e{.remote = &r, .remote_name = r.folder.name, .real_name = name};
    e.local_name = replace_separator(visible, delim, local_sep);
    if (e.local_name == local_sep)
        e.local_name.clear();
    e.status_name = status_basename(replace_separator(visible, delim, "."));
    e.fmd5 = maildir::folder_md5(local_visible(e.local_name));
    claimed_locals.insert(e.local_name);
    auto local = locals.find(e.local_name);
    if (local != locals.end())
        e.local = local->second;
    if (local_sep != "/" && delim != local_sep && name.find(local_sep) != std::string::npos) {
        skip(e, "separator",
             cat("Ignoring folder '", name, "' due to unsupported '", local_sep,
                 "' character serving as local separator."));
    } else if (!e.local) {
        try {
            maildir::check_folder_name(e.local_name, o.local_sep);
            if (o.create_local_folders && !o.local_readonly)
                e.created_local = true;
            else
                skip(e, "no-local-folder",
                     cat("cannot sync folder '", name, "': local folder '", e.local_name,
                         "' does not exist and may not be created"));
        } catch (const FormatError& error) {
            skip(e, "invalid-name", cat("cannot sync folder '", name, "': ", error.what()));
        }
    }
    // offlineimap creates the local folder before it looks at the local folderfilter.
    if (!e.skip && !accepts(o.local_filter, e.local_name) && !e.created_local)
        return;
    keyed.emplace_back(lower(visible) + '\0' + visible, std::move(e));
}

void Pairer::add_local(const LocalFolderListing& l) {
    const std::string& name = l.folder.name;
    if (claimed_locals.count(name) || !accepts(o.local_filter, name))
        return;
    if (!o.create_remote_folders || o.remote_readonly)
        return;
    std::string visible = local_visible(name);
    std::string remote_name = replace_separator(visible, local_sep, remote_sep);
    std::string raw_name = translate(o.remote_encode, remote_name);
    if (remote_names.count(raw_name) || !accepts(o.remote_filter, remote_name))
        return;
    if (name.empty()) {
        warnings.push_back("not creating a remote folder for the local root folder");
        return;
    }
    std::string remote_visible = translate(o.remote_nametrans, remote_name);
    std::string back = replace_separator(remote_visible, remote_sep, local_sep);
    if (back != name) {
        warnings.push_back(cat("INFINITE FOLDER CREATION DETECTED! Folder '", name,
                               "' (repository '", o.local_repository,
                               "') would be created as folder '", remote_name, "' (repository '",
                               o.remote_repository, "'). The latter becomes '", back,
                               "' in return, leading to infinite folder creation cycles."));
        return;
    }
    FolderEntry e{
        .local = &l, .remote_name = raw_name, .real_name = remote_name, .local_name = name};
    e.status_name = status_basename(replace_separator(remote_visible, remote_sep, "."));
    e.fmd5 = maildir::folder_md5(visible);
    e.created_remote = true;
    keyed.emplace_back(lower(remote_visible) + '\0' + remote_visible, std::move(e));
}

// spec §7.1: names differing only in '/' and '.' share state files; refuse them all.
void mark_collisions(Pairer& p) {
    std::map<std::string, int> status, validity, local;
    for (auto& [key, e] : p.keyed) {
        if (e.skip)
            continue;
        ++status[e.status_name];
        ++validity[status_basename(e.real_name)];
        ++local[e.local_name];
    }
    for (auto& [key, e] : p.keyed) {
        if (e.skip)
            continue;
        if (status[e.status_name] > 1 || validity[status_basename(e.real_name)] > 1 ||
            local[e.local_name] > 1)
            p.skip(e, "collision",
                   cat("cannot sync folder '", e.remote_name, "': its state file name '",
                       e.status_name, "' or local folder '", e.local_name,
                       "' is shared with another folder"));
    }
}

std::string default_remote_sep(const RemoteListing& remote, const PlannerOptions& o) {
    if (!o.remote_sep.empty())
        return o.remote_sep;
    for (const auto& r : remote.folders)
        if (!r.folder.delimiter.empty())
            return r.folder.delimiter;
    return "/";
}

}  // namespace

FolderPlan pair_folders(const RemoteListing& remote, const LocalListing& local,
                        const PlannerOptions& options) {
    maildir::check_separator(options.local_sep);
    Pairer p{.o = options,
             .local_sep = std::string(1, options.local_sep),
             .remote_sep = default_remote_sep(remote, options)};
    for (const auto& l : local.folders)
        p.locals[l.folder.name] = &l;
    for (const auto& r : remote.folders)
        p.remote_names.insert(r.folder.name);
    for (const auto& r : remote.folders)
        if (selectable(r.folder.attributes) && r.folder.uid_validity != 0)
            p.add_remote(r);
    for (const auto& l : local.folders)
        p.add_local(l);
    mark_collisions(p);
    std::stable_sort(p.keyed.begin(), p.keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    FolderPlan out;
    for (auto& [key, e] : p.keyed) {
        if (!e.skip && e.created_local)
            out.creates.push_back(
                {.kind = format::OpKind::kCreateLocalFolder, .folder = e.local_name});
    }
    for (auto& [key, e] : p.keyed) {
        if (!e.skip && e.created_remote)
            out.creates.push_back(
                {.kind = format::OpKind::kCreateRemoteFolder, .folder = e.remote_name});
        out.entries.push_back(std::move(e));
    }
    out.warnings = std::move(p.warnings);
    return out;
}

}  // namespace oimap::sync
