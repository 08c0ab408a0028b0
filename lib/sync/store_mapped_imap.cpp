// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: a delivery is the hard case of crash safety here, as an upload is on
// the remote side: the local server may take an APPEND whose UID never reached the map, and
// the next listing would then show an unmapped local message, which the plan uploads (a
// duplicate on the remote) while it downloads the remote one again (a duplicate here).  So a
// batch of deliveries is journalled first: the lowest local UID the server can give to a new
// message (UIDNEXT, or above every UID seen since) and each message's remote UID and size, in
// APPEND order.  A journal found when a folder is opened is resolved by pairing its entries,
// in order, with the unmapped local messages at or above that UID of the same size (the
// server gives increasing UIDs in APPEND order, RFC 9051 §2.3.1.1); the map is then saved
// and the journal dropped.  offlineimap3 keeps no journal: it loses such a mapping.
#include "sync/store_mapped_imap.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "imap/command.hpp"
#include "maildir/crlf.hpp"
#include "maildir/flags.hpp"
#include "status/paths.hpp"
#include "sync/apply.hpp"
#include "sync/mapped_listing.hpp"

namespace oimap::sync {
namespace {

constexpr uint64_t kStreamThreshold = uint64_t{1} << 20;

std::string system_letters(std::string_view flags) {
    std::string out;
    for (char c : maildir::normalize_flags(flags))
        if (maildir::kMappedLetters.find(c) != std::string_view::npos)
            out += c;
    return out;
}

std::string letters_of(const std::string& imap_flags) {
    std::vector<std::string> flags;
    for (std::string_view f : split(imap_flags, ' '))
        if (!f.empty())
            flags.emplace_back(f);
    return system_letters(maildir::flags_from_imap(flags, {}).letters);
}

class StringSource : public MessageSource {
public:
    explicit StringSource(std::string text) : text_(std::move(text)) {}
    uint64_t size() const override { return text_.size(); }
    size_t read(char* buffer, size_t size) override {
        size_t n = std::min(size, text_.size() - at_);
        text_.copy(buffer, n, at_);
        at_ += n;
        return n;
    }

private:
    std::string text_;
    size_t at_ = 0;
};

/// Collects a delivery's bytes (LF, from the executor) as CRLF for the APPEND.
class DeliverySink : public MessageSink {
public:
    DeliverySink(MappedImapStore& store, MappedImapStore::Delivery delivery)
        : store_(store), delivery_(std::move(delivery)) {}
    void write(std::string_view chunk) override { converter_.convert(chunk, delivery_.body); }
    void finish() override { store_.add_delivery(std::move(delivery_)); }

private:
    MappedImapStore& store_;
    MappedImapStore::Delivery delivery_;
    maildir::LfToCrlf converter_;
};

class CollectBody : public imap::LiteralConsumer {
public:
    void begin(uint64_t size) override { text.reserve(size); }
    void chunk(std::string_view bytes) override { text.append(bytes); }
    void end() override {}
    std::string text;
};

}  // namespace

MappedImapStore::MappedImapStore(imap::Session& session, MappedImapOptions options)
    : session_(session), server_(session, kStreamThreshold), options_(std::move(options)) {}

MappedImapStore::~MappedImapStore() = default;

void MappedImapStore::create_folder(const std::string& local) {
    server_.create_folder(local);
}

void MappedImapStore::open_folder(const std::string& local, const std::string&) {
    flush();
    folder_ = local;
    map_path_ = status::uid_map_path(options_.metadata, options_.repository, local);
    list_folder();
    map_ = status::load_uid_map(map_path_, status::UidMapAccess::kOwner);
    by_remote_.clear();
    for (const auto& [l, r] : map_)
        by_remote_[r] = l;
    dirty_ = false;
    recover_journal();
    prune_map();
    if (dirty_)
        save_map();
    save_uid_validity();
}

// SELECT (read-write) and the UIDs, flags and sizes of every message; the folder's
// UIDVALIDITY goes to FolderValidity, where offlineimap keeps the local side's too (§5.5).
void MappedImapStore::list_folder() {
    std::string why;
    auto status = session_.select(folder_, false, &why);
    if (!status)
        throw ProtocolError(
            cat("cannot select local folder '", log::sanitize(folder_), "': ", why));
    if (status->read_only)
        throw ProtocolError(cat("cannot write to local folder '", log::sanitize(folder_),
                                "': the server opened it read-only"));
    messages_.clear();
    sizes_.clear();
    if (status->exists > 0)
        session_.uid_fetch_summaries(
            "1:*", 0,
            [&](const imap::MessageSummary& m) {
                messages_[m.uid] = letters_of(m.flags);
                sizes_[m.uid] = m.size;
            },
            nullptr);
    floor_ =
        std::max<uint32_t>(status->uid_next, messages_.empty() ? 1 : messages_.rbegin()->first + 1);
    uid_validity_ = status->uid_validity;
}

// The planner refuses a folder whose saved UIDVALIDITY differs (spec §5.5) unless it was
// empty on both sides; one that changed after the listing is refused here while the map still
// names its messages, since their UIDs then mean other messages.
void MappedImapStore::save_uid_validity() {
    if (options_.repository.empty())
        return;
    std::string path =
        status::folder_validity_path(options_.metadata, options_.repository, folder_);
    std::optional<uint32_t> saved;
    try {
        saved = status::read_folder_validity(path);
    } catch (const FormatError&) {
        // Not a number: replaced below.
    }
    if (saved == uid_validity_)
        return;
    if (saved && !map_.empty())
        throw ProtocolError(cat("cannot sync local folder '", log::sanitize(folder_),
                                "': its UIDVALIDITY changed from ", *saved, " to ", uid_validity_,
                                " since the last sync"));
    status::write_folder_validity(path, uid_validity_, options_.fsync);
}

std::string MappedImapStore::journal_path() const {
    return delivery_journal_path(options_.metadata, options_.repository, folder_);
}

void MappedImapStore::recover_journal() {
    std::string path = journal_path();
    auto journal = read_delivery_journal(path);
    if (!journal)
        return;
    for (const auto& [local, remote] : resolve_delivery_journal(*journal, sizes_, map_)) {
        log::info(cat("delivery of remote UID ", remote, " to '", log::sanitize(folder_),
                      "' was interrupted after the server took it as UID ", local, "; mapping it"));
        map(local, remote);
    }
    save_map();
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw_errno("remove", path);
}

void MappedImapStore::prune_map() {
    for (auto it = map_.begin(); it != map_.end();) {
        if (messages_.count(it->first)) {
            ++it;
            continue;
        }
        auto r = by_remote_.find(it->second);
        if (r != by_remote_.end() && r->second == it->first)
            by_remote_.erase(r);
        it = map_.erase(it);
        dirty_ = true;
    }
}

uint32_t MappedImapStore::local_uid_of(const std::string& file) const {
    auto name = parse_mapped_name(file);
    if (!name)
        throw FormatError(cat("cannot use '", log::sanitize(file), "' in local IMAP folder '",
                              log::sanitize(folder_), "': not a message name (cur/L<uid>)"));
    return name->local_uid;
}

std::string MappedImapStore::name_of(uint32_t local_uid) const {
    auto it = map_.find(local_uid);
    return cat(kMappedSubdir, '/', mapped_file_name(local_uid, it == map_.end() ? 0 : it->second));
}

std::optional<std::string> MappedImapStore::file_of(uint32_t uid) const {
    auto it = by_remote_.find(uid);
    if (it == by_remote_.end() || !messages_.count(it->second))
        return std::nullopt;
    return name_of(it->second);
}

// A name stands for the message only in the mapping it names: once mapped, "cur/L<uid>" is
// gone, as a Maildir file's old name is once it carries its UID.
bool MappedImapStore::exists(const std::string& file) const {
    auto name = parse_mapped_name(file);
    return name && messages_.count(name->local_uid) && name_of(name->local_uid) == file;
}

std::string MappedImapStore::flags_of(const std::string& file) const {
    auto it = messages_.find(local_uid_of(file));
    return it == messages_.end() ? std::string() : it->second;
}

std::unique_ptr<MessageSink> MappedImapStore::deliver(uint32_t uid, const std::string& flags,
                                                      int64_t mtime) {
    return std::make_unique<DeliverySink>(
        *this, Delivery{.remote_uid = uid, .flags = system_letters(flags), .time = mtime});
}

std::unique_ptr<MessageSource> MappedImapStore::open_message(const std::string& file) const {
    uint32_t uid = local_uid_of(file);
    CollectBody body;
    if (!session_.uid_fetch_body(uid, body))
        throw ProtocolError(cat("cannot fetch UID ", uid, " of local folder '",
                                log::sanitize(folder_), "': the server does not have it"));
    return std::make_unique<StringSource>(maildir::crlf_to_lf(body.text));
}

std::string MappedImapStore::assign_uid(const std::string& file, uint32_t uid) {
    uint32_t local_uid = local_uid_of(file);
    map(local_uid, uid);
    return name_of(local_uid);
}

std::string MappedImapStore::set_flags(const std::string& file, const std::string& flags) {
    uint32_t uid = local_uid_of(file);
    std::string& current = messages_.at(uid);
    std::string wanted = system_letters(flags);
    auto [change, fresh] = flag_changes_.try_emplace(uid, current, wanted);
    if (!fresh)
        change->second.second = wanted;  // from what the server has, to the last wish
    current = wanted;
    return file;
}

void MappedImapStore::remove(const std::string& file) {
    uint32_t uid = local_uid_of(file);
    messages_.erase(uid);
    removals_.push_back(uid);
}

void MappedImapStore::map(uint32_t local_uid, uint32_t remote_uid) {
    if (auto old = map_.find(local_uid); old != map_.end())
        by_remote_.erase(old->second);
    map_[local_uid] = remote_uid;
    by_remote_[remote_uid] = local_uid;
    dirty_ = true;
}

void MappedImapStore::save_map() {
    status::save_uid_map(map_path_, map_, options_.fsync);
    dirty_ = false;
}

void MappedImapStore::flush() {
    if (folder_.empty())
        return;
    append_deliveries();
    store_flag_changes();
    if (!removals_.empty()) {
        std::vector<uint32_t> uids;
        uids.swap(removals_);
        server_.remove(uids);
        for (uint32_t uid : uids) {
            auto it = map_.find(uid);
            if (it == map_.end())
                continue;
            by_remote_.erase(it->second);
            map_.erase(it);
            dirty_ = true;
        }
    }
    if (dirty_)
        save_map();
}

// One UID STORE per distinct set of flags to add, one per set to remove (system flags only).
void MappedImapStore::store_flag_changes() {
    std::map<std::string, std::vector<uint32_t>> add, less;
    auto minus = [](const std::string& a, const std::string& b) {
        std::string out;
        for (char ch : a)
            if (!maildir::has_flag(b, ch))
                out += ch;
        return out;
    };
    for (const auto& [uid, change] : flag_changes_) {
        if (auto plus = minus(change.second, change.first); !plus.empty())
            add[plus].push_back(uid);
        if (auto gone = minus(change.first, change.second); !gone.empty())
            less[gone].push_back(uid);
    }
    flag_changes_.clear();
    for (const auto& [letters, uids] : add)
        server_.store_flags(uids, true, maildir::flags_to_imap(letters));
    for (const auto& [letters, uids] : less)
        server_.store_flags(uids, false, maildir::flags_to_imap(letters));
}

void MappedImapStore::append_deliveries() {
    if (deliveries_.empty())
        return;
    std::vector<Delivery> batch;
    batch.swap(deliveries_);
    if (!server_.has_uidplus())
        throw ProtocolError(cat("cannot deliver to local folder '", log::sanitize(folder_),
                                "': the local server has no UIDPLUS (RFC 4315)"));
    DeliveryJournal journal{.floor = floor_};
    std::vector<AppendRequest> requests;
    for (const auto& d : batch) {
        journal.entries.emplace_back(d.remote_uid, d.body.size());
        requests.push_back({.flags = maildir::flags_to_imap(d.flags), .date = d.time});
    }
    std::string path = journal_path();
    fs::make_directories(fs::dirname(path), 0700);
    fs::replace_file_atomically(path, format_delivery_journal(journal), options_.fsync);
    bool all_mapped = true;
    auto done = [&](size_t i, std::optional<uint32_t> uid) {
        if (!uid) {
            all_mapped = false;
            return;
        }
        map(*uid, batch[i].remote_uid);
        messages_[*uid] = batch[i].flags;
        sizes_[*uid] = batch[i].body.size();
        floor_ = std::max(floor_, *uid + 1);
        if (options_.stop_after_appends != 0 && ++appends_ >= options_.stop_after_appends)
            throw TestStop(cat("stopped after ", appends_,
                               " local APPENDs (OIMAP_TEST_STOP_AFTER_LOCAL_APPENDS)"));
    };
    auto open = [&](size_t i) { return std::make_unique<StringSource>(batch[i].body); };
    try {
        server_.append_batch(folder_, requests, open, done);
    } catch (const TestStop&) {
        throw;  // stands for a crash: the map is not saved
    } catch (const Error&) {
        save_map();  // what the server took is mapped; the journal finds the rest
        throw;
    }
    save_map();
    if (all_mapped && ::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw_errno("remove", path);
}

}  // namespace oimap::sync
