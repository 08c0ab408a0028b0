PROGRAMS               += maildir-scan
maildir-scan_SRCS      := cmd/maildir-scan/main.cpp cmd/maildir-scan/options.cpp \
                          cmd/maildir-scan/config_defaults.cpp cmd/maildir-scan/listing.cpp \
                          cmd/maildir-scan/unchanged.cpp
maildir-scan_MODULES   := maildir config format status core
