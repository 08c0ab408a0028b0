// SPDX-License-Identifier: GPL-2.0-or-later
#include "sync/store_fake.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::sync {

std::string uid_list(const std::vector<uint32_t>& uids) {
    std::string out;
    for (uint32_t uid : uids) out += (out.empty() ? "" : ",") + std::to_string(uid);
    return out;
}

uint32_t FakeRemote::add(const std::string& mailbox, std::string body, std::set<std::string> flags) {
    FakeMailbox& box = mailboxes[mailbox];
    uint32_t uid = box.uid_next++;
    box.messages[uid] = FakeMessage{std::move(body), std::move(flags), 0};
    return uid;
}

void FakeRemote::create_folder(const std::string& mailbox) {
    log.push_back("CREATE " + mailbox);
    mailboxes.try_emplace(mailbox);
}

uint32_t FakeRemote::select(const std::string& mailbox) {
    log.push_back("SELECT " + mailbox);
    auto it = mailboxes.find(mailbox);
    if (it == mailboxes.end()) throw ProtocolError(cat("cannot select '", mailbox, "': NO no such mailbox"));
    selected_ = mailbox;
    return it->second.uid_validity;
}

FakeMailbox& FakeRemote::selected() {
    auto it = mailboxes.find(selected_);
    if (it == mailboxes.end()) throw ProtocolError("no mailbox selected");
    return it->second;
}

void FakeRemote::fetch(const std::vector<FetchRequest>& messages,
                       const std::function<std::unique_ptr<MessageSink>(uint32_t)>& open) {
    std::vector<uint32_t> uids;
    for (const auto& m : messages) uids.push_back(m.uid);
    log.push_back("UID FETCH " + uid_list(uids));
    FakeMailbox& box = selected();
    for (uint32_t uid : uids) {
        auto it = box.messages.find(uid);
        if (it == box.messages.end()) continue;
        if (break_fetch_after == 0) {
            break_fetch_after = -1;
            throw NetworkError("cannot read server response: connection closed by the server");
        }
        if (break_fetch_after > 0) --break_fetch_after;
        auto sink = open(uid);
        if (!sink) continue;
        const std::string& body = it->second.body;
        for (size_t i = 0; i < body.size(); i += 7) sink->write(std::string_view(body).substr(i, 7));
        sink->finish();
    }
}

bool FakeRemote::reconnect() {
    if (!reconnectable) return false;
    log.push_back("RECONNECT");
    return true;
}

std::optional<uint32_t> FakeRemote::append(const std::string& mailbox, const AppendRequest& request,
                                           MessageSource& body) {
    log.push_back("APPEND " + mailbox);
    FakeMailbox& box = mailboxes.at(mailbox);
    uint64_t size = body.size();
    std::string data = read_all(body);
    if (data.size() != size) throw ProtocolError(cat("literal of ", size, " bytes got ", data.size()));
    uint32_t uid = box.uid_next++;
    box.messages[uid] = FakeMessage{data, {request.flags.begin(), request.flags.end()},
                                    request.date.value_or(0)};
    if (after) after("append");
    if (!uidplus) return std::nullopt;
    return uid;
}

std::vector<uint32_t> FakeRemote::search_header(const std::string& name, const std::string& value) {
    log.push_back("UID SEARCH HEADER " + name + " " + value);
    std::vector<uint32_t> found;
    std::string line = name + ": " + value + "\r\n";
    for (const auto& [uid, m] : selected().messages) {
        size_t end = m.body.find("\r\n\r\n");
        std::string header = m.body.substr(0, end == std::string::npos ? m.body.size() : end + 2);
        if (("\r\n" + header).find("\r\n" + line) != std::string::npos) found.push_back(uid);
    }
    return found;
}

std::vector<FoundMessage> FakeRemote::find_message_ids(const std::vector<std::string>& ids) {
    std::string list;
    for (const auto& id : ids) list += " " + id;
    log.push_back("UID SEARCH MESSAGE-ID" + list);
    std::vector<FoundMessage> found;
    for (const auto& [uid, m] : selected().messages) {
        size_t end = m.body.find("\r\n\r\n");
        std::string header = m.body.substr(0, end == std::string::npos ? m.body.size() : end + 2);
        bool hit = false;
        for (const auto& line : split(header, '\n'))
            if (line.size() > 11 && (line.rfind("Message-ID:", 0) == 0 || line.rfind("Message-Id:", 0) == 0))
                for (const auto& id : ids) hit = hit || line.find(id, 11) != std::string::npos;
        if (!hit) continue;
        FoundMessage f{.uid = uid, .size = m.body.size(), .flags = {m.flags.begin(), m.flags.end()},
                       .header = header};
        found.push_back(std::move(f));
    }
    return found;
}

void FakeRemote::store_flags(const std::vector<uint32_t>& uids, bool add,
                             const std::vector<std::string>& flags) {
    std::string list;
    for (const auto& f : flags) list += (list.empty() ? "" : " ") + f;
    log.push_back(cat("UID STORE ", uid_list(uids), add ? " +(" : " -(", list, ")"));
    for (uint32_t uid : uids) {
        auto it = selected().messages.find(uid);
        if (it == selected().messages.end()) continue;
        for (const auto& f : flags) add ? void(it->second.flags.insert(f)) : void(it->second.flags.erase(f));
    }
}

void FakeRemote::remove(const std::vector<uint32_t>& uids) {
    log.push_back("UID EXPUNGE " + uid_list(uids));
    for (uint32_t uid : uids) selected().messages.erase(uid);
}

void FakeStatus::open_pair(const std::string& status, const std::string&, const std::string&, uint32_t) {
    current_ = &dbs[status];
}

std::optional<std::string> FakeStatus::flags(uint32_t uid) const {
    auto it = current_->rows.find(uid);
    if (it == current_->rows.end()) return std::nullopt;
    return it->second;
}

void FakeStatus::apply(const StatusChange& change) {
    ++transactions;
    for (const auto& [uid, flags] : change.put) current_->rows[uid] = flags;
    for (uint32_t uid : change.remove) current_->rows.erase(uid);
    for (int64_t id : change.remove_intents) current_->intents.erase(id);
}

std::vector<int64_t> FakeStatus::add_intents(
    const std::vector<std::pair<std::string, std::string>>& files_and_markers) {
    ++transactions;
    std::vector<int64_t> ids;
    for (const auto& [file, marker] : files_and_markers) {
        int64_t id = next_intent_++;
        current_->intents[id] = UploadIntent{id, file, marker};
        ids.push_back(id);
    }
    return ids;
}

std::vector<UploadIntent> FakeStatus::intents() const {
    std::vector<UploadIntent> out;
    for (const auto& [id, intent] : current_->intents) out.push_back(intent);
    return out;
}

void FakeStatus::save_start_uid(const std::string& file, uint32_t uid) {
    start_uids[file] = uid;
}

}  // namespace oimap::sync
