// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/stream.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "format/escape.hpp"

namespace oimap::format {
namespace {

constexpr size_t kFlushThreshold = 1 << 16;

std::string field_error(std::string_view field) {
    return cat("invalid escape in field '", escape(field), "'");
}

}  // namespace

// ---- Reader ----

Reader::Reader(std::istream& in, std::string_view source, std::string_view kind, int major)
    : in_(in), source_(source) {
    read_header(kind, major);
    while (read_line()) {
        if (line_.empty() || line_[0] != '#' || line_.rfind("#end\t", 0) == 0) {
            pending_ = true;
            return;
        }
        auto tab = line_.find('\t');
        if (tab == std::string::npos) fail(line_number_, "meta line without a TAB");
        auto value = unescape(std::string_view(line_).substr(tab + 1));
        if (!value) fail(line_number_, field_error(line_.substr(tab + 1)));
        meta_[line_.substr(1, tab - 1)] = *value;
    }
    fail(line_number_, "truncated stream: no '#end' trailer");
}

void Reader::fail(uint64_t line, std::string_view what) const {
    throw FormatError(cat(source_, ":", line, ": ", what));
}

const std::string& Reader::required_meta(const std::string& key) const {
    auto it = meta_.find(key);
    if (it == meta_.end()) fail(1, cat("missing meta line '#", key, "'"));
    return it->second;
}

bool Reader::read_line() {
    if (!std::getline(in_, line_)) {
        if (in_.bad()) fail(line_number_, "read error");
        return false;
    }
    ++line_number_;
    // getline at end of file without a final LF: the writer died mid-line.
    if (in_.eof()) fail(line_number_, "truncated stream: last line has no line feed");
    return true;
}

void Reader::read_header(std::string_view kind, int major) {
    if (!read_line()) fail(1, "empty input: expected an '#oimap' header");
    auto parts = split(line_, '\t');
    if (parts.size() != 3 || parts[0] != "#oimap")
        fail(1, cat("not an oimap stream: expected '#oimap<TAB>", kind, "<TAB>", major,
                    "', got '", escape(line_.substr(0, 80)), "'"));
    if (parts[1] != kind)
        fail(1, cat("expected format '", kind, "', got '", escape(parts[1]), "'"));
    if (parts[2] != std::to_string(major))
        fail(1, cat("unsupported format '", kind, "' version ", escape(parts[2]), " (expected ",
                    major, ")"));
}

Record Reader::parse_record() {
    Record record;
    record.line = line_number_;
    auto parts = split(line_, '\t');
    record.type = std::string(parts[0]);
    if (record.type.empty()) fail(line_number_, "empty record type");
    if (record.type[0] == '#') fail(line_number_, cat("unexpected line '", escape(record.type), "'"));
    record.fields.reserve(parts.size() - 1);
    for (size_t i = 1; i < parts.size(); ++i) {
        auto value = unescape(parts[i]);
        if (!value) fail(line_number_, field_error(parts[i]));
        record.fields.push_back(std::move(*value));
    }
    return record;
}

void Reader::check_trailer() {
    auto count = parse_number<uint64_t>(std::string_view(line_).substr(5));
    if (!count) fail(line_number_, "malformed '#end' trailer");
    if (*count != records_)
        fail(line_number_, cat("trailer says ", *count, " records, stream has ", records_));
    std::string extra;
    if (std::getline(in_, extra)) fail(line_number_ + 1, "data after the '#end' trailer");
    done_ = true;
}

std::optional<Record> Reader::next() {
    if (done_) return std::nullopt;
    if (!pending_ && !read_line()) fail(line_number_, "truncated stream: no '#end' trailer");
    pending_ = false;
    if (line_.rfind("#end\t", 0) == 0) {
        check_trailer();
        return std::nullopt;
    }
    ++records_;
    return parse_record();
}

// ---- Writer ----

Writer::Writer(std::ostream& out, std::string_view kind, int major) : out_(out) {
    buffer_ = cat("#oimap\t", kind, "\t", major, "\n");
}

Writer::~Writer() {
    // An unfinished stream is left without its trailer on purpose: readers reject it.
    if (!finished_) out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

void Writer::meta(std::string_view key, std::string_view value) {
    buffer_ += '#';
    buffer_ += key;
    buffer_ += '\t';
    escape_into(buffer_, value);
    buffer_ += '\n';
}

void Writer::begin_record(std::string_view type) { buffer_ += type; }

void Writer::end_record() {
    buffer_ += '\n';
    ++records_;
    flush_if_full();
}

void Writer::record(std::string_view type, std::initializer_list<std::string_view> fields) {
    begin_record(type);
    for (std::string_view field : fields) {
        buffer_ += '\t';
        escape_into(buffer_, field);
    }
    end_record();
}

void Writer::record(std::string_view type, const std::vector<std::string>& fields) {
    begin_record(type);
    for (const std::string& field : fields) {
        buffer_ += '\t';
        escape_into(buffer_, field);
    }
    end_record();
}

void Writer::flush_if_full() {
    if (buffer_.size() < kFlushThreshold) return;
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

void Writer::finish() {
    buffer_ += cat("#end\t", records_, "\n");
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    out_.flush();
    finished_ = true;
    if (!out_) throw IoError("cannot write output: write error");
}

}  // namespace oimap::format
