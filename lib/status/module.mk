MODULES         += status
status_SRCS     := lib/status/paths.cpp lib/status/lock.cpp lib/status/sqlite.cpp \
                   lib/status/db.cpp lib/status/legacy.cpp lib/status/facts.cpp \
                   lib/status/uid_map.cpp
status_TESTS    := lib/status/paths_test.cpp lib/status/lock_test.cpp lib/status/db_test.cpp \
                   lib/status/offlineimap_compat_test.cpp \
                   lib/status/legacy_test.cpp lib/status/facts_test.cpp lib/status/uid_map_test.cpp
status_DEPS     := core
status_LDLIBS   := -lsqlite3
