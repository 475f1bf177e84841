// Walks a legacy ggml whisper file the way whisper_model_load reads it (src/whisper.cpp), but only
// to check sizes: header, mel filters, vocabulary, then every tensor header, skipping its data.
// The same checks exist in TypeScript (src/platform/transcription/model-file.ts), which runs them
// before it spawns us; this copy keeps the runner safe when it is used on its own (benchmarks).
#include "model-check.h"

#include "ggml.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <sys/stat.h>

namespace callvault {
namespace {

constexpr uint32_t kGgmlMagic = 0x67676d6c;

struct FileCloser {
    void operator()(FILE * f) const { std::fclose(f); }
};

class Reader {
public:
    explicit Reader(FILE * f) : f_(f) {}

    bool i32(int32_t & v) { return std::fread(&v, sizeof v, 1, f_) == 1; }
    bool u32(uint32_t & v) { return std::fread(&v, sizeof v, 1, f_) == 1; }
    bool skip(int64_t n) { return fseeko(f_, static_cast<off_t>(n), SEEK_CUR) == 0; }
    int64_t pos() const { return static_cast<int64_t>(ftello(f_)); }
    bool at_eof() {
        const int c = std::fgetc(f_);
        if (c == EOF) {
            return true;
        }
        std::ungetc(c, f_);
        return false;
    }

private:
    FILE * f_;
};

bool in_range(int32_t v, int32_t lo, int32_t hi) { return v >= lo && v <= hi; }

}  // namespace

std::string check_model_file(const char * path) {
    struct stat st {};
    if (stat(path, &st) != 0) {
        return "the model file does not exist or cannot be read";
    }
    const int64_t size = static_cast<int64_t>(st.st_size);
    std::unique_ptr<FILE, FileCloser> file(std::fopen(path, "rb"));
    if (!file) {
        return "the model file cannot be opened";
    }
    Reader r(file.get());

    uint32_t magic = 0;
    if (!r.u32(magic) || magic != kGgmlMagic) {
        return "not a ggml whisper model (bad magic)";
    }
    int32_t hp[11];
    for (int32_t & v : hp) {
        if (!r.i32(v)) {
            return "the model file is truncated inside its header";
        }
    }
    // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state,
    // n_text_head, n_text_layer, n_mels, ftype. Bounds are far above any real model: they only
    // stop a damaged header from driving huge allocations.
    const int32_t n_audio_layer = hp[4];
    const int32_t n_text_layer = hp[8];
    if (!in_range(hp[0], 1, 1 << 20) || !in_range(hp[1], 1, 1 << 16) || !in_range(hp[2], 1, 1 << 16) ||
        !in_range(hp[3], 1, 1024) || !in_range(n_audio_layer, 1, 1024) || !in_range(hp[5], 1, 1 << 16) ||
        !in_range(hp[6], 1, 1 << 16) || !in_range(hp[7], 1, 1024) || !in_range(n_text_layer, 1, 1024) ||
        !in_range(hp[9], 1, 1024) || !in_range(hp[10] % 1000, 0, GGML_TYPE_COUNT)) {
        return "the model header holds impossible dimensions (corrupt file?)";
    }

    int32_t n_mel = 0;
    int32_t n_fft = 0;
    if (!r.i32(n_mel) || !r.i32(n_fft) || !in_range(n_mel, 1, 1024) || !in_range(n_fft, 1, 1 << 16)) {
        return "the model file's mel filter bank header is damaged";
    }
    if (!r.skip(static_cast<int64_t>(n_mel) * n_fft * 4) || r.pos() > size) {
        return "the model file is truncated inside its mel filter bank";
    }

    int32_t n_vocab = 0;
    if (!r.i32(n_vocab) || !in_range(n_vocab, 1, 1 << 20)) {
        return "the model file's vocabulary header is damaged";
    }
    for (int32_t i = 0; i < n_vocab; ++i) {
        uint32_t len = 0;
        if (!r.u32(len) || len > 4096 || !r.skip(len) || r.pos() > size) {
            return "the model file is truncated or damaged inside its vocabulary";
        }
    }

    // whisper.cpp creates exactly these tensors and refuses a file with any other count (but a
    // count of zero, which it takes as a test model): 7 + 4 model-wide, 15 per encoder block,
    // 24 per decoder block.
    const int64_t expected = 11 + 15 * static_cast<int64_t>(n_audio_layer) + 24 * static_cast<int64_t>(n_text_layer);
    int64_t tensors = 0;
    while (!r.at_eof()) {
        int32_t n_dims = 0;
        int32_t name_len = 0;
        int32_t ttype = 0;
        if (!r.i32(n_dims) || !r.i32(name_len) || !r.i32(ttype)) {
            return "the model file is truncated inside a tensor header";
        }
        if (!in_range(n_dims, 1, 4) || !in_range(name_len, 1, 512) || !in_range(ttype, 0, GGML_TYPE_COUNT - 1)) {
            return "the model file has a damaged tensor header";
        }
        const auto type = static_cast<ggml_type>(ttype);
        const int64_t block = ggml_blck_size(type);
        const int64_t type_size = static_cast<int64_t>(ggml_type_size(type));
        if (block <= 0 || type_size <= 0) {
            return "the model file uses an unsupported tensor type";
        }
        int64_t elements = 1;
        for (int32_t d = 0; d < n_dims; ++d) {
            int32_t ne = 0;
            if (!r.i32(ne) || !in_range(ne, 1, 1 << 24)) {
                return "the model file has a damaged tensor shape";
            }
            elements *= ne;
        }
        if (elements % block != 0) {
            return "the model file has a tensor whose size does not fit its type";
        }
        const int64_t data = elements / block * type_size;
        if (!r.skip(name_len) || !r.skip(data) || r.pos() > size) {
            return "the model file is truncated: its last tensor is incomplete";
        }
        ++tensors;
    }
    if (tensors != expected) {
        return "the model file is truncated or incomplete: it holds " + std::to_string(tensors) +
               " of the " + std::to_string(expected) + " tensors its header announces";
    }
    return "";
}

}  // namespace callvault
