// SPDX-License-Identifier: GPL-2.0-or-later
// The driver's view of offlineimaprc's Python expressions (spec §3): credentials *eval,
// [mbnames] header/sep/footer/folderfilter/sort_keyfunc, nametrans and folderfilter for
// --info and --migrate-fmd5-using-nametrans.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/credentials.hpp"
#include "config/model.hpp"
#include "mbnames.hpp"
#include "pyeval/evaluator.hpp"

namespace oimap::driver {

/// One per run (lib/pyeval starts at most one python3 child for it); thread-safe.  Each
/// option is compiled once per run through pyeval::Evaluator ([general] pythonfile
/// definitions and the python3 fallback included) and called per folder.
class Expressions {
public:
    explicit Expressions(const config::General& general);

    /// The str value of expr; throws ConfigError "<label>: ...".
    std::string string(const std::string& label, const std::string& expr);
    /// nametrans(name) (identity when expr is empty).
    std::string nametrans(const std::string& label, const std::string& expr,
                          const std::string& name);
    /// folderfilter(name) (true when expr is empty).
    bool folderfilter(const std::string& label, const std::string& expr, const std::string& name);
    /// The value of expr as a list of str (idlefolders); throws ConfigError "<label>: ...".
    std::vector<std::string> list(const std::string& label, const std::string& expr);
    /// The evaluator lib/config's credential lookup takes.
    config::EvalString credentials();
    /// The evaluators of [mbnames].
    MbnamesEval mbnames();
    /// Calls newmail_hook, a Python callable, with no argument (spec §5.8.1); its result is
    /// ignored.  Throws ConfigError "<label>: ...".
    void call_hook(const std::string& label, const std::string& expr);

private:
    /// The expression compiled once per run for (label, expr); the caller holds mutex_.
    pyeval::Expression& compiled(const std::string& label, const std::string& expr, bool with_re);

    pyeval::Evaluator evaluator_;
    std::map<std::pair<std::string, std::string>, pyeval::Expression> cache_;
    std::mutex mutex_;
};

}  // namespace oimap::driver
