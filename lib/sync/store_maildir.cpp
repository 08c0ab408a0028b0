// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: open_folder indexes the files whose names carry ",U=" with this
// folder's FMD5 (the files offlineimap counts as synchronised, spec §6.6); the index is kept
// up to date by every change, so idempotence checks cost no directory scan.
#include "sync/store_maildir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <exception>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "format/escape.hpp"
#include "maildir/deliver.hpp"
#include "maildir/flags.hpp"
#include "maildir/folder.hpp"
#include "maildir/scan.hpp"

namespace oimap::sync {
namespace {

std::string base_of(const std::string& file) { return file.substr(file.find('/') + 1); }
std::string subdir_of(const std::string& file) { return file.substr(0, file.find('/')); }

std::string host_name() {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0) return "localhost";
    return buffer;
}

class FileSource : public MessageSource {
public:
    explicit FileSource(const std::string& path) : path_(path) {
        fd_ = fs::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd_.valid()) throw_errno("open", path);
        struct stat st {};
        if (::fstat(fd_.get(), &st) != 0) throw_errno("stat", path);
        size_ = static_cast<uint64_t>(st.st_size);
    }
    uint64_t size() const override { return size_; }
    size_t read(char* buffer, size_t size) override {
        for (;;) {
            ssize_t n = ::read(fd_.get(), buffer, size);
            if (n >= 0) return static_cast<size_t>(n);
            if (errno != EINTR) throw_errno("read", path_);
        }
    }

private:
    std::string path_;
    fs::UniqueFd fd_;
    uint64_t size_ = 0;
};

void sync_file(const std::string& path) {
    fs::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) throw_errno("open", path);
    fs::sync_fd(fd.get(), path);
}

/// A delivery written to tmp/ and closed, unsynced; the store makes the batch durable and
/// moves it into place in flush().
class DeliverySink : public MessageSink {
public:
    DeliverySink(const std::string& folder, const std::string& name, std::string subdir,
                 int64_t mtime, std::function<void(MaildirStore::Finished)> done)
        : delivery_(std::make_unique<maildir::Delivery>(folder, name,
                                                        maildir::DeliverOptions{.fsync = false})),
          subdir_(std::move(subdir)), mtime_(mtime), done_(std::move(done)) {}
    void write(std::string_view chunk) override { delivery_->write(chunk); }
    void finish() override {
        delivery_->finish(mtime_);
        done_({std::move(delivery_), std::move(subdir_)});
    }

private:
    std::unique_ptr<maildir::Delivery> delivery_;
    std::string subdir_;
    int64_t mtime_;
    std::function<void(MaildirStore::Finished)> done_;
};

}  // namespace

MaildirStore::MaildirStore(MaildirStoreOptions options) : options_(std::move(options)) {
    maildir::check_separator(options_.sep);
    if (options_.host.empty()) options_.host = host_name();
    if (options_.pid == 0) options_.pid = ::getpid();
    if (!options_.now) options_.now = [] { return static_cast<int64_t>(::time(nullptr)); };
}

void MaildirStore::create_folder(const std::string& local) {
    maildir::create_folder(options_.root, local, options_.sep);
}

void MaildirStore::open_folder(const std::string& local, const std::string& fmd5) {
    std::string path = maildir::folder_path(options_.root, local, options_.sep);
    if (!maildir::is_maildir(path))
        throw NoInputError(cat("cannot open folder '", format::escape(local), "': '", path,
                               "' is not a Maildir folder"));
    flush();
    folder_path_ = path;
    fmd5_ = fmd5;
    by_uid_.clear();
    for (const auto& m : maildir::scan_messages(path, {.stat = false})) index(m.subdir + "/" + m.file_name);
}

void MaildirStore::index(const std::string& file) {
    auto parsed = maildir::parse_filename(base_of(file), fmd5_, options_.info_sep);
    if (parsed.uid) by_uid_[*parsed.uid] = file;
}

