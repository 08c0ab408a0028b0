MODULES       += config
config_SRCS   := lib/config/ini.cpp lib/config/section.cpp lib/config/load.cpp \
                 lib/config/model.cpp lib/config/registry.cpp \
                 lib/config/credentials.cpp
config_TESTS  := lib/config/ini_test.cpp lib/config/section_test.cpp \
                 lib/config/model_test.cpp lib/config/registry_test.cpp \
                 lib/config/credentials_test.cpp
config_DEPS   := core
config_LDLIBS :=
