MODULES         += maildir
maildir_SRCS    := lib/maildir/md5.cpp lib/maildir/utf8_units.cpp lib/maildir/flags.cpp \
                   lib/maildir/filename.cpp lib/maildir/folder.cpp lib/maildir/crlf.cpp \
                   lib/maildir/deliver.cpp lib/maildir/scan.cpp
maildir_TESTS   := lib/maildir/md5_test.cpp lib/maildir/utf8_units_test.cpp lib/maildir/flags_test.cpp \
                   lib/maildir/filename_test.cpp lib/maildir/folder_test.cpp \
                   lib/maildir/crlf_test.cpp lib/maildir/deliver_test.cpp \
                   lib/maildir/scan_test.cpp lib/maildir/offlineimap_compat_test.cpp
maildir_DEPS    := core
maildir_LDLIBS  :=