void MaildirStore::unindex(const std::string& file) {
    auto parsed = maildir::parse_filename(base_of(file), fmd5_, options_.info_sep);
    if (parsed.uid && by_uid_.count(*parsed.uid) && by_uid_[*parsed.uid] == file) by_uid_.erase(*parsed.uid);
}

std::optional<std::string> MaildirStore::file_of(uint32_t uid) const {
    auto it = by_uid_.find(uid);
    if (it == by_uid_.end()) return std::nullopt;
    return it->second;
}

bool MaildirStore::exists(const std::string& file) const {
    struct stat st {};
    return ::lstat(cat(folder_path_, '/', file).c_str(), &st) == 0;
}

std::string MaildirStore::flags_of(const std::string& file) const {
    return maildir::normalize_flags(maildir::parse_filename(base_of(file), fmd5_, options_.info_sep).flags);
}

std::string MaildirStore::new_name(uint32_t uid, const std::string& flags) {
    int64_t now = options_.now();
    return maildir::format_filename({.time = now, .seq = sequence_.next(now), .pid = options_.pid,
                                     .host = options_.host, .uid = uid, .fmd5 = fmd5_,
                                     .flags = flags, .info_sep = options_.info_sep});
}

std::unique_ptr<MessageSink> MaildirStore::deliver(uint32_t uid, const std::string& flags, int64_t mtime) {
    return std::make_unique<DeliverySink>(
        folder_path_, new_name(uid, flags), std::string(maildir::subdir_for_flags(flags)), mtime,
        [this](Finished finished) { finished_.push_back(std::move(finished)); });
}

// Data first (one syncfs, or one fsync per file where syncfs fails), then the renames, then
// the directories once: a file is in new/ or cur/ only when whole (doc/crash-safety.md).
void MaildirStore::flush() {
    if (options_.fsync && !finished_.empty() && !maildir::sync_file_system(folder_path_ + "/tmp"))
        for (const auto& f : finished_) sync_file(f.delivery->tmp_path());
    std::vector<Finished> batch;
    batch.swap(finished_);
    std::exception_ptr failure;
    for (auto& f : batch) {
        try {
            std::string file = f.delivery->commit(f.subdir, std::nullopt);
            index(file);
            unsynced_dirs_.insert(f.subdir);
        } catch (const IoError&) {
            if (!failure) failure = std::current_exception();  // the others still go in
        }
    }
    if (options_.fsync)
        for (const auto& subdir : unsynced_dirs_) fs::sync_directory(cat(folder_path_, '/', subdir));
    unsynced_dirs_.clear();
    if (failure) std::rethrow_exception(failure);
}

std::unique_ptr<MessageSource> MaildirStore::open_message(const std::string& file) const {
    return std::make_unique<FileSource>(cat(folder_path_, '/', file));
}

// Renames and removals are made durable by flush(), once per directory and batch.
std::string MaildirStore::assign_uid(const std::string& file, uint32_t uid) {
    std::string target = cat(subdir_of(file), '/', new_name(uid, flags_of(file)));
    maildir::move_message(folder_path_, file, target, {.fsync = false});
    unsynced_dirs_.insert(subdir_of(file));
    unindex(file);
    index(target);
    return target;
}

std::string MaildirStore::set_flags(const std::string& file, const std::string& flags) {
    std::string target = maildir::set_message_flags(folder_path_, file, flags, options_.info_sep,
                                                     {.fsync = false});
    unsynced_dirs_.insert(subdir_of(file));
    unsynced_dirs_.insert(subdir_of(target));
    unindex(file);
    index(target);
    return target;
}

void MaildirStore::remove(const std::string& file) {
    std::string path = cat(folder_path_, '/', file);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_errno("remove", path);
    unsynced_dirs_.insert(subdir_of(file));
    unindex(file);
}

}  // namespace oimap::sync
