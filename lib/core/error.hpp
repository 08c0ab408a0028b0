// SPDX-License-Identifier: GPL-2.0-or-later
// The closed hierarchy of failures; each carries the exit code run_main turns it into.
#pragma once

#include <stdexcept>
#include <string>

#include "core/exit_code.hpp"

namespace oimap {

/// Base of every failure that aborts the current unit of work.
struct Error : std::runtime_error {
    Error(ExitCode c, const std::string& message) : std::runtime_error(message), code(c) {}
    ExitCode code;
};

#define OIMAP_DEFINE_ERROR(Name, Code) \
    struct Name : Error {              \
        explicit Name(const std::string& m) : Error(ExitCode::Code, m) {} \
    }

OIMAP_DEFINE_ERROR(UsageError, kUsage);          ///< bad command line
OIMAP_DEFINE_ERROR(FormatError, kDataError);     ///< malformed input stream: "file:line: ..."
OIMAP_DEFINE_ERROR(NoInputError, kNoInput);      ///< an input file is missing
OIMAP_DEFINE_ERROR(ConfigError, kConfig);        ///< offlineimaprc problems
OIMAP_DEFINE_ERROR(IoError, kIoError);           ///< filesystem and system calls
OIMAP_DEFINE_ERROR(NetworkError, kUnavailable);  ///< connect, TLS, timeouts
OIMAP_DEFINE_ERROR(TempError, kTempFail);        ///< retrying later may help (e.g. locked)
OIMAP_DEFINE_ERROR(ProtocolError, kProtocol);    ///< unparsable server reply, or BAD
OIMAP_DEFINE_ERROR(AuthError, kNoPermission);    ///< NO to LOGIN/AUTHENTICATE

#undef OIMAP_DEFINE_ERROR

/// An IoError "cannot <what> '<path>': <strerror(errno)>" from the current errno.
[[noreturn]] void throw_errno(const std::string& what, const std::string& path);

}  // namespace oimap
