// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: a direct tree walk.  Lambdas capture their defining scope;
// calling one makes a child scope with the parameters.  Integer arithmetic that would
// overflow int64 (Python has big integers) is Unsupported, so python3 evaluates it.
#include "pyeval/eval.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace oimap::pyeval {
namespace {

using K = Node::Kind;

struct Lambda : Callable {
    std::vector<std::string> params;
    NodePtr body;
    ScopePtr scope;

    Value call(Args& args) override {
        if (args.positional.size() > params.size()) {
            throw PyError(cat("TypeError: <lambda>() takes ", params.size(), " positional argument",
                              params.size() == 1 ? "" : "s", " but ", args.positional.size(),
                              args.positional.size() == 1 ? " was" : " were", " given"));
        }
        auto local = std::make_shared<Scope>();
        local->parent = scope;
        for (size_t k = 0; k < args.positional.size(); ++k) local->vars[params[k]] = args.positional[k];
        for (auto& [name, value] : args.keywords) {
            if (std::find(params.begin(), params.end(), name) == params.end()) {
                throw PyError(cat("TypeError: <lambda>() got an unexpected keyword argument '", name, "'"));
            }
            local->vars[name] = value;
        }
        for (const std::string& p : params) {
            if (!local->vars.count(p)) {
                throw PyError(cat("TypeError: <lambda>() missing 1 required positional argument: '", p, "'"));
            }
        }
        return evaluate(body, local);
    }
    std::string name() const override { return "<lambda>"; }
};

// a op b with op one of + - *, Unsupported when the result needs more than 64 bits.
int64_t checked(char op, int64_t a, int64_t b) {
    int64_t r = 0;
    bool overflow = op == '+'   ? __builtin_add_overflow(a, b, &r)
                    : op == '-' ? __builtin_sub_overflow(a, b, &r)
                                : __builtin_mul_overflow(a, b, &r);
    if (overflow) throw Unsupported("integers beyond 64 bits");
    return r;
}

int64_t floor_div(int64_t a, int64_t b, bool modulo) {
    if (b == 0) throw PyError("ZeroDivisionError: integer division or modulo by zero");
    int64_t q = a / b, r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        --q;
        r += b;
    }
    return modulo ? r : q;
}

Value repeat(const Value& seq, int64_t n) {
    if (seq.is_str()) {
        std::string out;
        for (int64_t k = 0; k < n; ++k) out += seq.s;
        return Value::str(out);
    }
    Value::Items out;
    for (int64_t k = 0; k < n; ++k) out.insert(out.end(), seq.items->begin(), seq.items->end());
    return seq.kind == Value::Kind::kList ? Value::list(out) : Value::tuple(out);
}

[[noreturn]] void bad_operands(const std::string& op, const Value& a, const Value& b) {
    if (op == "+" && a.is_str()) {
        throw PyError(cat("TypeError: can only concatenate str (not \"", type_name(b), "\") to str"));
    }
    throw PyError(cat("TypeError: unsupported operand type(s) for ", op, ": '", type_name(a),
                      "' and '", type_name(b), "'"));
}

Value binary(const std::string& op, const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) {
        if (op == "+" || op == "-" || op == "*") return Value::integer(checked(op[0], a.i, b.i));
        if (op == "//" || op == "%") return Value::integer(floor_div(a.i, b.i, op == "%"));
        if (op == "/" || (op == "**" && b.i < 0)) throw Unsupported("float results");
        if (op == "**") {
            int64_t v = 1;
            for (int64_t k = 0; k < b.i; ++k) v = checked('*', v, a.i);
            return Value::integer(v);
        }
    }
    if (op == "+" && a.kind == b.kind && (a.is_str() || a.is_sequence())) {
        if (a.is_str()) return Value::str(a.s + b.s);
        Value::Items items = *a.items;
        items.insert(items.end(), b.items->begin(), b.items->end());
        return a.kind == Value::Kind::kList ? Value::list(items) : Value::tuple(items);
    }
    if (op == "*" && (a.is_str() || a.is_sequence()) && b.is_int()) return repeat(a, b.i);
    if (op == "*" && (b.is_str() || b.is_sequence()) && a.is_int()) return repeat(b, a.i);
    if (op == "%" && a.is_str()) throw Unsupported("%-formatting");
    bad_operands(op, a, b);
}

bool contains(const Value& container, const Value& item) {
    if (container.is_str()) {
        if (!item.is_str()) {
            throw PyError(cat("TypeError: 'in <string>' requires string as left operand, not ",
                              type_name(item)));
        }
        return container.s.find(item.s) != std::string::npos;
    }
    if (container.is_sequence() || container.kind == Value::Kind::kDict) {
        for (const Value& v : iterate(container)) {
            if (equals(v, item)) return true;
        }
        return false;
    }
    throw PyError(cat("TypeError: argument of type '", type_name(container), "' is not iterable"));
}

bool identical(const Value& a, const Value& b) {
    bool simple = a.kind == Value::Kind::kNone || b.kind == Value::Kind::kNone ||
                  a.kind == Value::Kind::kBool || b.kind == Value::Kind::kBool;
    if (!simple) throw Unsupported("'is' between values other than None, True and False");
    return a.kind == b.kind && a.i == b.i;
}

