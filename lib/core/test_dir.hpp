// SPDX-License-Identifier: GPL-2.0-or-later
// A temporary directory for unit tests, removed with everything in it at the end (tests only).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace oimap {

class TestDir {
public:
    TestDir() {
        char tmpl[] = "/tmp/oimap-test.XXXXXX";
        path_ = ::mkdtemp(tmpl);
    }
    ~TestDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TestDir(const TestDir&) = delete;
    TestDir& operator=(const TestDir&) = delete;
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& relative) const { return path_ + "/" + relative; }

private:
    std::string path_;
};

}  // namespace oimap
