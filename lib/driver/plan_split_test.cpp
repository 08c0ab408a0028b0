// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver/plan_split.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace oimap::driver {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class PlanSplit : public testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/plan_split_test.XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        std::ofstream(dir_ + "/plan.tsv") << "#oimap\tsync-plan\t1\n#account\tT\n"
                                             "op\tcreate-local-folder\tNew\n"
                                             "pair\tA\tA\tA\t5\tmd5a\n"
                                             "op\tforget\tA\t1\n"
                                             "op\tforget\tA\t2\n"
                                             "op\tforget\tA\t3\n"
                                             "skip\tJ\tJ\tunchanged\tSkipping J (not changed)\n"
                                             "pair\tB\tB\tB\t6\tmd5b\n"
                                             "op\tforget\tB\t1\n"
                                             "pair\tC\tC\tC\t7\tmd5c\n"
                                             "op\tforget\tC\t1\n"
                                             "op\tforget\tC\t2\n"
                                             "#end\t11\n";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string dir_;
};

TEST_F(PlanSplit, OneBucketKeepsTheOrderAndDropsSkips) {
    SplitPlan s = split_plan(dir_ + "/plan.tsv", dir_, 1);
    EXPECT_EQ(s.creations, "");
    ASSERT_EQ(s.parts.size(), 1u);
    EXPECT_EQ(slurp(s.parts[0]),
              "#oimap\tsync-plan\t1\n#account\tT\n"
              "op\tcreate-local-folder\tNew\n"
              "pair\tA\tA\tA\t5\tmd5a\nop\tforget\tA\t1\nop\tforget\tA\t2\nop\tforget\tA\t3\n"
              "pair\tB\tB\tB\t6\tmd5b\nop\tforget\tB\t1\n"
              "pair\tC\tC\tC\t7\tmd5c\nop\tforget\tC\t1\nop\tforget\tC\t2\n#end\t10\n");
}

TEST_F(PlanSplit, BucketsGetWholePairsBalancedAndCreationsComeFirst) {
    SplitPlan s = split_plan(dir_ + "/plan.tsv", dir_, 2);
    EXPECT_EQ(slurp(s.creations),
              "#oimap\tsync-plan\t1\n#account\tT\nop\tcreate-local-folder\tNew\n#end\t1\n");
    ASSERT_EQ(s.parts.size(), 2u);
    EXPECT_EQ(
        slurp(s.parts[0]),
        "#oimap\tsync-plan\t1\n#account\tT\n"
        "pair\tA\tA\tA\t5\tmd5a\nop\tforget\tA\t1\nop\tforget\tA\t2\nop\tforget\tA\t3\n#end\t4\n");
    EXPECT_EQ(slurp(s.parts[1]),
              "#oimap\tsync-plan\t1\n#account\tT\n"
              "pair\tB\tB\tB\t6\tmd5b\nop\tforget\tB\t1\n"
              "pair\tC\tC\tC\t7\tmd5c\nop\tforget\tC\t1\nop\tforget\tC\t2\n#end\t5\n");
}

TEST_F(PlanSplit, NeverMoreBucketsThanPairs) {
    SplitPlan s = split_plan(dir_ + "/plan.tsv", dir_, 8);
    EXPECT_EQ(s.parts.size(), 3u);
}

}  // namespace
}  // namespace oimap::driver
