// SPDX-License-Identifier: GPL-2.0-or-later
// One python3 child per run that evaluates the expressions the native evaluator cannot,
// with [general] pythonfile loaded as offlineimap loads it (internal to lib/pyeval).
//
// Protocol, one JSON object per line in each direction:
//   child -> us, once at start:  {"ok": true, "names": [...]}  or {"ok": false, "error": "..."}
//   us -> child: {"op": "eval", "expr": TEXT, "re": BOOL}
//                {"op": "call", "handle": N, "args": [...]}
//   child -> us: {"ok": true, "value": V}                     (None, bool, int, str, flat lists)
//                {"ok": true, "handle": N, "callable": B, "truthy": B, "repr": S}  (anything else)
//                {"ok": false, "error": "TypeError: ..."}
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pyeval/value.hpp"

namespace oimap::process {
class Child;
}

namespace oimap::pyeval {

/// A result of the child: a plain value, or a handle to an object that stays in the child.
struct PythonResult {
    Value value;
    std::optional<int64_t> handle;
    bool callable = false;
    bool truthy = false;
    std::string repr;
};

class PythonChild {
public:
    /// Starts `python` (python3) and loads pythonfile when given.  Throws IoError when the
    /// interpreter cannot run, PyError when pythonfile fails to load.
    PythonChild(const std::string& python, const std::optional<std::string>& pythonfile);
    ~PythonChild();

    /// The global names pythonfile defines, except those that are the standard builtins or
    /// the re module.
    const std::vector<std::string>& names() const { return names_; }
    /// eval(text) in a fresh copy of the namespace, with `re` added when with_re.
    PythonResult eval(const std::string& text, bool with_re);
    /// handle(*args).
    PythonResult call(int64_t handle, const std::vector<Value>& args);
    int pid() const;
    /// The number of requests sent so far.
    size_t requests() const { return requests_; }

private:
    PythonResult request(const std::string& line);

    std::unique_ptr<process::Child> child_;
    std::vector<std::string> names_;
    size_t requests_ = 0;
};

}  // namespace oimap::pyeval
