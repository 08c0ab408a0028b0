MODULES     += imap
imap_SRCS   := lib/imap/utf7.cpp lib/imap/response.cpp lib/imap/parser.cpp lib/imap/command.cpp \
               lib/imap/message.cpp lib/imap/transport.cpp lib/imap/tls.cpp lib/imap/session.cpp \
               lib/imap/auth.cpp lib/imap/mailbox.cpp lib/imap/scan.cpp \
               lib/imap/status_scan.cpp
imap_TESTS  := lib/imap/utf7_test.cpp lib/imap/parser_test.cpp lib/imap/command_test.cpp \
               lib/imap/tls_test.cpp lib/imap/auth_test.cpp lib/imap/message_test.cpp \
               lib/imap/session_live_test.cpp lib/imap/status_scan_test.cpp \
               lib/imap/transport_test.cpp lib/imap/session_idle_test.cpp
imap_DEPS   := core
imap_LDLIBS := -lssl -lcrypto
