// SPDX-License-Identifier: GPL-2.0-or-later
// Runs offlineimap3's own MaildirFolder code (Debian's /usr/share/offlineimap3) on a folder
// we delivered into: it must see our UIDs and flags, and its flag renames must read back.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>

#include "core/fs.hpp"
#include "core/text.hpp"
#include "maildir/deliver.hpp"
#include "maildir/filename.hpp"
#include "maildir/folder.hpp"
#include "maildir/md5.hpp"
#include "maildir/scan.hpp"
#include "core/test_dir.hpp"

namespace oimap::maildir {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

// MaildirFolder set up as its __init__ does for folder argv[2] at argv[1], infosep argv[3];
// prints what _scanfolder sees, then gives UID 2 the flags F and S (savemessageflags).
constexpr const char* kScript = R"(import sys, re, os
from hashlib import md5
sys.path.insert(0, '/usr/share/offlineimap3')
from offlineimap.folder.Maildir import MaildirFolder
f = MaildirFolder.__new__(MaildirFolder)
f.infosep = sys.argv[3]
f.re_flagmatch = re.compile('%s2,(\w*)' % f.infosep)
f.re_prefixmatch = re.compile('([^' + f.infosep + ',]*)')
f._foldermd5 = md5(sys.argv[2].encode('utf-8')).hexdigest()
f._fullname = sys.argv[1]
f.getmaxsize = lambda: None
f.messagelist = f._scanfolder()
for uid in sorted(f.messagelist):
    m = f.messagelist[uid]
    print(uid, ''.join(sorted(m['flags'])), m['filename'])
f.savemessageflags(2, set('FS'))
)";

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

void deliver(const std::string& folder, uint32_t uid, const std::string& flags, char sep) {
    NewName name{.time = 1700000000,
                 .seq = uid,
                 .pid = 42,
                 .host = "host",
                 .uid = uid,
                 .fmd5 = folder_md5("Archive/2023"),
                 .flags = flags,
                 .info_sep = sep};
    Delivery delivery(folder, format_filename(name), {.fsync = false});
    delivery.write("Subject: x\n\nbody\n");
    delivery.commit(subdir_for_flags(flags), 1700000000);
}

TEST(OfflineimapCompat, OfflineimapReadsOurNamesAndWeReadItsRenames) {
    struct stat st;
    if (::stat("/usr/share/offlineimap3/offlineimap/folder/Maildir.py", &st) != 0 ||
        ::stat(kPython, &st) != 0)
        GTEST_SKIP() << "Debian's offlineimap3 is not installed";
    for (char sep : {':', '!'}) {
        TestDir dir;
        std::string folder = create_folder(dir / "mail", "Archive/2023", '/');
        deliver(folder, 1, "S", sep);
        deliver(folder, 2, "", sep);
        deliver(folder, 3, "baRF", sep);
        fs::replace_file_atomically(folder + "/new/1700000001.M1P1.other", "x", false);
        fs::replace_file_atomically(dir / "script.py", kScript, false);
        std::string s(1, sep);
        std::string md5 = folder_md5("Archive/2023");
        EXPECT_EQ(run(cat(kPython, " ", dir / "script.py", " '", folder, "' Archive/2023 '", s,
                          "' 2>&1")),
                  cat("-1  new/1700000001.M1P1.other\n", "1 S cur/1700000000_1.42.host,U=1,FMD5=",
                      md5, s, "2,S\n", "2  new/1700000000_2.42.host,U=2,FMD5=", md5, s, "2,\n",
                      "3 FRab new/1700000000_3.42.host,U=3,FMD5=", md5, s, "2,FRab\n", "exit 0\n"));
        std::vector<MessageFile> files = scan_messages(folder);
        ASSERT_EQ(files.size(), 4u);  // new/ (3, foreign), then cur/ (1, 2)
        EXPECT_EQ(files[3].subdir + "/" + files[3].file_name,
                  cat("cur/1700000000_2.42.host,U=2,FMD5=", md5, s, "2,FS"));
        ParsedName parsed = parse_filename(files[3].file_name, md5, sep);
        EXPECT_EQ(parsed.uid, 2u);
        EXPECT_EQ(parsed.flags, "FS");
    }
}

}  // namespace
}  // namespace oimap::maildir
