// SPDX-License-Identifier: GPL-2.0-or-later
// The values of the expression evaluator: a tiny subset of Python's object model.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace oimap::pyeval {

/// A Python exception the expression would raise too: "TypeError: ...".
struct PyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Something outside the native subset; the caller falls back to python3.
struct Unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Value;
struct Callable;
struct Object;

/// Positional and keyword arguments of a call.
struct Args {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
};

struct Value {
    enum class Kind { kNone, kBool, kInt, kStr, kList, kTuple, kDict, kCallable, kObject };
    using Items = std::vector<Value>;
    using Pairs = std::vector<std::pair<Value, Value>>;

    Kind kind = Kind::kNone;
    int64_t i = 0;  ///< kBool (0 or 1) and kInt
    std::string s;  ///< kStr
    std::shared_ptr<Items> items;    ///< kList, kTuple
    std::shared_ptr<Pairs> pairs;    ///< kDict, in insertion order
    std::shared_ptr<Callable> fn;    ///< kCallable
    std::shared_ptr<Object> obj;     ///< kObject

    static Value none() { return {}; }
    static Value boolean(bool b);
    static Value integer(int64_t n);
    static Value str(std::string text);
    static Value list(Items items);
    static Value tuple(Items items);
    static Value dict(Pairs pairs);
    static Value function(std::string name, std::function<Value(Args&)> body);
    static Value object(std::shared_ptr<Object> o);

    bool is_str() const { return kind == Kind::kStr; }
    bool is_int() const { return kind == Kind::kInt || kind == Kind::kBool; }
    bool is_sequence() const { return kind == Kind::kList || kind == Kind::kTuple; }
};

/// Anything that can be called: lambdas, builtins, bound methods.
struct Callable {
    virtual ~Callable() = default;
    virtual Value call(Args& args) = 0;
    virtual std::string name() const = 0;
};

/// Module-like objects with attributes: the re module, patterns, matches.
struct Object {
    virtual ~Object() = default;
    virtual std::string type_name() const = 0;
    /// The attribute name; throws PyError "AttributeError: ..." when absent.
    virtual Value attribute(const std::string& name) = 0;
};

/// Python's type(v).__name__.
std::string type_name(const Value& v);
/// bool(v).
bool truthy(const Value& v);
/// v == w.
bool equals(const Value& v, const Value& w);
/// v < w for int, str, list and tuple; throws PyError TypeError otherwise.
bool less(const Value& v, const Value& w);
/// repr(v).
std::string repr(const Value& v);
/// str(v).
std::string to_str(const Value& v);
/// Throws PyError "TypeError: <what>" unless v is a str, then returns it.
const std::string& expect_str(const Value& v, const std::string& what);
/// Throws PyError unless v is an int (or bool), then returns it.
int64_t expect_int(const Value& v, const std::string& what);

/// The number of code points in UTF-8 text (Python's len of a str).
size_t code_points(const std::string& text);
/// True when text has a byte >= 0x80.
bool has_non_ascii(const std::string& text);

}  // namespace oimap::pyeval
