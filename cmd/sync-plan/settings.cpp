// SPDX-License-Identifier: GPL-2.0-or-later
#include "settings.hpp"

#include <cstdlib>
#include <ctime>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::sync_plan {
namespace {

// OIMAP_TEST_FAKE_TIME (tests/README.md) pins "now" for --maxage DAYS.
int64_t now() {
    if (const char* fake = std::getenv("OIMAP_TEST_FAKE_TIME"))
        if (auto t = parse_number<int64_t>(fake))
            return *t;
    return static_cast<int64_t>(std::time(nullptr));
}

}  // namespace

void check_required(const Options& opt) {
    if (opt.local && opt.local_imap)
        throw UsageError("--local and --local-imap exclude each other");
    if (opt.local_imap && opt.maxage)
        throw UsageError("maxage is not supported on IMAP-IMAP sync (use startdate)");
    if (opt.local_startdate && !opt.local_imap)
        throw UsageError("--local-startdate needs --local-imap (a local IMAP repository)");
    const std::pair<const std::optional<std::string>*, const char*> required[] = {
        {&opt.remote, "--remote FILE"},
        {opt.local_imap ? &opt.local_imap : &opt.local, "--local FILE"},
        {&opt.metadata, "--metadata DIR"},
        {&opt.account, "--account NAME"},
        {&opt.local_repository, "--local-repository NAME"},
        {&opt.remote_repository, "--remote-repository NAME"}};
    for (const auto& [value, name] : required)
        if (!*value)
            throw UsageError(cat("missing ", name, " (see --help)"));
    const std::string& local = opt.local_imap ? *opt.local_imap : *opt.local;
    if (*opt.remote == "-" && local == "-")
        throw UsageError("only one of --remote and --local can be '-' (stdin)");
}

int64_t maxage_cutoff(const std::string& value, int64_t current) {
    auto fail = [&] { return UsageError(cat("invalid maxage value ", log::sanitize(value))); };
    if (auto days = parse_number<int64_t>(value)) {
        if (*days < 1 || *days > 1000000)
            throw fail();
        return current - *days * 86400;
    }
    std::tm tm{};
    const char* end = ::strptime(value.c_str(), "%Y-%m-%d", &tm);
    if (!end || *end != '\0' || tm.tm_year + 1900 < 1900)
        throw fail();
    int64_t cutoff = ::timegm(&tm);
    if (cutoff > current)
        throw UsageError(cat("maxage led to future date ", log::sanitize(value)));
    return cutoff;
}

// offlineimap3 Base.getstartdate (spec §5.7.3): YYYY-mm-dd, year >= 1900, not in the future.
int64_t startdate_value(const std::string& value, int64_t current) {
    std::tm tm{};
    const char* end = ::strptime(value.c_str(), "%Y-%m-%d", &tm);
    if (!end || *end != '\0')
        throw UsageError(cat("invalid startdate value ", log::sanitize(value)));
    if (tm.tm_year + 1900 < 1900)
        throw UsageError(cat("startdate led to year ", tm.tm_year + 1900, ". Abort syncing."));
    int64_t start = ::timegm(&tm);
    if (start > current)
        throw UsageError(
            cat("startdate led to future date ", log::sanitize(value), ". Abort syncing."));
    return start;
}

sync::PlannerOptions planner_options(const Options& opt, sync::PlannerOptions p) {
    p.remote_repository = *opt.remote_repository;
    p.local_repository = *opt.local_repository;
    p.local_sep = opt.local_sep.value_or('.');
    p.quick = opt.quick;
    p.remote_readonly = opt.remote_readonly;
    p.local_readonly = opt.local_readonly;
    p.create_remote_folders = !opt.no_create_remote_folders;
    p.create_local_folders = !opt.no_create_local_folders;
    p.sync_deletes_remote = !opt.no_sync_deletes_remote;
    p.sync_deletes_local = !opt.no_sync_deletes_local;
    if (!!opt.maxage + !!opt.local_startdate + !!opt.remote_startdate > 1)
        throw UsageError("You can set at most one of the following: maxage, startdate (for the "
                         "local folder), startdate (for the remote folder)");
    if (opt.maxage)
        p.maxage_cutoff = maxage_cutoff(*opt.maxage, now());
    if (opt.remote_startdate)
        p.remote_startdate = startdate_value(*opt.remote_startdate, now());
    if (opt.local_startdate)
        p.local_startdate = startdate_value(*opt.local_startdate, now());
    p.maxsize = opt.maxsize;
    p.keywords = opt.customflags;
    p.upload_unmatched = opt.upload_unmatched;
    return p;
}

}  // namespace oimap::sync_plan
