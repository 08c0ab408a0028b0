// SPDX-License-Identifier: GPL-2.0-or-later
#include "ui/redact.hpp"

#include <gtest/gtest.h>

namespace oimap::ui {
namespace {

TEST(Redactor, ReplacesEveryOccurrence) {
    Redactor r;
    r.add("pw-bob-s3cret");
    EXPECT_EQ(r.apply("LOGIN bob pw-bob-s3cret x pw-bob-s3cret"), "LOGIN bob ******** x ********");
    EXPECT_EQ(r.apply("nothing here"), "nothing here");
}

TEST(Redactor, IgnoresTooShortSecrets) {
    Redactor r;
    r.add("a");
    EXPECT_EQ(r.apply("a banana"), "a banana");
}

}  // namespace
}  // namespace oimap::ui
