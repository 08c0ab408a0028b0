// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/run_main.hpp"

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"

namespace oimap {
namespace {

std::string g_program = "oimap";

void report(const char* level, const std::string& message) {
    std::string line = g_program + ": " + level + ": " + log::sanitize(message) + "\n";
    std::fputs(line.c_str(), stderr);
}

}  // namespace

std::string_view program_name() { return g_program; }

int run_main(int argc, char** argv, const MainFunction& body) {
    if (argc > 0 && argv[0] != nullptr) {
        std::string_view name = argv[0];
        auto slash = name.rfind('/');
        g_program = std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
    }
    // A reader of our output that goes away is an ordinary error, not a signal death.
    std::signal(SIGPIPE, SIG_IGN);
    log::configure_from_environment();
    try {
        return body(argc, argv);
    } catch (const Error& e) {
        report("error", e.what());
        return to_int(e.code);
    } catch (const std::exception& e) {
        report("internal error", e.what());
    } catch (...) {
        report("internal error", "unknown exception");
    }
    return to_int(ExitCode::kInternal);
}

}  // namespace oimap
