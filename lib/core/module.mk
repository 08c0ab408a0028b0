MODULES     += core
core_SRCS   := lib/core/error.cpp lib/core/fs.cpp lib/core/log.cpp lib/core/run_main.cpp
core_TESTS  := lib/core/text_test.cpp lib/core/fs_test.cpp lib/core/log_test.cpp
core_DEPS   :=
core_LDLIBS :=
