PROGRAMS            += offlineimap
offlineimap_SRCS    := cmd/offlineimap/main.cpp cmd/offlineimap/options.cpp \
                       cmd/offlineimap/ui.cpp cmd/offlineimap/setup.cpp \
                       cmd/offlineimap/modes.cpp cmd/offlineimap/accounts.cpp \
                       cmd/offlineimap/connection.cpp cmd/offlineimap/pipeline.cpp \
                       cmd/offlineimap/stages.cpp cmd/offlineimap/report.cpp \
                       cmd/offlineimap/hooks.cpp cmd/offlineimap/mbnames.cpp \
                       cmd/offlineimap/expressions.cpp cmd/offlineimap/maintenance.cpp \
                       cmd/offlineimap/info.cpp cmd/offlineimap/signals.cpp \
                       cmd/offlineimap/profile.cpp cmd/offlineimap/idle.cpp \
                       cmd/offlineimap/progress.cpp cmd/offlineimap/held.cpp
offlineimap_MODULES := driver ui config pyeval imap status process format maildir core
