#pragma once

#include <string>
#include <string_view>

namespace tb::api {

// A multipart/form-data body built by hand (the browser's FormData is out of reach from WASM), byte for
// byte as RFC 7578 has it: CRLF line ends, the boundary never inside a part.
class Multipart {
public:
    // `boundary` must not occur in any part; make_boundary() gives one that does not.
    explicit Multipart(std::string boundary) : boundary_(std::move(boundary)) {}

    void add_field(std::string_view name, std::string_view value);
    void add_file(std::string_view name, std::string_view file_name, std::string_view content_type,
                  std::string_view content);

    std::string content_type() const { return "multipart/form-data; boundary=" + boundary_; }
    // The whole body, closing boundary included.
    std::string body() const { return body_ + "--" + boundary_ + "--\r\n"; }

private:
    void start_part(std::string_view disposition, std::string_view content_type);

    std::string boundary_;
    std::string body_;
};

// A boundary that occurs in none of `parts`: "tuneboard-" and hex digits from `seed`, longer if needed.
std::string make_boundary(std::initializer_list<std::string_view> parts, unsigned long long seed);

// A header parameter value with quotes and line breaks escaped, so a file name cannot break the header.
std::string quoted_parameter(std::string_view value);

}  // namespace tb::api
