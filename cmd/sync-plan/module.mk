PROGRAMS            += sync-plan
sync-plan_SRCS      := cmd/sync-plan/main.cpp cmd/sync-plan/options.cpp \
                       cmd/sync-plan/config_defaults.cpp cmd/sync-plan/settings.cpp \
                       cmd/sync-plan/facts.cpp cmd/maildir-scan/listing.cpp \
                       cmd/maildir-scan/unchanged.cpp
sync-plan_MODULES   := sync status maildir format config pyeval process imap core
