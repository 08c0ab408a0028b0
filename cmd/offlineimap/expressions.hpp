// SPDX-License-Identifier: GPL-2.0-or-later
// The driver's view of offlineimaprc's Python expressions (spec §3): credentials *eval,
// [mbnames] header/sep/footer/folderfilter/sort_keyfunc, and nametrans for --info.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/credentials.hpp"
#include "mbnames.hpp"

namespace oimap::driver {

/// Evaluates expr; option names it in errors: ConfigError "cannot evaluate '<option>': ...".
std::string eval_string(std::string_view option, const std::string& expr);

/// The evaluator lib/config's credential lookup takes.
config::EvalString credential_evaluator();

/// The evaluators of [mbnames].
MbnamesEval mbnames_evaluator();

/// nametrans(name) with the expression of a repository (identity when expr is empty).
std::string apply_nametrans(const std::string& expr, const std::string& name);
/// folderfilter(name) of a repository (true when expr is empty).
bool apply_folderfilter(const std::string& expr, const std::string& name);

}  // namespace oimap::driver
