// Minimal JSON line writer for the runner's stdout protocol.
//
// Why our own: the runner must not depend on anything beyond libwhisper, and it only ever writes
// flat objects of numbers, booleans and strings. The one subtle part is text: whisper's tokens are
// byte pieces of UTF-8 (a multi-byte character can be split across two tokens), so a token's text
// may be invalid UTF-8 on its own. JSON cannot carry raw bytes, so invalid bytes become U+FFFD and
// the caller is told (`escape_utf8` returns false) so it can also send the exact bytes as hex.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace callvault {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there are not one
// (overlong forms, surrogates and code points above U+10FFFF are invalid too).
inline size_t utf8_sequence_length(const std::string & s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        return 1;
    }
    size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) { lo = 0xA0; }       // overlong
        if (c == 0xED) { hi = 0x9F; }       // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) { lo = 0x90; }       // overlong
        if (c == 0xF4) { hi = 0x8F; }       // above U+10FFFF
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    if (byte(i + 1) < lo || byte(i + 1) > hi) {
        return 0;
    }
    for (size_t k = 2; k < len; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
            return 0;
        }
    }
    return len;
}

// Appends `s` as a quoted JSON string. Returns false when `s` held invalid UTF-8 (replaced by U+FFFD).
inline bool escape_utf8(std::string & out, const std::string & s) {
    bool valid = true;
    out += '"';
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            i += 1;
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
            i += 1;
        } else {
            const size_t len = utf8_sequence_length(s, i);
            if (len == 0) {
                out += "\\ufffd";
                valid = false;
                i += 1;
            } else {
                out.append(s, i, len);
                i += len;
            }
        }
    }
    out += '"';
    return valid;
}

inline std::string to_hex(const std::string & s) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() * 2);
    for (const char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

// Builds one JSON object; keys are program constants, so they are written without escaping.
class JsonObject {
public:
    JsonObject() : buf_("{") {}

    JsonObject & str(const char * key, const std::string & value) {
        this->key(key);
        escape_utf8(buf_, value);
        return *this;
    }

    // A string that may be invalid UTF-8: the text goes out with U+FFFD, plus `hex_key` with the
    // exact bytes when (and only when) the text had to be repaired.
    JsonObject & bytes(const char * key, const char * hex_key, const std::string & value) {
        this->key(key);
        if (!escape_utf8(buf_, value)) {
            this->key(hex_key);
            buf_ += '"' + to_hex(value) + '"';
        }
        return *this;
    }

    JsonObject & num(const char * key, int64_t value) {
        this->key(key);
        buf_ += std::to_string(value);
        return *this;
    }

    // Non-finite numbers are not JSON: they go out as null.
    JsonObject & real(const char * key, double value) {
        this->key(key);
        if (std::isfinite(value)) {
            char tmp[32];
            std::snprintf(tmp, sizeof tmp, "%.6g", value);
            buf_ += tmp;
        } else {
            buf_ += "null";
        }
        return *this;
    }

    JsonObject & boolean(const char * key, bool value) {
        this->key(key);
        buf_ += value ? "true" : "false";
        return *this;
    }

    // Splices already-serialised JSON (an array or object built by the caller).
    JsonObject & raw(const char * key, const std::string & json) {
        this->key(key);
        buf_ += json;
        return *this;
    }

    std::string done() {
        buf_ += '}';
        return buf_;
    }

private:
    void key(const char * k) {
        if (buf_.size() > 1) {
            buf_ += ',';
        }
        buf_ += '"';
        buf_ += k;
        buf_ += "\":";
    }

    std::string buf_;
};

}  // namespace callvault
