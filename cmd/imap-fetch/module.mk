PROGRAMS += imap-fetch
imap-fetch_SRCS    := cmd/imap-fetch/main.cpp cmd/imap-fetch/options.cpp \
                      cmd/imap-fetch/account.cpp cmd/imap-fetch/connection.cpp cmd/imap-fetch/fetch.cpp \
                      cmd/imap-fetch/incremental.cpp cmd/imap-fetch/includes.cpp cmd/imap-fetch/stats.cpp
imap-fetch_MODULES := imap config format status core
