// SPDX-License-Identifier: GPL-2.0-or-later
// The Python-evaluated options of offlineimaprc (spec §3): nametrans, folderfilter,
// folderincludes, foldersort, the *eval credentials, mbnames expressions.  Expressions are
// evaluated natively when they stay within the supported subset (doc/QUIRKS.md); anything
// else, and anything naming a pythonfile definition, goes to one python3 child per run.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pyeval/value.hpp"

namespace oimap::pyeval {

struct EvaluatorOptions {
    std::optional<std::string> pythonfile;  ///< [general] pythonfile, already expanded
    std::string python = "python3";         ///< interpreter for the fallback (PATH lookup)
};

struct EvaluatorImpl;
struct ExpressionState;

/// One evaluated option; copies share state.  Every method throws ConfigError
/// "<label>: <reason>" when evaluation fails or the result has the wrong type.
class Expression {
public:
    /// f(arg) -> str, for nametrans.
    std::string call_str(const std::string& arg) const;
    /// bool(f(args...)), for folderfilter (one argument) and [mbnames] folderfilter (two).
    bool call_bool(const std::vector<std::string>& args) const;
    /// f(a, b) -> int, for foldersort; only the sign matters.
    int call_cmp(const std::string& a, const std::string& b) const;
    /// f(args...) as a plain value (None, bool, int, str, or a list of those when python3
    /// computed it), for [mbnames] sort_keyfunc, whose argument is a dict.
    Value call(const std::vector<Value>& args) const;
    /// The value as a list of str, for folderincludes and idlefolders.
    std::vector<std::string> eval_list() const;
    /// The value as a str (bytes are decoded as UTF-8), for remotepasseval and the like.
    std::string eval_string() const;
    /// As eval_string, but None gives nullopt (the oauth2 *_eval options).
    std::optional<std::string> eval_optional_string() const;
    /// The value as an int, for remoteporteval.
    int64_t eval_int() const;
    /// False once this expression needed python3.
    bool native() const;
    const std::string& label() const;

private:
    friend class Evaluator;
    explicit Expression(std::shared_ptr<ExpressionState> state) : state_(std::move(state)) {}
    std::shared_ptr<ExpressionState> state_;
};

/// One per run, shared by every account (it owns the python3 child).  Typical use:
///
///     pyeval::Evaluator ev({.pythonfile = general.pythonfile});
///     auto nametrans = ev.compile("[Repository R] nametrans", *repo.nametrans, true);
///     std::string local = nametrans.call_str(remote_name);        // per folder
///     config::EvalString creds = [&](std::string_view option, const std::string& text) {
///         return ev.compile(cat("[Repository R] ", option), text, false).eval_string();
///     };
class Evaluator {
public:
    explicit Evaluator(EvaluatorOptions options = {});
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    /// Evaluates text, the value of the option named by label ("[Repository R] nametrans"),
    /// as offlineimap does when it creates the repository.  with_re injects the re module
    /// (nametrans, folderfilter, folderincludes, foldersort, mbnames sort_keyfunc and
    /// folderfilter).  Throws ConfigError "<label>: <reason>".
    Expression compile(const std::string& label, const std::string& text, bool with_re);

    /// The pid of the python3 child, 0 when none was started.
    int python_pid() const;
    /// How many python3 children were started (0 or 1) and requests sent to them.
    int python_starts() const;
    size_t python_requests() const;

private:
    std::shared_ptr<EvaluatorImpl> impl_;
};

}  // namespace oimap::pyeval
