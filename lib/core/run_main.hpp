// SPDX-License-Identifier: GPL-2.0-or-later
// The process boundary: the only place that turns failures into an exit status.
#pragma once

#include <functional>
#include <string_view>

namespace oimap {

using MainFunction = std::function<int(int argc, char** argv)>;

/// Runs body; prints "<prog>: error: <message>" for an oimap::Error and returns its code,
/// "<prog>: internal error: <what>" (70) for anything else.  Never lets an exception escape.
int run_main(int argc, char** argv, const MainFunction& body);

/// The program name used in diagnostics (basename of argv[0]), set by run_main.
std::string_view program_name();

}  // namespace oimap
