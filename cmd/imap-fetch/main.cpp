// SPDX-License-Identifier: GPL-2.0-or-later
// imap-fetch(1): lists the remote state of an IMAP account (plumbing).
#include <cstdio>

#include "account.hpp"
#include "core/log.hpp"
#include "core/run_main.hpp"
#include "core/text.hpp"
#include "fetch.hpp"
#include "format/remote_state.hpp"
#include "options.hpp"

namespace {

int imap_fetch_main(int argc, char** argv) {
    using namespace oimap;
    imap_fetch::Options options = imap_fetch::parse_options(argc, argv);
    if (options.help) {
        std::fputs(imap_fetch::help_text().c_str(), stdout);
        return 0;
    }
    if (options.version) {
        std::string line = cat("imap-fetch ", imap_fetch::kVersion, " (writes ", format::kRemoteStateKind, " ",
                               format::kRemoteStateMajor, ")\n");
        std::fputs(line.c_str(), stdout);
        return 0;
    }
    if (options.debug) log::enable_categories(*options.debug);
    if (options.config_file || options.account) imap_fetch::apply_account(options);
    return imap_fetch::run_fetch(options);
}

}  // namespace

int main(int argc, char** argv) { return oimap::run_main(argc, argv, imap_fetch_main); }
