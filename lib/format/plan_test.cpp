// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/plan.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"

namespace oimap::format {
namespace {

const char kExample[] =
    "#oimap\tsync-plan\t1\n"
    "#account\tPersonal\n"
    "op\tcreate-local-folder\tEntw&APw-rfe\n"
    "pair\tINBOX\tINBOX\tINBOX\t1712345678\t7e33429f656f1e6e9d79b29c3f82c57e\n"
    "op\tcopy-to-local\tINBOX\t4202\tS\t1712345678\t5123\n"
    "op\tcopy-to-remote\tINBOX\tnew/1700000001.M1P2.host\t\t1700000001\t12\n"
    "op\trecord\tINBOX\t4203\tFS\n"
    "op\tdelete-local\tINBOX\t4100\tcur/1_0.1.h,U=4100,FMD5=x:2,S\n"
    "op\tdelete-remote\tINBOX\t4101\n"
    "op\tforget\tINBOX\t4102\n"
    "op\tset-remote-flags\tINBOX\t4201\tS\tRS\n"
    "op\tset-local-flags\tINBOX\t4204\tnew/1_1.1.h,U=4204,FMD5=x:2,\tFS\tF\n"
    "op\tsave-start-uid\tINBOX\t4100\tRepository-Remote/StartUID/INBOX\n"
    "skip\tJunk\tJunk\tuidvalidity\tUIDVALIDITY changed\n"
    "#end\t12\n";

TEST(Plan, EveryOperationRoundTrips) {
    std::istringstream in(kExample);
    PlanReader reader(in, "p");
    std::ostringstream out;
    PlanWriter writer(out);
    writer.meta("account", reader.stream().meta().at("account"));
    int ops = 0;
    while (auto item = reader.next()) {
        if (auto* op = std::get_if<PlanOp>(&*item)) {
            writer.op(*op);
            ++ops;
        } else if (auto* pair = std::get_if<FolderPair>(&*item)) {
            writer.pair(*pair);
        } else {
            writer.skip(std::get<FolderSkip>(*item));
        }
    }
    writer.finish();
    EXPECT_EQ(ops, 10);
    EXPECT_EQ(out.str(), kExample);
}

TEST(Plan, ReaderFillsTheFieldsOfEachKind) {
    std::istringstream in(kExample);
    PlanReader reader(in, "p");
    reader.next();
    auto pair = std::get<FolderPair>(*reader.next());
    EXPECT_EQ(pair.uid_validity, 1712345678u);
    auto copy = std::get<PlanOp>(*reader.next());
    EXPECT_EQ(copy.kind, OpKind::kCopyToLocal);
    EXPECT_EQ(copy.uid, 4202u);
    EXPECT_EQ(copy.flags, "S");
    EXPECT_EQ(copy.time, 1712345678);
    EXPECT_EQ(copy.size, 5123u);
    auto upload = std::get<PlanOp>(*reader.next());
    EXPECT_EQ(upload.file, "new/1700000001.M1P2.host");
    for (int i = 0; i < 4; ++i) reader.next();
    auto flags = std::get<PlanOp>(*reader.next());
    EXPECT_EQ(flags.from_flags, "S");
    EXPECT_EQ(flags.flags, "RS");
    auto local_flags = std::get<PlanOp>(*reader.next());
    EXPECT_EQ(local_flags.flags, "FS");
    EXPECT_EQ(local_flags.status_flags, "F");
}

// Field 7 of set-local-flags was added within version 1: a plan without it records `to`.
TEST(Plan, SetLocalFlagsWithoutItsStatusFieldRecordsTo) {
    std::istringstream in(
        "#oimap\tsync-plan\t1\npair\tINBOX\tINBOX\tINBOX\t1\tx\n"
        "op\tset-local-flags\tINBOX\t7\tnew/a\tS\n#end\t2\n");
    PlanReader reader(in, "p");
    reader.next();
    auto op = std::get<PlanOp>(*reader.next());
    EXPECT_EQ(op.flags, "S");
    EXPECT_EQ(op.status_flags, std::nullopt);
    std::ostringstream out;
    PlanWriter(out).op(op);
    EXPECT_EQ(out.str(), "#oimap\tsync-plan\t1\nop\tset-local-flags\tINBOX\t7\tnew/a\tS\tS\n");
}

std::string error_of(const std::string& body, int records) {
    std::istringstream in("#oimap\tsync-plan\t1\n" + body + "#end\t" + std::to_string(records) + "\n");
    try {
        PlanReader reader(in, "p");
        while (reader.next()) {
        }
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Plan, RejectsOperationsItCannotExecuteSafely) {
    const std::string pair = "pair\tINBOX\tINBOX\tINBOX\t1\tx\n";
    EXPECT_EQ(error_of("op\tforget\tINBOX\t1\n", 1),
              "p:2: operation on folder 'INBOX' is not under that folder's 'pair' record");
    EXPECT_EQ(error_of(pair + "op\tforget\tSent\t1\n", 2),
              "p:3: operation on folder 'Sent' is not under that folder's 'pair' record");
    EXPECT_EQ(error_of(pair + "op\tfrobnicate\tINBOX\n", 2), "p:3: unknown operation 'frobnicate'");
    EXPECT_EQ(error_of(pair + "op\tdelete-local\tINBOX\t1\tcur/../../x\n", 2),
              "p:3: file must be 'new/NAME' or 'cur/NAME', got 'cur/../../x'");
    EXPECT_EQ(error_of(pair + "op\tdelete-local\tINBOX\t1\ttmp/x\n", 2),
              "p:3: file must be 'new/NAME' or 'cur/NAME', got 'tmp/x'");
    EXPECT_EQ(error_of(pair + "op\tforget\tINBOX\t0\n", 2), "p:3: uid 0 is not a UID");
    EXPECT_EQ(error_of("pair\tINBOX\tINBOX\t../x\t1\tx\n", 1), "p:2: invalid status name '../x'");
    EXPECT_EQ(error_of(pair + "op\trecord\tINBOX\t5\n", 2), "p:3: 'op' record needs 5 fields, got 4");
    EXPECT_EQ(error_of(pair + "op\tsave-start-uid\tINBOX\t5\tRepository-R/StartUID/../x\n", 2),
              "p:3: file must be 'Repository-NAME/StartUID/NAME', got 'Repository-R/StartUID/../x'");
    EXPECT_EQ(error_of(pair + "op\tsave-start-uid\tINBOX\t5\tRepository-R/FolderValidity/x\n", 2),
              "p:3: file must be 'Repository-NAME/StartUID/NAME', got 'Repository-R/FolderValidity/x'");
    EXPECT_EQ(error_of(pair + "op\tsave-start-uid\tINBOX\t5\tRepository-R/StartUID/INBOX\n", 2),
              "no error");
}

}  // namespace
}  // namespace oimap::format
