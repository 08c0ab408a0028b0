// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: everything goes through pyeval::Evaluator (native subset, python3
// fallback, pythonfile), each (label, text) compiled once and kept for the run.
#include "expressions.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"

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

// pyeval::less orders the keys as Python's sorted() does; the sort is stable.
void sort_by_keys(std::vector<pyeval::Value>& keys, std::vector<MbnamesItem>& items) {
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return pyeval::less(keys[a], keys[b]); });
    std::vector<MbnamesItem> sorted;
    for (size_t i : order)
        sorted.push_back(items[i]);
    items = std::move(sorted);
}

}  // namespace

Expressions::Expressions(const config::General& general)
    : evaluator_(pyeval::EvaluatorOptions{.pythonfile = general.pythonfile}) {}

pyeval::Expression& Expressions::compiled(const std::string& label, const std::string& expr,
                                          bool with_re) {
    auto key = std::make_pair(label, expr);
    auto it = cache_.find(key);
    if (it == cache_.end())
        it = cache_.emplace(key, evaluator_.compile(label, expr, with_re)).first;
    return it->second;
}

std::string Expressions::string(const std::string& label, const std::string& expr) {
    std::lock_guard lock(mutex_);
    return compiled(label, expr, false).eval_string();
}

std::vector<std::string> Expressions::list(const std::string& label, const std::string& expr) {
    std::lock_guard lock(mutex_);
    return compiled(label, expr, false).eval_list();
}

void Expressions::call_hook(const std::string& label, const std::string& expr) {
    std::lock_guard lock(mutex_);
    compiled(label, expr, false).call({});
}

std::string Expressions::nametrans(const std::string& label, const std::string& expr,
                                   const std::string& name) {
    if (expr.empty())
        return name;
    std::lock_guard lock(mutex_);
    return compiled(label, expr, true).call_str(name);
}

bool Expressions::folderfilter(const std::string& label, const std::string& expr,
                               const std::string& name) {
    if (expr.empty())
        return true;
    std::lock_guard lock(mutex_);
    return compiled(label, expr, true).call_bool({name});
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
        return compiled("[mbnames] folderfilter", expr, true)
            .call_bool({item.accountname, item.foldername});
    };
    e.sort = [this](const std::string& expr, std::vector<MbnamesItem>& items) {
        std::lock_guard lock(mutex_);
        pyeval::Expression& key = compiled("[mbnames] sort_keyfunc", expr, true);
        std::vector<pyeval::Value> keys;
        for (const auto& item : items)
            keys.push_back(key.call({item_dict(item)}));
        sort_by_keys(keys, items);
    };
    return e;
}

}  // namespace oimap::driver
