// SPDX-License-Identifier: GPL-2.0-or-later
// Exit codes of the plumbing tools (sysexits(3) values); documented in every man page.
#pragma once

namespace oimap {

enum class ExitCode : int {
    kOk = 0,
    kPartial = 1,  ///< completed, but some items failed (each reported on stderr)
    kUsage = 64,
    kDataError = 65,  ///< malformed input, format version mismatch, stale plan
    kNoInput = 66,
    kUnavailable = 69,
    kInternal = 70,
    kIoError = 74,
    kTempFail = 75,
    kProtocol = 76,
    kNoPermission = 77,
    kConfig = 78,
    kTestStop = 100,  ///< test hook only: stopped by --test-stop-after=N
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace oimap
