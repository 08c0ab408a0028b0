// SPDX-License-Identifier: GPL-2.0-or-later
// sync-plan: diffs a remote-state and a local-state listing against offlineimap's sync
// state and writes the operations of one sync as a sync-plan stream (sync-plan(1)).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "config_defaults.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"
#include "format/plan.hpp"
#include "options.hpp"
#include "sync/planner_disk_state.hpp"

namespace oimap::sync_plan {
namespace {

constexpr const char* kVersion = "0.1";

void check_required(const Options& opt) {
    const std::pair<const std::optional<std::string>*, const char*> required[] = {
        {&opt.remote, "--remote FILE"},
        {&opt.local, "--local FILE"},
        {&opt.metadata, "--metadata DIR"},
        {&opt.account, "--account NAME"},
        {&opt.local_repository, "--local-repository NAME"},
        {&opt.remote_repository, "--remote-repository NAME"}};
    for (const auto& [value, name] : required)
        if (!*value)
            throw UsageError(cat("missing ", name, " (see --help)"));
    if (*opt.remote == "-" && *opt.local == "-")
        throw UsageError("only one of --remote and --local can be '-' (stdin)");
}

// OIMAP_TEST_FAKE_TIME (tests/README.md) pins "now" for --maxage DAYS.
int64_t now() {
    if (const char* fake = std::getenv("OIMAP_TEST_FAKE_TIME"))
        if (auto t = parse_number<int64_t>(fake))
            return *t;
    return static_cast<int64_t>(std::time(nullptr));
}

// offlineimap3 folder/Base.py getmaxage: N >= 1 days back, or a past YYYY-mm-dd (UTC here).
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
    if (opt.maxage)
        p.maxage_cutoff = maxage_cutoff(*opt.maxage, now());
    p.maxsize = opt.maxsize;
    p.keywords = opt.customflags;
    p.upload_unmatched = opt.upload_unmatched;
    return p;
}

template <typename Listing, typename Read>
Listing read_input(const std::string& path, Read read) {
    if (path == "-")
        return read(std::cin, "<stdin>");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT)
            throw NoInputError(cat("cannot open '", path, "': No such file or directory"));
        throw_errno("open", path);
    }
    Listing listing = read(in, path);
    if (in.bad())
        throw_errno("read", path);
    return listing;
}

void write_plan(std::ostream& out, const Options& opt, const sync::LocalListing& local,
                const sync::PlanResult& result) {
    format::PlanWriter writer(out);
    writer.meta("account", *opt.account);
    auto root = local.meta.find("root");
    if (opt.local_root)
        writer.meta("local-root", *opt.local_root);
    else if (root != local.meta.end())
        writer.meta("local-root", root->second);
    writer.meta("metadata", *opt.metadata);
    writer.meta("local-repository", *opt.local_repository);
    writer.meta("remote-repository", *opt.remote_repository);
    writer.meta("local-sep", std::string(1, opt.local_sep.value_or('.')));
    writer.meta("maildir-windows-compatible", opt.windows_compatible ? "yes" : "no");
    writer.meta("tool", cat("sync-plan ", kVersion));
    for (const auto& item : result.items) {
        if (auto* op = std::get_if<format::PlanOp>(&item))
            writer.op(*op);
        else if (auto* pair = std::get_if<format::FolderPair>(&item))
            writer.pair(*pair);
        else
            writer.skip(std::get<format::FolderSkip>(item));
    }
    writer.finish();
}

int sync_plan_main(int argc, char** argv) {
    log::configure_from_environment();
    Options opt = parse_options(argc, argv);
    if (opt.debug)
        log::enable_categories(*opt.debug);
    if (opt.help) {
        std::fputs(help_text().c_str(), stdout);
        return 0;
    }
    if (opt.version) {
        std::printf("sync-plan %s\nreads: %s %d, %s %d\nwrites: %s %d\n", kVersion,
                    format::kRemoteStateKind, format::kRemoteStateMajor, format::kLocalStateKind,
                    format::kLocalStateMajor, format::kPlanKind, format::kPlanMajor);
        return 0;
    }
    sync::PlannerOptions from_config;
    apply_config(opt, from_config);
    check_required(opt);
    sync::PlannerOptions planner = planner_options(opt, std::move(from_config));
    auto remote = read_input<sync::RemoteListing>(*opt.remote, sync::read_remote_listing);
    auto local = read_input<sync::LocalListing>(*opt.local, sync::read_local_listing);
    sync::DiskStateSource state(*opt.metadata, *opt.account);
    sync::PlanResult result = sync::make_plan(remote, local, state, planner);
    for (const auto& warning : result.warnings)
        log::warning(log::sanitize(warning));
    if (opt.output) {
        std::ostringstream text;
        write_plan(text, opt, local, result);
        fs::replace_file_atomically(*opt.output, text.str(), false);
    } else {
        write_plan(std::cout, opt, local, result);
    }
    // sync-plan(1): 2 when a folder was skipped for a changed UIDVALIDITY; the plan is whole.
    return result.uid_validity_problem ? 2 : 0;
}

}  // namespace
}  // namespace oimap::sync_plan

int main(int argc, char** argv) {
    return oimap::run_main(argc, argv, oimap::sync_plan::sync_plan_main);
}
