// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: everything goes through pyeval::Evaluator (native subset, python3
// fallback, pythonfile), except [mbnames] sort_keyfunc, whose argument is a dict: that one
// is evaluated natively only, and refused by name when outside the native subset.
#include "expressions.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "pyeval/eval.hpp"

namespace oimap::driver {
namespace {

pyeval::Value item_dict(const MbnamesItem& item) {
    pyeval::Value::Pairs pairs = {
        {pyeval::Value::str("accountname"), pyeval::Value::str(item.accountname)},
        {pyeval::Value::str("foldername"), pyeval::Value::str(item.foldername)},
        {pyeval::Value::str("localfolders"),
         item.localfolders ? pyeval::Value::str(*item.localfolders) : pyeval::Value::none()}};
    return pyeval::Value::dict(std::move(pairs));
}

void sort_items(const std::string& expr, std::vector<MbnamesItem>& items) {
    auto scope = std::make_shared<pyeval::Scope>();
    scope->vars = pyeval::builtin_names();
    scope->vars["re"] = pyeval::make_re_module();
    try {
        pyeval::Value fn = pyeval::evaluate(pyeval::parse_expression(expr), scope);
        std::vector<std::pair<pyeval::Value, MbnamesItem>> keyed;
        for (auto& item : items) {
            pyeval::Args args{{item_dict(item)}, {}};
            keyed.emplace_back(pyeval::call_value(fn, args), item);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
            return pyeval::less(a.first, b.first);
        });
        for (size_t i = 0; i < items.size(); ++i)
            items[i] = keyed[i].second;
    } catch (const pyeval::PyError& e) {
        throw ConfigError(cat("[mbnames] sort_keyfunc: ", e.what()));
    } catch (const pyeval::Unsupported& e) {
        throw ConfigError(
            cat("[mbnames] sort_keyfunc: not supported yet by this offlineimap: ", e.what()));
    }
}

}  // namespace

Expressions::Expressions(const config::General& general)
    : evaluator_(pyeval::EvaluatorOptions{.pythonfile = general.pythonfile}) {}

std::string Expressions::string(const std::string& label, const std::string& expr) {
    std::lock_guard lock(mutex_);
    return evaluator_.compile(label, expr, false).eval_string();
}

std::string Expressions::nametrans(const std::string& label, const std::string& expr,
                                   const std::string& name) {
    if (expr.empty())
        return name;
    std::lock_guard lock(mutex_);
    return evaluator_.compile(label, expr, true).call_str(name);
}

bool Expressions::folderfilter(const std::string& label, const std::string& expr,
                               const std::string& name) {
    if (expr.empty())
        return true;
    std::lock_guard lock(mutex_);
    return evaluator_.compile(label, expr, true).call_bool({name});
}

config::EvalString Expressions::credentials() {
    return [this](std::string_view option, const std::string& text) {
        return string(std::string(option), text);
    };
}

MbnamesEval Expressions::mbnames() {
    MbnamesEval e;
    e.string = [this](const std::string& expr) { return string("[mbnames]", expr); };
    e.folder_filter = [this](const std::string& expr, const MbnamesItem& item) {
        std::lock_guard lock(mutex_);
        return evaluator_.compile("[mbnames] folderfilter", expr, true)
            .call_bool({item.accountname, item.foldername});
    };
    e.sort = sort_items;
    return e;
}

}  // namespace oimap::driver
