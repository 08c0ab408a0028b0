MODULES        += process
process_SRCS   := lib/process/spawn.cpp lib/process/run.cpp
process_TESTS  := lib/process/spawn_test.cpp lib/process/run_test.cpp
process_DEPS   := core
process_LDLIBS := -lboost_filesystem
