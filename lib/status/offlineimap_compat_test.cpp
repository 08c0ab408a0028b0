// SPDX-License-Identifier: GPL-2.0-or-later
// Runs offlineimap3's own LocalStatusSQLiteFolder (Debian's /usr/share/offlineimap3) on a
// status file we wrote, and reads back what it wrote: the two must share the file freely,
// with our extra tables surviving offlineimap3's writes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>

#include "core/fs.hpp"
#include "core/text.hpp"
#include "status/db.hpp"
#include "core/test_dir.hpp"

namespace oimap::status {
namespace {

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kOfflineimap = "/usr/share/offlineimap3";

// Opens the file with offlineimap3's class, prints every row as it loads them, then stores
// a new message (9), changes flags (1) and deletes (2), as a sync would.
constexpr const char* kScript = R"(import sys, sqlite3
sys.path.insert(0, '/usr/share/offlineimap3')
from offlineimap.folder.LocalStatusSQLite import LocalStatusSQLiteFolder, DatabaseFileLock
class UI:
    def _msg(self, m): print('ui:', m)
    def debug(self, *a): pass
f = LocalStatusSQLiteFolder.__new__(LocalStatusSQLiteFolder)
f.filename = sys.argv[1]; f.connection = None; f._newfolder = False; f._in_transactions = 0
f._databaseFileLock = DatabaseFileLock(); f._threading_mode_const = sqlite3.threadsafety
f.ui = UI(); f.messagelist = {}; f.repository = 'Local'; f.name = 'INBOX'
f.dofsync = lambda: True
f.openfiles()
f.cachemessagelist()
for uid in sorted(f.messagelist):
    m = f.messagelist[uid]
    print(uid, ''.join(sorted(m['flags'])), m['mtime'], ', '.join(sorted(m['labels'])))
f.savemessage(9, None, set('SR'), 0)
f.savemessageflags(1, set('FS'))
f.deletemessages([2])
f.closefiles()
)";

bool exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

std::string run(const std::string& command) {
    std::FILE* pipe = ::popen(command.c_str(), "r");
    std::string out;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    int status = ::pclose(pipe);
    return cat(out, "exit ", WEXITSTATUS(status), "\n");
}

TEST(OfflineimapCompat, SharesTheStatusFileBothWays) {
    if (!exists(kPython) || !exists(cat(kOfflineimap, "/offlineimap/folder/LocalStatusSQLite.py")))
        GTEST_SKIP() << "Debian's offlineimap3 is not installed";
    TestDir dir;
    std::string path = dir / "Account-T/LocalStatus-sqlite/INBOX";
    {
        Db db = Db::open(path);
        Batch batch;
        batch.insert({.uid = 1, .flags = "S"});
        batch.insert({.uid = 2, .flags = ""});
        batch.insert({.uid = 3, .flags = "FRab", .mtime = 1700000000, .labels = {"b", "a"}});
        db.apply(batch);
        db.save_folder_state({.highest_modseq = 77, .uid_next = 4, .fingerprint = "f"});
        db.add_intent("new/x", "1-2", 5);
    }
    fs::replace_file_atomically(dir / "script.py", kScript, false);
    EXPECT_EQ(run(cat(kPython, " ", dir / "script.py", " '", path, "' 2>&1")),
              "1 S 0 \n"
              "2  0 \n"
              "3 FRab 1700000000 a, b\n"
              "exit 0\n");

    Db db = Db::open(path);
    EXPECT_EQ(db.opened(), Opened::kExisting);
    StatusRows rows = db.load();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].flags, "FS");
    EXPECT_EQ(rows[3].flags, "FRab");
    EXPECT_EQ(rows[9].flags, "RS");
    EXPECT_EQ(rows[9].mtime, 0);
    EXPECT_EQ(db.folder_state().highest_modseq, 77u);
    EXPECT_EQ(db.folder_state().uid_next, 4u);
    ASSERT_EQ(db.intents().size(), 1u);
    EXPECT_EQ(db.intents()[0].marker, "1-2");
}

TEST(OfflineimapCompat, OfflineimapCreatedFileOpensAsExisting) {
    if (!exists(kPython) || !exists(cat(kOfflineimap, "/offlineimap/folder/LocalStatusSQLite.py")))
        GTEST_SKIP() << "Debian's offlineimap3 is not installed";
    TestDir dir;
    std::string path = dir / "INBOX";
    fs::replace_file_atomically(dir / "script.py", kScript, false);
    // A fresh file: offlineimap3 creates its schema, stores UID 9, then fails on UID 1.
    std::string out = run(cat(kPython, " ", dir / "script.py", " '", path, "' 2>/dev/null"));
    EXPECT_EQ(out.substr(0, out.find('\n')), "ui: Creating new Local Status db for Local:INBOX");
    Db db = Db::open(path);
    EXPECT_EQ(db.opened(), Opened::kExisting);
    StatusRows rows = db.load();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[9].flags, "RS");
}

}  // namespace
}  // namespace oimap::status
