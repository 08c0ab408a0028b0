MODULES    += ui
ui_SRCS    := lib/ui/machine.cpp lib/ui/syslog.cpp lib/ui/redact.cpp lib/ui/blinken.cpp
ui_TESTS   := lib/ui/machine_test.cpp lib/ui/syslog_test.cpp lib/ui/redact_test.cpp
ui_DEPS    := core
ui_LDLIBS  := -lncurses
