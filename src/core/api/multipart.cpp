#include "core/api/multipart.h"

#include <cstdio>

#include "core/data/hashing.h"

namespace tb::api {

std::string quoted_parameter(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') {
            out += "%22";
        } else if (c == '\r') {
            out += "%0D";
        } else if (c == '\n') {
            out += "%0A";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

void Multipart::start_part(std::string_view disposition, std::string_view content_type) {
    body_ += "--" + boundary_ + "\r\nContent-Disposition: form-data; ";
    body_.append(disposition);
    body_ += "\r\n";
    if (!content_type.empty()) {
        body_ += "Content-Type: ";
        body_.append(content_type);
        body_ += "\r\n";
    }
    body_ += "\r\n";
}

void Multipart::add_field(std::string_view name, std::string_view value) {
    start_part("name=" + quoted_parameter(name), {});
    body_.append(value);
    body_ += "\r\n";
}

void Multipart::add_file(std::string_view name, std::string_view file_name, std::string_view content_type,
                         std::string_view content) {
    start_part("name=" + quoted_parameter(name) + "; filename=" + quoted_parameter(file_name), content_type);
    body_.append(content);
    body_ += "\r\n";
}

std::string make_boundary(std::initializer_list<std::string_view> parts, unsigned long long seed) {
    for (unsigned long long attempt = 0;; ++attempt) {
        const std::string boundary = "tuneboard-" + data::hex64(data::mix64(seed + attempt));
        bool clash = false;
        for (std::string_view part : parts) clash = clash || part.find(boundary) != std::string_view::npos;
        if (!clash) return boundary;
    }
}

}  // namespace tb::api
