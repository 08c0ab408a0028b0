// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: with pythonfile set, the child starts at the first compile() so that
// a broken pythonfile fails early, as offlineimap fails at start-up.  An expression starts native when it parses, names nothing that is
// neither a supported builtin nor a pythonfile definition, and evaluates.  A native failure
// that python3 could get right (Unsupported, NameError, a SyntaxError of our parser) moves
// the expression to the python3 child for good, evaluating the text there once and then
// calling the resulting handle.  The child is started lazily, once, and shared.
#include "pyeval/evaluator.hpp"

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "pyeval/eval.hpp"
#include "pyeval/python_child.hpp"

namespace oimap::pyeval {

constexpr auto kLogCategory = log::Category::kConfig;

struct EvaluatorImpl {
    EvaluatorOptions options;
    ScopePtr globals[2];  ///< without and with re
    std::unique_ptr<PythonChild> child;
    std::string child_error;  ///< why the child cannot run, once known
    int starts = 0;
    std::recursive_mutex mutex;

    /// The child, started on first use; nullptr (with child_error set) when python3 cannot
    /// run.  A pythonfile that fails to load is a ConfigError.
    PythonChild* python() {
        if (child || !child_error.empty()) return child.get();
        try {
            ++starts;
            child = std::make_unique<PythonChild>(options.python, options.pythonfile);
            log::debug(kLogCategory, cat("started ", options.python, " for expressions, pid ", child->pid()));
        } catch (const IoError& e) {
            child_error = e.what();
        } catch (const PyError& e) {
            throw ConfigError(e.what());
        }
        return child.get();
    }
};

struct ExpressionState {
    std::shared_ptr<EvaluatorImpl> impl;
    std::string label, text;
    bool with_re = false;
    bool is_native = true;
    Value value;         ///< native value
    PythonResult py;     ///< python value or handle
};

namespace {

/// A result in either world: a native Value, or an opaque Python object.
struct Outcome {
    Value value;
    bool opaque = false;
    bool truthy = false;
    std::string repr;
};

[[noreturn]] void fail(const ExpressionState& s, const std::string& why) {
    throw ConfigError(cat(s.label, ": ", why));
}

bool python_may_help(const PyError& e) {
    std::string_view what = e.what();
    return what.rfind("NameError:", 0) == 0 || what.rfind("SyntaxError:", 0) == 0;
}

// Moves s to python3 after a native failure described by why; throws when python3 cannot run.
void to_python(ExpressionState& s, const std::string& why, bool unsupported) {
    PythonChild* child = s.impl->python();
    if (!child) {
        fail(s, unsupported ? cat(why, " is not supported by the built-in evaluator, and python3 is "
                                       "needed for it: ", s.impl->child_error)
                            : why);
    }
    log::debug(kLogCategory, cat(s.label, ": evaluated by python3 (", why, ")"));
    s.is_native = false;
    try {
        s.py = child->eval(s.text, s.with_re);
    } catch (const PyError& e) {
        fail(s, e.what());
    }
}

// Why tree must be evaluated by python3 (a name that is neither a supported builtin nor
// absent from pythonfile), or "" when it can be evaluated natively.
std::string needs_python(ExpressionState& s, const NodePtr& tree) {
    const Scope& globals = *s.impl->globals[s.with_re ? 1 : 0];
    std::vector<std::string> names = free_names(tree);
    bool has_file = s.impl->options.pythonfile.has_value();
    PythonChild* child = has_file ? s.impl->python() : nullptr;
    for (const std::string& name : names) {
        if (child && std::count(child->names().begin(), child->names().end(), name)) {
            return cat("'", name, "' is defined in pythonfile");
        }
        if (!globals.find(name)) {
            return cat("NameError: name '", name, "' is not defined",
                       has_file && !child ? cat(" (pythonfile is set, but ", s.impl->child_error, ")") : "");
        }
    }
    return "";
}

void evaluate_text(ExpressionState& s) {
    try {
        NodePtr tree = parse_expression(s.text);
        if (std::string why = needs_python(s, tree); !why.empty()) return to_python(s, why, false);
        s.value = evaluate(tree, s.impl->globals[s.with_re ? 1 : 0]);
    } catch (const Unsupported& e) {
        to_python(s, e.what(), true);
    } catch (const PyError& e) {
        if (!python_may_help(e)) fail(s, e.what());
        to_python(s, e.what(), false);
    }
}

Outcome from_python(const PythonResult& r) {
    if (!r.handle) return Outcome{r.value};
    return Outcome{Value::none(), true, r.truthy, r.repr};
}

Outcome invoke(ExpressionState& s, const std::vector<Value>& args) {
    std::lock_guard lock(s.impl->mutex);
    if (s.is_native) {
        try {
            Args a{args, {}};
            return Outcome{call_value(s.value, a)};
        } catch (const Unsupported& e) {
            to_python(s, e.what(), true);
        } catch (const PyError& e) {
            if (!python_may_help(e)) fail(s, e.what());
            to_python(s, e.what(), false);
        }
    }
    if (!s.py.handle || !s.py.callable) {
        fail(s, cat("TypeError: '", type_name(s.py.value), "' object is not callable"));
    }
    try {
        return from_python(s.impl->python()->call(*s.py.handle, args));
    } catch (const PyError& e) {
        fail(s, e.what());
    }
}

Outcome plain(const ExpressionState& s) {
    return s.is_native ? Outcome{s.value} : from_python(s.py);
}

std::string describe(const Outcome& o) { return o.opaque ? o.repr : repr(o.value); }

const std::string& want_str(const ExpressionState& s, const Outcome& o) {
    if (o.opaque || !o.value.is_str()) fail(s, cat("expected a str, got ", describe(o)));
    return o.value.s;
}

}  // namespace

Evaluator::Evaluator(EvaluatorOptions options) : impl_(std::make_shared<EvaluatorImpl>()) {
    impl_->options = std::move(options);
    for (int with_re = 0; with_re < 2; ++with_re) {
        auto globals = std::make_shared<Scope>();
        globals->vars = builtin_names();
        if (with_re) globals->vars["re"] = make_re_module();
        impl_->globals[with_re] = globals;
    }
}

Evaluator::~Evaluator() = default;

Expression Evaluator::compile(const std::string& label, const std::string& text, bool with_re) {
    auto state = std::make_shared<ExpressionState>();
    state->impl = impl_;
    state->label = label;
    state->text = text;
    state->with_re = with_re;
    std::lock_guard lock(impl_->mutex);
    evaluate_text(*state);
    return Expression(state);
}

int Evaluator::python_pid() const { return impl_->child ? impl_->child->pid() : 0; }
int Evaluator::python_starts() const { return impl_->starts; }
size_t Evaluator::python_requests() const { return impl_->child ? impl_->child->requests() : 0; }

std::string Expression::call_str(const std::string& arg) const {
    return want_str(*state_, invoke(*state_, {Value::str(arg)}));
}

bool Expression::call_bool(const std::vector<std::string>& args) const {
    std::vector<Value> values;
    for (const std::string& a : args) values.push_back(Value::str(a));
    Outcome o = invoke(*state_, values);
    return o.opaque ? o.truthy : truthy(o.value);
}

int Expression::call_cmp(const std::string& a, const std::string& b) const {
    Outcome o = invoke(*state_, {Value::str(a), Value::str(b)});
    if (o.opaque || !o.value.is_int()) fail(*state_, cat("expected an int, got ", describe(o)));
    return o.value.i < 0 ? -1 : o.value.i > 0 ? 1 : 0;
}

Value Expression::call(const std::vector<Value>& args) const {
    Outcome o = invoke(*state_, args);
    if (o.opaque) fail(*state_, cat("expected a plain value, got ", o.repr));
    return o.value;
}

std::vector<std::string> Expression::eval_list() const {
    Outcome o = plain(*state_);
    if (o.opaque || !o.value.is_sequence()) fail(*state_, cat("expected a list, got ", describe(o)));
    std::vector<std::string> out;
    for (const Value& item : *o.value.items) {
        if (!item.is_str()) fail(*state_, cat("expected a list of str, got ", repr(o.value)));
        out.push_back(item.s);
    }
    return out;
}

std::string Expression::eval_string() const { return want_str(*state_, plain(*state_)); }

std::optional<std::string> Expression::eval_optional_string() const {
    Outcome o = plain(*state_);
    if (!o.opaque && o.value.kind == Value::Kind::kNone) return std::nullopt;
    return want_str(*state_, o);
}

int64_t Expression::eval_int() const {
    Outcome o = plain(*state_);
    if (o.opaque || !o.value.is_int()) fail(*state_, cat("expected an int, got ", describe(o)));
    return o.value.i;
}

bool Expression::native() const { return state_->is_native; }
const std::string& Expression::label() const { return state_->label; }

}  // namespace oimap::pyeval
