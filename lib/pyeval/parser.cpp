// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: recursive descent over the grammar of Python reference §6
// (expressions), one function per rule, from `expression` (lambda / conditional) down to
// `atom`.  Adjacent string literals are concatenated as in §2.4.2.
#include "pyeval/parser.hpp"

#include <set>

#include "core/text.hpp"
#include "pyeval/lexer.hpp"

namespace oimap::pyeval {
namespace {

using K = Node::Kind;

const std::set<std::string, std::less<>> kUnsupportedKeywords = {
    "for", "async", "await", "yield", "from", "import", "def", "class", "del", "global",
    "nonlocal", "return", "with", "as", "while", "try", "except", "raise", "assert", "pass",
    "break", "continue", "finally", "elif"};

NodePtr make(K kind, std::vector<NodePtr> kids = {}, std::string text = {}) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->kids = std::move(kids);
    n->text = std::move(text);
    return n;
}

NodePtr constant(Value v) {
    auto n = std::make_shared<Node>();
    n->constant = std::move(v);
    return n;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

    NodePtr run() {
        NodePtr n = expression_list(false);
        if (peek().kind != Token::Kind::kEnd) fail("unexpected '" + peek().text + "'");
        return n;
    }

private:
    const Token& peek(size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    bool is_op(std::string_view op, size_t ahead = 0) const {
        return peek(ahead).kind == Token::Kind::kOp && peek(ahead).text == op;
    }
    bool is_keyword(std::string_view word, size_t ahead = 0) const {
        return peek(ahead).kind == Token::Kind::kName && peek(ahead).text == word;
    }
    bool accept_op(std::string_view op) {
        if (!is_op(op)) return false;
        ++pos_;
        return true;
    }
    bool accept_keyword(std::string_view word) {
        if (!is_keyword(word)) return false;
        ++pos_;
        return true;
    }
    [[noreturn]] void fail(const std::string& why) const {
        if (peek().kind == Token::Kind::kName && kUnsupportedKeywords.count(peek().text)) {
            throw Unsupported(cat("'", peek().text, "'"));
        }
        throw PyError(cat("SyntaxError: ", why, " at offset ", peek().offset));
    }
    void expect_op(std::string_view op) {
        if (!accept_op(op)) {
            fail(peek().kind == Token::Kind::kEnd ? cat("expected '", op, "'")
                                                  : cat("expected '", op, "', got '", peek().text, "'"));
        }
    }

    // expression ("," expression)* [","] -> a tuple when there is a comma.
    NodePtr expression_list(bool in_parens) {
        NodePtr first = expression();
        if (!is_op(",")) return first;
        std::vector<NodePtr> items{first};
        while (accept_op(",")) {
            if (ends_list(in_parens ? ")" : "")) break;
            items.push_back(expression());
        }
        return make(K::kTuple, items);
    }

    bool ends_list(std::string_view close) const {
        return peek().kind == Token::Kind::kEnd || (!close.empty() && is_op(close));
    }

    NodePtr expression() {
        if (is_keyword("lambda")) return lambda();
        NodePtr value = or_test();
        if (!accept_keyword("if")) return value;
        NodePtr condition = or_test();
        if (!accept_keyword("else")) fail("expected 'else'");
        return make(K::kIf, {value, condition, expression()});
    }

    NodePtr lambda() {
        ++pos_;
        auto n = std::make_shared<Node>();
        n->kind = K::kLambda;
        while (!is_op(":")) {
            if (is_op("*") || is_op("**") || is_op("=")) throw Unsupported("lambda defaults and *args");
            if (peek().kind != Token::Kind::kName) fail("expected a parameter name");
            n->names.push_back(tokens_[pos_++].text);
            if (!accept_op(",")) break;
        }
        expect_op(":");
        n->kids.push_back(expression());
        return n;
    }

    NodePtr or_test() { return chain(K::kOr, "or", &Parser::and_test); }
    NodePtr and_test() { return chain(K::kAnd, "and", &Parser::not_test); }

    NodePtr chain(K kind, std::string_view word, NodePtr (Parser::*next)()) {
        NodePtr first = (this->*next)();
        if (!is_keyword(word)) return first;
        std::vector<NodePtr> kids{first};
        while (accept_keyword(word)) kids.push_back((this->*next)());
        return make(kind, kids);
    }

    NodePtr not_test() {
        if (accept_keyword("not")) return make(K::kNot, {not_test()});
        return comparison();
    }

    // Returns the comparison operator at the cursor and consumes it, or "".
    std::string comparison_operator() {
        for (const char* op : {"==", "!=", "<=", ">=", "<", ">"}) {
            if (accept_op(op)) return op;
        }
        if (accept_keyword("in")) return "in";
        if (is_keyword("not") && is_keyword("in", 1)) {
            pos_ += 2;
            return "not in";
        }
        if (accept_keyword("is")) return accept_keyword("not") ? "is not" : "is";
        return "";
    }

    NodePtr comparison() {
        NodePtr first = arith();
        auto n = std::make_shared<Node>();
        n->kind = K::kCompare;
        n->kids.push_back(first);
        for (std::string op = comparison_operator(); !op.empty(); op = comparison_operator()) {
            n->names.push_back(op);
            n->kids.push_back(arith());
        }
        return n->names.empty() ? first : n;
    }

    NodePtr arith() {
        NodePtr left = term();
        while (is_op("+") || is_op("-")) {
            std::string op = tokens_[pos_++].text;
            left = make(K::kBinary, {left, term()}, op);
        }
        return left;
    }

    NodePtr term() {
        NodePtr left = factor();
        while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
            std::string op = tokens_[pos_++].text;
            left = make(K::kBinary, {left, factor()}, op);
        }
        return left;
    }

    NodePtr factor() {
        if (accept_op("-")) return make(K::kNegate, {factor()});
        if (accept_op("+")) return factor();
        NodePtr base = primary();
        if (accept_op("**")) return make(K::kBinary, {base, factor()}, "**");
        return base;
    }

    NodePtr primary() {
        NodePtr n = atom();
        for (;;) {
            if (accept_op("(")) {
                n = call(n);
            } else if (accept_op("[")) {
                n = subscript(n);
            } else if (accept_op(".")) {
                if (peek().kind != Token::Kind::kName) fail("expected an attribute name");
                n = make(K::kAttribute, {n}, tokens_[pos_++].text);
            } else {
                return n;
            }
        }
    }

    NodePtr call(NodePtr callee) {
        auto n = std::make_shared<Node>();
        n->kind = K::kCall;
        n->kids.push_back(callee);
        std::vector<NodePtr> keyword_values;
        while (!accept_op(")")) {
            if (is_op("*") || is_op("**")) throw Unsupported("*args in calls");
            if (peek().kind == Token::Kind::kName && is_op("=", 1)) {
                n->names.push_back(tokens_[pos_].text);
                pos_ += 2;
                keyword_values.push_back(expression());
            } else {
                if (!keyword_values.empty()) fail("positional argument follows keyword argument");
                n->kids.push_back(expression());
            }
            if (!accept_op(",")) {
                expect_op(")");
                break;
            }
        }
        n->kids.insert(n->kids.end(), keyword_values.begin(), keyword_values.end());
        return n;
    }

    NodePtr subscript(NodePtr object) {
        std::vector<NodePtr> parts(3);
        size_t k = 0;
        bool slice = false;
        for (;;) {
            if (!is_op(":") && !is_op("]")) parts[k] = expression();
            if (accept_op("]")) break;
            expect_op(":");
            slice = true;
            if (++k == 3) fail("invalid slice");
        }
        if (!slice) {
            if (!parts[0]) fail("empty subscript");
            return make(K::kSubscript, {object, parts[0]});
        }
        return make(K::kSlice, {object, parts[0], parts[1], parts[2]});
    }

    NodePtr sequence(K kind, std::string_view close) {
        std::vector<NodePtr> items;
        while (!accept_op(close)) {
            items.push_back(expression());
            if (is_keyword("for")) throw Unsupported("comprehensions");
            if (!accept_op(",")) {
                expect_op(close);
                break;
            }
        }
        return make(kind, items);
    }

    NodePtr dict() {
        std::vector<NodePtr> kids;
        while (!accept_op("}")) {
            if (is_op("**")) throw Unsupported("dict unpacking");
            kids.push_back(expression());
            if (!is_op(":")) throw Unsupported("set literals");
            ++pos_;
            kids.push_back(expression());
            if (is_keyword("for")) throw Unsupported("comprehensions");
            if (!accept_op(",")) {
                expect_op("}");
                break;
            }
        }
        return make(K::kDict, kids);
    }

    NodePtr parenthesised() {
        if (accept_op(")")) return make(K::kTuple);
        NodePtr inner = expression_list(true);
        if (is_keyword("for")) throw Unsupported("generator expressions");
        expect_op(")");
        return inner;
    }

    NodePtr atom() {
        const Token& t = peek();
        if (t.kind == Token::Kind::kNumber) {
            ++pos_;
            return constant(Value::integer(t.number));
        }
        if (t.kind == Token::Kind::kString) {
            std::string text;
            while (peek().kind == Token::Kind::kString) text += tokens_[pos_++].text;
            return constant(Value::str(text));
        }
        if (accept_op("(")) return parenthesised();
        if (accept_op("[")) return sequence(K::kList, "]");
        if (accept_op("{")) return dict();
        if (t.kind != Token::Kind::kName || t.text == "lambda" || kUnsupportedKeywords.count(t.text) ||
            t.text == "if" || t.text == "else" || t.text == "and" || t.text == "or" ||
            t.text == "not" || t.text == "in" || t.text == "is") {
            fail(t.kind == Token::Kind::kEnd ? "unexpected end of expression"
                                             : "unexpected '" + t.text + "'");
        }
        ++pos_;
        if (t.text == "None") return constant(Value::none());
        if (t.text == "True" || t.text == "False") return constant(Value::boolean(t.text == "True"));
        return make(K::kName, {}, t.text);
    }

    std::vector<Token> tokens_;
    size_t pos_ = 0;
};

void collect_names(const NodePtr& node, std::set<std::string>& bound, std::vector<std::string>& out) {
    if (!node) return;
    if (node->kind == K::kName && !bound.count(node->text)) {
        if (std::find(out.begin(), out.end(), node->text) == out.end()) out.push_back(node->text);
    }
    if (node->kind == K::kLambda) {
        std::set<std::string> inner = bound;
        inner.insert(node->names.begin(), node->names.end());
        collect_names(node->kids[0], inner, out);
        return;
    }
    for (const NodePtr& kid : node->kids) collect_names(kid, bound, out);
}

}  // namespace

NodePtr parse_expression(std::string_view text) { return Parser(tokenize(text)).run(); }

std::vector<std::string> free_names(const NodePtr& node) {
    std::set<std::string> bound;
    std::vector<std::string> out;
    collect_names(node, bound, out);
    return out;
}

}  // namespace oimap::pyeval
