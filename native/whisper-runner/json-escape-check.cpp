// Test tool for json-writer.h: reads bytes from stdin and prints them as the runner would print a
// token, {"text":..,"hex"?:..}. The TypeScript tests feed it split and invalid UTF-8 and check that
// the line parses and that the bytes survive. Not shipped.
#include "json-writer.h"

#include <cstdio>
#include <string>

int main() {
    std::string bytes;
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
        bytes.append(buf, n);
    }
    const std::string line = callvault::JsonObject().bytes("text", "hex", bytes).done();
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    return 0;
}
