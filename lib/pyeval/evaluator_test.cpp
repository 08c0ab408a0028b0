// SPDX-License-Identifier: GPL-2.0-or-later
#include "pyeval/evaluator.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <fstream>

#include "core/error.hpp"

namespace oimap::pyeval {
namespace {

class EvaluatorTest : public ::testing::Test {
protected:
    void SetUp() override {
        signal(SIGPIPE, SIG_IGN);
        char tmpl[] = "/tmp/oimap-pyeval-XXXXXX";
        ASSERT_TRUE(mkdtemp(tmpl));
        dir_ = tmpl;
    }
    void TearDown() override { ASSERT_EQ(system(("rm -rf " + dir_).c_str()), 0); }

    std::string write_pythonfile(const std::string& text) {
        std::string path = dir_ + "/helpers.py";
        std::ofstream(path) << text;
        return path;
    }

    std::string dir_;
};

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

TEST_F(EvaluatorTest, NativeExpressionsStartNoPython) {
    Evaluator ev;
    Expression nametrans = ev.compile("[Repository R] nametrans",
                                      "lambda f: re.sub(r'^INBOX\\.', '', f)", true);
    Expression filter = ev.compile("[Repository R] folderfilter",
                                   "lambda f: f not in ['Trash',\n  'Spam']", true);
    Expression sort = ev.compile("[Repository R] foldersort", "lambda x, y: len(x) - len(y)", true);
    Expression includes = ev.compile("[Repository R] folderincludes", "['a', 'b']", true);
    Expression port = ev.compile("[Repository R] remoteporteval", "990 + 3", false);
    Expression none = ev.compile("[Repository R] oauth2_access_token_eval", "None", false);
    for (int k = 0; k < 100; ++k) EXPECT_EQ(nametrans.call_str("INBOX.Sent"), "Sent");
    EXPECT_TRUE(filter.call_bool({"INBOX"}));
    EXPECT_FALSE(filter.call_bool({"Spam"}));
    EXPECT_EQ(sort.call_cmp("abc", "a"), 1);
    EXPECT_EQ(sort.call_cmp("a", "abc"), -1);
    EXPECT_EQ(includes.eval_list(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(port.eval_int(), 993);
    EXPECT_EQ(none.eval_optional_string(), std::nullopt);
    EXPECT_TRUE(nametrans.native());
    EXPECT_EQ(ev.python_starts(), 0);
    EXPECT_EQ(ev.python_pid(), 0);
}

TEST_F(EvaluatorTest, OnePythonChildServesManyCalls) {
    Evaluator ev;
    Expression a = ev.compile("[Repository R] nametrans", "lambda f: f.casefold()", true);
    Expression b = ev.compile("[Repository L] nametrans", "lambda f: f.title()", true);
    EXPECT_TRUE(a.native());  // like Python, a lambda's body is only looked at when called
    EXPECT_EQ(ev.python_pid(), 0);
    EXPECT_EQ(a.call_str("X"), "x");
    EXPECT_FALSE(a.native());
    int pid = ev.python_pid();
    EXPECT_GT(pid, 0);
    for (int k = 0; k < 50; ++k) {
        EXPECT_EQ(a.call_str("StraSSe"), "strasse");
        EXPECT_EQ(b.call_str("hello world"), "Hello World");
    }
    EXPECT_EQ(ev.python_starts(), 1);
    EXPECT_EQ(ev.python_pid(), pid);
    EXPECT_EQ(ev.python_requests(), 2u + 1u + 100u);  // two evals, then every call
}

TEST_F(EvaluatorTest, NativeCallMovesToPythonWhenTheSubsetEnds) {
    Evaluator ev;
    Expression e = ev.compile("[Repository R] nametrans", "lambda f: f.upper()", true);
    EXPECT_EQ(e.call_str("abc"), "ABC");
    EXPECT_TRUE(e.native());
    EXPECT_EQ(e.call_str("entw\xc3\xbcrfe"), "ENTW\xc3\x9c" "RFE");
    EXPECT_FALSE(e.native());
    EXPECT_EQ(e.call_str("abc"), "ABC");
}

TEST_F(EvaluatorTest, PythonfileDefinitions) {
    std::string path = write_pythonfile(R"(import re, os
import subprocess
print("(expected) a print() in pythonfile lands on stderr, not in the protocol")
subprocess.run(["cat"])  # a helper reading stdin must not eat the protocol
def get_pass(account):
    return b'pw-' + account.encode()
def mycmp(x, y):
    if x == 'INBOX': return -1
    if y == 'INBOX': return 1
    return (x > y) - (x < y)
def oimaptransfolder_acc1(name):
    return re.sub('^Mail/', '', name)
SENT = 'Sent'
)");
    Evaluator ev({.pythonfile = path});
    EXPECT_EQ(ev.compile("[Repository R] remotepasseval", "get_pass('A')", false).eval_string(), "pw-A");
    Expression sort = ev.compile("[Repository R] foldersort", "mycmp", true);
    EXPECT_EQ(sort.call_cmp("Archive", "INBOX"), 1);
    EXPECT_EQ(sort.call_cmp("a", "b"), -1);
    EXPECT_EQ(ev.compile("[Repository R] nametrans", "oimaptransfolder_acc1", true).call_str("Mail/x"), "x");
    Expression filter = ev.compile("[Repository R] folderfilter", "lambda f: f != SENT", true);
    EXPECT_FALSE(filter.native());
    EXPECT_FALSE(filter.call_bool({"Sent"}));
    // pythonfile imports re: an expression using only re stays native.
    Expression native = ev.compile("[Repository R] nametrans", "lambda f: re.sub('a', 'b', f)", true);
    EXPECT_TRUE(native.native());
    EXPECT_EQ(ev.python_starts(), 1);
}

TEST_F(EvaluatorTest, PythonfileIsLoadedOnFirstCompile) {
    std::string path = write_pythonfile("X = 1\n");
    Evaluator ev({.pythonfile = path});
    EXPECT_EQ(ev.python_starts(), 0);
    EXPECT_TRUE(ev.compile("[mbnames] header", "'mailboxes '", false).native());
    EXPECT_EQ(ev.python_starts(), 1);
}

TEST_F(EvaluatorTest, SortKeyOverADict) {
    Evaluator ev;
    Value item = Value::dict({{Value::str("accountname"), Value::str("A")},
                              {Value::str("foldername"), Value::str("INBOX")},
                              {Value::str("localfolders"), Value::none()}});
    Expression native = ev.compile("[mbnames] sort_keyfunc",
                                   "lambda d: (d['accountname'], d['foldername'])", true);
    EXPECT_EQ(repr(native.call({item})), "('A', 'INBOX')");
    Expression python = ev.compile("[mbnames] sort_keyfunc",
                                   "lambda d: (d['foldername'].casefold(), d['localfolders'])", true);
    EXPECT_EQ(repr(python.call({item})), "['inbox', None]");
    EXPECT_FALSE(python.native());
}

TEST_F(EvaluatorTest, Errors) {
    Evaluator ev;
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: 1", true).call_str("x"); }),
              "[Repository R] nametrans: expected a str, got 1");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: f.casefold() + 1", true).call_str("x"); }),
              "[Repository R] nametrans: TypeError: can only concatenate str (not \"int\") to str");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: nosuch(f)", true).call_str("x"); }),
              "[Repository R] nametrans: NameError: name 'nosuch' is not defined");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] remotepasseval", "re.sub('a', 'b', 'a')", false); }),
              "[Repository R] remotepasseval: NameError: name 're' is not defined");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: f +", true); }),
              "[Repository R] nametrans: SyntaxError: invalid syntax (<string>, line 1)");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] folderincludes", "'INBOX'", true).eval_list(); }),
              "[Repository R] folderincludes: expected a list, got 'INBOX'");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: {}[f]", true).call_str("k"); }),
              "[Repository R] nametrans: KeyError: 'k'");
}

