// SPDX-License-Identifier: GPL-2.0-or-later
// Uploads (copy-to-remote) and the recovery of uploads a crash interrupted.
//
// Implementation notes: before an APPEND the executor journals an intent (file, marker) in
// the status database; the message goes up tagged "X-OfflineIMAP: <marker>".  When the UID
// is known (APPENDUID, or UID SEARCH HEADER for the marker, spec §5.10 step 8) the local file
// is renamed to carry it, then one transaction records the UID and drops the intent.  At the
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
    for (const auto& intent : status_.intents()) {
        auto uids = remote_.search_header(kMarkerHeader, intent.marker);
        if (uids.empty()) {
            if (local_.exists(intent.file)) {
                open_intents_[intent.file] = intent;
            } else {
                commit(StatusChange{.remove_intents = {intent.id}});
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
        finish_upload(intent.file, uid, intent.id);
        recovered_.insert(intent.file);
    }
}

void Applier::copy_to_remote(const format::PlanOp& op) {
    if (recovered_.count(op.file)) {
        ++report_.done;
        return;
    }
    if (!local_.exists(op.file)) return stale(op, cat("file '", format::escape(op.file), "' is gone"));
    int64_t intent = 0;
    std::string marker;
    if (auto it = open_intents_.find(op.file); it != open_intents_.end()) {
        intent = it->second.id;
        marker = it->second.marker;
    } else {
        marker = new_marker(op.file);
        intent = status_.add_intent(op.file, marker);
        step();
    }
    SourceOpener open = [&] { return local_.open_message(op.file); };
    auto body = upload_body(open, marker);
    AppendRequest request{.flags = maildir::flags_to_imap(op.flags), .date = op.time};
    std::optional<uint32_t> uid = remote_.append(pair_->remote, request, *body);
    if (!uid) {
        auto found = remote_.search_header(kMarkerHeader, marker);
        if (found.size() == 1) uid = found.front();
    }
    if (!uid) {
        // offlineimap3 does the same (spec §5.9 step 4, new_uid 0): the local copy goes, and
        // the next run downloads the message with its UID.
        log::warning(cat("cannot learn the UID of '", format::escape(op.file),
                         "' uploaded to '", log::sanitize(pair_->remote), "'; removing the local copy"));
        local_.remove(op.file);
        commit(StatusChange{.remove_intents = {intent}});
        ++report_.done;
        return;
    }
    finish_upload(op.file, *uid, intent);
    ++report_.done;
}

std::string Applier::new_marker(const std::string& file) {
    uint32_t crc = upload_crc([&] { return local_.open_message(file); });
    return make_marker(crc, options_.random());
}

void Applier::finish_upload(const std::string& file, uint32_t uid, int64_t intent) {
    std::string flags;
    if (local_.exists(file)) {
        flags = local_.flags_of(file);
        local_.assign_uid(file, uid);
    } else if (auto renamed = local_.file_of(uid)) {
        flags = local_.flags_of(*renamed);  // renamed before the crash
    }
    // Else the file was deleted meanwhile: recording the UID lets the next plan delete the
    // server's copy too, as offlineimap would after any upload.
    commit(StatusChange{.put = {{uid, flags}}, .remove_intents = {intent}});
}

}  // namespace oimap::sync
