MODULES       += format
format_SRCS   := lib/format/escape.cpp lib/format/stream.cpp lib/format/fields.cpp \
                 lib/format/remote_state.cpp lib/format/local_state.cpp lib/format/plan.cpp \
                 lib/format/stats.cpp
format_TESTS  := lib/format/escape_test.cpp lib/format/stream_test.cpp \
                 lib/format/remote_state_test.cpp lib/format/local_state_test.cpp \
                 lib/format/plan_test.cpp lib/format/man_examples_test.cpp \
                 lib/format/stats_test.cpp
format_DEPS   := core
format_LDLIBS :=
