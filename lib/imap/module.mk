MODULES     += imap
imap_SRCS   := lib/imap/utf7.cpp
imap_TESTS  := lib/imap/utf7_test.cpp
imap_DEPS   := core
imap_LDLIBS := -lssl -lcrypto
