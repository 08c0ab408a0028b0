MODULES       += pyeval
pyeval_SRCS   := lib/pyeval/value.cpp lib/pyeval/strings.cpp lib/pyeval/lexer.cpp \
                 lib/pyeval/parser.cpp lib/pyeval/eval.cpp lib/pyeval/builtins.cpp \
                 lib/pyeval/str_methods.cpp lib/pyeval/regex.cpp lib/pyeval/re_module.cpp \
                 lib/pyeval/json.cpp lib/pyeval/python_child.cpp lib/pyeval/evaluator.cpp
pyeval_TESTS  := lib/pyeval/eval_test.cpp lib/pyeval/evaluator_test.cpp
pyeval_DEPS   := core process
pyeval_LDLIBS :=
