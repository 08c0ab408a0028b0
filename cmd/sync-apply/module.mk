PROGRAMS += sync-apply
sync-apply_SRCS    := cmd/sync-apply/main.cpp cmd/sync-apply/options.cpp cmd/sync-apply/run.cpp \
                      cmd/sync-apply/connection.cpp cmd/sync-apply/account.cpp \
                      cmd/sync-apply/progress.cpp cmd/sync-apply/stop.cpp cmd/sync-apply/meter.cpp \
                      cmd/imap-fetch/account.cpp cmd/imap-fetch/connection.cpp cmd/imap-fetch/stats.cpp
sync-apply_MODULES := sync imap status maildir config format core
