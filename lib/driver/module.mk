MODULES        += driver
driver_SRCS    := lib/driver/mbnames_json.cpp lib/driver/mbnames_read.cpp \
                  lib/driver/offlineimap_text.cpp lib/driver/plan_split.cpp
driver_TESTS   := lib/driver/mbnames_json_test.cpp lib/driver/offlineimap_text_test.cpp \
                  lib/driver/plan_split_test.cpp
driver_DEPS    := format core
driver_LDLIBS  :=