bool compare(const std::string& op, const Value& a, const Value& b) {
    if (op == "==") return equals(a, b);
    if (op == "!=") return !equals(a, b);
    if (op == "<") return less(a, b);
    if (op == ">") return less(b, a);
    if (op == "<=") return !less(b, a);
    if (op == ">=") return !less(a, b);
    if (op == "in") return contains(b, a);
    if (op == "not in") return !contains(b, a);
    if (op == "is") return identical(a, b);
    return !identical(a, b);
}

Value evaluate_compare(const Node& n, const ScopePtr& scope) {
    Value left = evaluate(n.kids[0], scope);
    for (size_t k = 0; k < n.names.size(); ++k) {
        Value right = evaluate(n.kids[k + 1], scope);
        if (!compare(n.names[k], left, right)) return Value::boolean(false);
        left = right;
    }
    return Value::boolean(true);
}

Value evaluate_call(const Node& n, const ScopePtr& scope) {
    Value callee = evaluate(n.kids[0], scope);
    Args args;
    size_t positional = n.kids.size() - 1 - n.names.size();
    for (size_t k = 1; k <= positional; ++k) args.positional.push_back(evaluate(n.kids[k], scope));
    for (size_t k = 0; k < n.names.size(); ++k) {
        args.keywords.emplace_back(n.names[k], evaluate(n.kids[1 + positional + k], scope));
    }
    return call_value(callee, args);
}

Value evaluate_items(const Node& n, const ScopePtr& scope) {
    Value::Items items;
    for (const NodePtr& kid : n.kids) items.push_back(evaluate(kid, scope));
    if (n.kind == K::kList) return Value::list(items);
    return Value::tuple(items);
}

Value evaluate_dict(const Node& n, const ScopePtr& scope) {
    Value::Pairs pairs;
    for (size_t k = 0; k + 1 < n.kids.size(); k += 2) {
        Value key = evaluate(n.kids[k], scope);
        if (key.kind == Value::Kind::kList || key.kind == Value::Kind::kDict) {
            throw PyError(cat("TypeError: unhashable type: '", type_name(key), "'"));
        }
        Value value = evaluate(n.kids[k + 1], scope);
        auto same = std::find_if(pairs.begin(), pairs.end(), [&](auto& p) { return equals(p.first, key); });
        if (same != pairs.end()) {
            same->second = value;
        } else {
            pairs.emplace_back(key, value);
        }
    }
    return Value::dict(pairs);
}

Value evaluate_bool_chain(const Node& n, const ScopePtr& scope) {
    Value v;
    for (const NodePtr& kid : n.kids) {
        v = evaluate(kid, scope);
        if (truthy(v) == (n.kind == K::kOr)) return v;
    }
    return v;
}

Value optional_kid(const NodePtr& kid, const ScopePtr& scope) {
    return kid ? evaluate(kid, scope) : Value::none();
}

}  // namespace

const Value* Scope::find(std::string_view name) const {
    for (const Scope* s = this; s; s = s->parent.get()) {
        auto it = s->vars.find(name);
        if (it != s->vars.end()) return &it->second;
    }
    return nullptr;
}

Value call_value(const Value& v, Args& args) {
    if (v.kind != Value::Kind::kCallable) {
        throw PyError(cat("TypeError: '", type_name(v), "' object is not callable"));
    }
    return v.fn->call(args);
}

Value evaluate(const NodePtr& node, const ScopePtr& scope) {
    const Node& n = *node;
    switch (n.kind) {
        case K::kConst: return n.constant;
        case K::kName: {
            const Value* v = scope->find(n.text);
            if (!v) throw PyError(cat("NameError: name '", n.text, "' is not defined"));
            return *v;
        }
        case K::kList:
        case K::kTuple: return evaluate_items(n, scope);
        case K::kDict: return evaluate_dict(n, scope);
        case K::kLambda: {
            auto fn = std::make_shared<Lambda>();
            fn->params = n.names;
            fn->body = n.kids[0];
            fn->scope = scope;
            Value v;
            v.kind = Value::Kind::kCallable;
            v.fn = fn;
            return v;
        }
        case K::kIf: return truthy(evaluate(n.kids[1], scope)) ? evaluate(n.kids[0], scope)
                                                                : evaluate(n.kids[2], scope);
        case K::kOr:
        case K::kAnd: return evaluate_bool_chain(n, scope);
        case K::kNot: return Value::boolean(!truthy(evaluate(n.kids[0], scope)));
        case K::kCompare: return evaluate_compare(n, scope);
        case K::kBinary: return binary(n.text, evaluate(n.kids[0], scope), evaluate(n.kids[1], scope));
        case K::kNegate: {
            Value v = evaluate(n.kids[0], scope);
            if (!v.is_int()) {
                throw PyError(cat("TypeError: bad operand type for unary -: '", type_name(v), "'"));
            }
            return binary("-", Value::integer(0), v);
        }
        case K::kCall: return evaluate_call(n, scope);
        case K::kAttribute: return attribute(evaluate(n.kids[0], scope), n.text);
        case K::kSubscript: return subscript(evaluate(n.kids[0], scope), evaluate(n.kids[1], scope));
        case K::kSlice:
            return slice(evaluate(n.kids[0], scope), optional_kid(n.kids[1], scope),
                         optional_kid(n.kids[2], scope), optional_kid(n.kids[3], scope));
    }
    throw Unsupported("expression kind");
}

}  // namespace oimap::pyeval
