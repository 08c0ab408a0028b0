MODULES      += sync
# The planner (sync-plan).  sync-apply's files are listed after these.
sync_SRCS    := lib/sync/planner.cpp lib/sync/planner_flags.cpp lib/sync/planner_state.cpp \
                lib/sync/planner_input.cpp lib/sync/planner_view.cpp lib/sync/planner_passes.cpp \
                lib/sync/folder_pairing.cpp lib/sync/planner_disk_state.cpp \
                lib/sync/mapped_listing.cpp
sync_TESTS   := lib/sync/planner_flags_test.cpp lib/sync/folder_pairing_test.cpp \
                lib/sync/planner_test.cpp lib/sync/planner_incremental_test.cpp lib/sync/planner_property_test.cpp \
                lib/sync/planner_disk_state_test.cpp lib/sync/mapped_listing_test.cpp \
                lib/sync/planner_startdate_test.cpp
sync_DEPS    := format maildir status imap core
sync_LDLIBS  := -lsqlite3 -lssl -lcrypto
# sync-apply: the executor and its stores.
sync_SRCS    += lib/sync/apply.cpp lib/sync/apply_ops.cpp lib/sync/apply_upload.cpp lib/sync/apply_adopt.cpp \
                lib/sync/apply_marker.cpp lib/sync/store_maildir.cpp \
                lib/sync/store_status.cpp lib/sync/store_imap.cpp lib/sync/store_mapped_imap.cpp
sync_TESTS   += lib/sync/store_fake.cpp lib/sync/apply_test.cpp lib/sync/apply_adopt_test.cpp lib/sync/apply_marker_test.cpp \
                lib/sync/apply_retry_test.cpp \
                lib/sync/store_status_test.cpp
