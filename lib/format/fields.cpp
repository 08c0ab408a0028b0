// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/fields.hpp"

#include "core/text.hpp"
#include "format/escape.hpp"

namespace oimap::format {
namespace {

template <typename T>
T number(const Reader& reader, const Record& record, size_t index, const char* name) {
    auto value = parse_number<T>(record.fields[index]);
    if (!value)
        reader.fail(record.line, cat("'", record.type, "' field ", index + 2, " (", name,
                                     "): expected a number, got '", escape(record.fields[index]),
                                     "'"));
    return *value;
}

}  // namespace

void require_fields(const Reader& reader, const Record& record, size_t count) {
    if (record.fields.size() < count)
        reader.fail(record.line, cat("'", record.type, "' record needs ", count + 1,
                                     " fields, got ", record.fields.size() + 1));
}

uint32_t field_u32(const Reader& reader, const Record& record, size_t index, const char* name) {
    return number<uint32_t>(reader, record, index, name);
}

uint64_t field_u64(const Reader& reader, const Record& record, size_t index, const char* name) {
    return number<uint64_t>(reader, record, index, name);
}

int64_t field_i64(const Reader& reader, const Record& record, size_t index, const char* name) {
    const std::string& text = record.fields[index];
    if (!text.empty() && text[0] == '-') {
        auto magnitude = parse_number<int64_t>(std::string_view(text).substr(1));
        if (magnitude) return -*magnitude;
    }
    return number<int64_t>(reader, record, index, name);
}

uint32_t field_optional_uid(const Reader& reader, const Record& record, size_t index,
                            const char* name) {
    if (record.fields[index].empty()) return 0;
    uint32_t uid = number<uint32_t>(reader, record, index, name);
    if (uid == 0) reader.fail(record.line, cat("'", record.type, "' field ", index + 2, " (", name,
                                               "): a UID is never 0; leave the field empty"));
    return uid;
}

}  // namespace oimap::format
