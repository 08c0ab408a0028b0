// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: lib/pyeval evaluates the subset of Python that offlineimaprc files
// use natively; the globals are the builtins plus `re`, as offlineimap's localeval gives
// (pythonfile aside, which lib/config refuses until it is supported).
#include "expressions.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "pyeval/eval.hpp"

namespace oimap::driver {
namespace {

pyeval::ScopePtr globals() {
    static const pyeval::ScopePtr scope = [] {
        auto s = std::make_shared<pyeval::Scope>();
        s->vars = pyeval::builtin_names();
        s->vars["re"] = pyeval::make_re_module();
        return s;
    }();
    return scope;
}

template <typename F>
auto guarded(std::string_view option, F body) {
    try {
        return body();
    } catch (const pyeval::PyError& e) {
        throw ConfigError(cat("cannot evaluate '", option, "': ", e.what()));
    } catch (const pyeval::Unsupported& e) {
        throw ConfigError(cat("cannot evaluate '", option, "': ", e.what()));
    }
}

pyeval::Value evaluate(const std::string& expr) {
    return pyeval::evaluate(pyeval::parse_expression(expr), globals());
}

pyeval::Value call(const std::string& expr, std::vector<pyeval::Value> positional) {
    pyeval::Args args{std::move(positional), {}};
    return pyeval::call_value(evaluate(expr), args);
}

pyeval::Value item_dict(const MbnamesItem& item) {
    pyeval::Value::Pairs pairs = {
        {pyeval::Value::str("accountname"), pyeval::Value::str(item.accountname)},
        {pyeval::Value::str("foldername"), pyeval::Value::str(item.foldername)},
        {pyeval::Value::str("localfolders"),
         item.localfolders ? pyeval::Value::str(*item.localfolders) : pyeval::Value::none()}};
    return pyeval::Value::dict(std::move(pairs));
}

}  // namespace

std::string eval_string(std::string_view option, const std::string& expr) {
    return guarded(option, [&] {
        return pyeval::expect_str(evaluate(expr), cat(option, " must be a str"));
    });
}

config::EvalString credential_evaluator() {
    return [](std::string_view option, const std::string& text) { return eval_string(option, text); };
}

MbnamesEval mbnames_evaluator() {
    MbnamesEval e;
    e.string = [](const std::string& expr) { return eval_string("[mbnames]", expr); };
    e.folder_filter = [](const std::string& expr, const MbnamesItem& item) {
        return guarded("[mbnames] folderfilter", [&] {
            return pyeval::truthy(call(expr, {pyeval::Value::str(item.accountname),
                                              pyeval::Value::str(item.foldername)}));
        });
    };
    e.sort = [](const std::string& expr, std::vector<MbnamesItem>& items) {
        guarded("[mbnames] sort_keyfunc", [&] {
            std::vector<std::pair<pyeval::Value, MbnamesItem>> keyed;
            for (auto& item : items) keyed.emplace_back(call(expr, {item_dict(item)}), item);
            std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
                return pyeval::less(a.first, b.first);
            });
            for (size_t i = 0; i < items.size(); ++i) items[i] = keyed[i].second;
            return 0;
        });
    };
    return e;
}

std::string apply_nametrans(const std::string& expr, const std::string& name) {
    if (expr.empty()) return name;
    return guarded("nametrans", [&] {
        return pyeval::expect_str(call(expr, {pyeval::Value::str(name)}), "nametrans result");
    });
}

bool apply_folderfilter(const std::string& expr, const std::string& name) {
    if (expr.empty()) return true;
    return guarded("folderfilter",
                   [&] { return pyeval::truthy(call(expr, {pyeval::Value::str(name)})); });
}

}  // namespace oimap::driver