TEST_F(EvaluatorTest, WithoutPython) {
    Evaluator ev({.python = "oimap-no-such-python"});
    EXPECT_EQ(ev.compile("[Repository R] nametrans", "lambda f: f + '/'", true).call_str("a"), "a/");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: f.casefold()", true).call_str("x"); }),
              "[Repository R] nametrans: str.casefold is not supported by the built-in evaluator, and "
              "python3 is needed for it: cannot run 'oimap-no-such-python': not found in PATH");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: f +", true); }),
              "[Repository R] nametrans: SyntaxError: unexpected end of expression at offset 13");
}

TEST_F(EvaluatorTest, PythonfileWithoutPython) {
    std::string path = write_pythonfile("def get_pass(a):\n    return 'x'\n");
    Evaluator ev({.pythonfile = path, .python = "oimap-no-such-python"});
    EXPECT_EQ(ev.compile("[Repository R] remotepass", "'literal'", false).eval_string(), "literal");
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] remotepasseval", "get_pass('A')", false); }),
              "[Repository R] remotepasseval: NameError: name 'get_pass' is not defined (pythonfile "
              "is set, but cannot run 'oimap-no-such-python': not found in PATH)");
}

TEST_F(EvaluatorTest, BrokenPythonfile) {
    std::string path = write_pythonfile("x = 1 / 0\n");
    Evaluator ev({.pythonfile = path});
    EXPECT_EQ(error_of([&] { ev.compile("[Repository R] nametrans", "lambda f: f", true); }),
              "cannot load pythonfile '" + path + "': ZeroDivisionError: division by zero");
}

}  // namespace
}  // namespace oimap::pyeval
