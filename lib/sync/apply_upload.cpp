// SPDX-License-Identifier: GPL-2.0-or-later
// Uploads (copy-to-remote) and the recovery of uploads a crash interrupted.
//
// Implementation notes: before the APPENDs of a batch the executor journals an intent (file,
// marker) for each in one transaction; each message goes up tagged "X-OfflineIMAP: <marker>".
// When the UIDs are known (APPENDUID, or UID SEARCH HEADER for the marker, spec §5.10 step 8)
// the local files are renamed to carry them, then one transaction records the UIDs and drops
// the intents.  At the
// start of each pair every intent left by an earlier run is looked up on the server: found,
// the upload is finished as if it had just happened; not found, the next copy-to-remote of
// that file reuses the marker.  See doc/crash-safety.md.
#include <algorithm>

#include "core/log.hpp"
#include "core/text.hpp"
#include "format/escape.hpp"
#include "maildir/flags.hpp"
#include "sync/apply.hpp"
#include "sync/apply_marker.hpp"

namespace oimap::sync {

void Applier::recover_intents() {
    StatusChange change;
    for (const auto& intent : status_.intents()) {
        auto uids = remote_.search_header(kMarkerHeader, intent.marker);
        if (uids.empty()) {
            if (local_.exists(intent.file)) {
                open_intents_[intent.file] = intent;
            } else {
                change.remove_intents.push_back(intent.id);
            }
            continue;
        }
        uint32_t uid = *std::min_element(uids.begin(), uids.end());
        if (uids.size() > 1)
            log::warning(cat("marker ", intent.marker, " found on ", uids.size(),
                             " messages of '", log::sanitize(pair_->remote), "'; keeping UID ", uid));
        log::info(cat("upload of '", format::escape(intent.file), "' to '",
                      log::sanitize(pair_->remote), "' was interrupted after the server took it as UID ",
                      uid, "; recording it"));
        finish_upload(intent.file, uid, intent.id, change);
        recovered_.insert(intent.file);
    }
    commit(change);
}

// Journals the intents of the uploads that have none yet, in one transaction; returns the
// uploads to send (file, intent, marker), in plan order.
std::vector<Applier::Upload> Applier::journal_uploads(const std::vector<format::PlanOp>& ops) {
    std::vector<Upload> uploads;
    std::vector<std::pair<std::string, std::string>> fresh;
    for (const auto& op : ops) {
        if (recovered_.count(op.file)) {
            ++report_.done;
            continue;
        }
        if (!local_.exists(op.file)) {
            stale(op, cat("file '", format::escape(op.file), "' is gone"));
            continue;
        }
        if (auto it = open_intents_.find(op.file); it != open_intents_.end()) {
            uploads.push_back({&op, it->second.id, it->second.marker});
            continue;
        }
        uploads.push_back({&op, 0, new_marker(op.file)});
        fresh.emplace_back(op.file, uploads.back().marker);
    }
    if (fresh.empty()) return uploads;
    std::vector<int64_t> ids = status_.add_intents(fresh);
    size_t next = 0;
    for (auto& upload : uploads)
        if (upload.intent == 0) upload.intent = ids.at(next++);
    step();
    return uploads;
}

// The APPENDs of a batch go out pipelined; then the files are renamed to carry their UIDs
// and one transaction records them and drops their intents.  Each APPEND the server took
// is a durable step of its own (its intent lets a later run find it).
void Applier::copy_to_remote(const std::vector<format::PlanOp>& ops) {
    std::vector<Upload> uploads = journal_uploads(ops);
    std::vector<AppendRequest> requests;
    for (const auto& u : uploads)
        requests.push_back({.flags = maildir::flags_to_imap(u.op->flags), .date = u.op->time});
    std::vector<std::optional<uint32_t>> uids(uploads.size());
    std::vector<bool> taken(uploads.size(), false);
    auto open = [&](size_t i) {
        const std::string& file = uploads[i].op->file;
        return upload_body([&] { return local_.open_message(file); }, uploads[i].marker);
    };
    try {
        remote_.append_batch(pair_->remote, requests, open, [&](size_t i, std::optional<uint32_t> uid) {
            uids[i] = uid;
            taken[i] = true;
            step();
        });
    } catch (const TestStop&) {
        throw;  // the hook stands for a crash: nothing more happens
    } catch (const Error&) {
        finish_uploads(uploads, uids, taken);  // what the server took is recorded first
        throw;
    }
    finish_uploads(uploads, uids, taken);
}

void Applier::finish_uploads(const std::vector<Upload>& uploads,
                             std::vector<std::optional<uint32_t>>& uids, const std::vector<bool>& taken) {
    StatusChange change;
    for (size_t i = 0; i < uploads.size(); ++i) {
        if (!taken[i]) continue;
        const std::string& file = uploads[i].op->file;
        if (!uids[i]) {
            auto found = remote_.search_header(kMarkerHeader, uploads[i].marker);
            if (found.size() == 1) uids[i] = found.front();
        }
        ++report_.done;
        if (uids[i]) {
            finish_upload(file, *uids[i], uploads[i].intent, change);
            continue;
        }
        // offlineimap3 does the same (spec §5.9 step 4, new_uid 0): the local copy goes, and
        // the next run downloads the message with its UID.
        log::warning(cat("cannot learn the UID of '", format::escape(file), "' uploaded to '",
                         log::sanitize(pair_->remote), "'; removing the local copy"));
        local_.remove(file);
        change.remove_intents.push_back(uploads[i].intent);
    }
    commit(change);
}

std::string Applier::new_marker(const std::string& file) {
    uint32_t crc = upload_crc([&] { return local_.open_message(file); });
    return make_marker(crc, options_.random());
}

void Applier::finish_upload(const std::string& file, uint32_t uid, int64_t intent, StatusChange& change) {
    std::string flags;
    if (local_.exists(file)) {
        flags = local_.flags_of(file);
        local_.assign_uid(file, uid);
    } else if (auto renamed = local_.file_of(uid)) {
        flags = local_.flags_of(*renamed);  // renamed before the crash
    }
    // Else the file was deleted meanwhile: recording the UID lets the next plan delete the
    // server's copy too, as offlineimap would after any upload.
    change.put.emplace_back(uid, flags);
    change.remove_intents.push_back(intent);
}

}  // namespace oimap::sync
