// callvault-whisper: CallVault's transcription engine process, a thin wrapper around libwhisper.
//
// Why not whisper-cli: the CLI only gives token probabilities through a JSON output *file*, which
// would put transcript text on disk in plaintext. This program keeps everything in pipes:
//
//   argv   --model PATH [--threads N] [--language CODE|auto] [--max-tokens N] [--no-context]
//          [--prompt-stdin]
//   stdin  with --prompt-stdin, first the initial prompt (the rep's vocabulary: customer and
//          product names, so never in argv): a u32 little-endian byte count, then that many
//          bytes of UTF-8 text (at most 4096); then audio windows, each a u32 little-endian sample count followed by that many float32
//          little-endian samples (mono, 16 kHz, [-1, 1]); end of input = no more windows.
//   stdout one JSON object per line:
//          {"type":"ready", ...model facts, "promptTokens":n}   once the model (and prompt) is loaded
//          {"type":"progress","window":i,"percent":0..100}       while a window is decoded
//          {"type":"segment","window":i,"t0":ms,"t1":ms,"text":..,"noSpeechProb":..,
//           "tokens":[{"text":..,"hex"?:..,"t0":ms,"t1":ms,"p":..,"id":..}]}
//          {"type":"window-done","window":i}
//          {"type":"done"}                                      after the last window
//          {"type":"error","stage":"usage|load|input|transcribe","message":..}  then exit != 0
//   stderr libwhisper/ggml warnings and errors only (never transcript text).
//
// Times are milliseconds from the start of the window. Decoding is fixed to what CallVault needs:
// greedy, no temperature fallback (a fallback re-decodes a window up to 6 times), token timestamps.
// Several windows go through one process so the model is loaded once per call.
#include "json-writer.h"
#include "model-check.h"

#include "ggml-backend.h"
#include "whisper.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#if defined(__linux__)
#include <climits>
#include <unistd.h>
#endif
#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the stdin protocol is little-endian; add byte swapping before building for a big-endian target"
#endif

namespace {

using callvault::JsonObject;

// A window longer than this is a protocol error, not a request to allocate gigabytes.
constexpr uint32_t kMaxWindowSamples = 16000u * 60u * 30u;  // 30 minutes
// Whisper keeps at most half its text context of a prompt; a longer one is a protocol error.
constexpr uint32_t kMaxPromptBytes = 4096u;

enum ExitCode { kExitOk = 0, kExitUsage = 2, kExitLoad = 3, kExitTranscribe = 4, kExitInput = 5 };

void emit(const std::string & line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);  // the parent shows progress and segments live
}

int fail(ExitCode code, const char * stage, const std::string & message) {
    emit(JsonObject().str("type", "error").str("stage", stage).str("message", message).done());
    return code;
}

struct Options {
    std::string model;
    int threads = 1;
    std::string language = "en";
    int max_tokens = 0;
    bool no_context = false;
    bool prompt_stdin = false;
};

bool parse_int(const char * s, int lo, int hi, int & out) {
    char * end = nullptr;
    errno = 0;
    const long v = std::strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
        return false;
    }
    out = static_cast<int>(v);
    return true;
}

// Returns an empty string on success, else what is wrong with the arguments.
std::string parse_args(int argc, char ** argv, Options & o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--no-context") {
            o.no_context = true;
        } else if (arg == "--prompt-stdin") {
            o.prompt_stdin = true;
        } else if (!has_value) {
            return "unknown argument or missing value: " + arg;
        } else if (arg == "--model") {
            o.model = argv[++i];
        } else if (arg == "--threads") {
            if (!parse_int(argv[++i], 1, 256, o.threads)) {
                return "--threads must be an integer from 1 to 256";
            }
        } else if (arg == "--language") {
            o.language = argv[++i];
        } else if (arg == "--max-tokens") {
            if (!parse_int(argv[++i], 0, 1 << 16, o.max_tokens)) {
                return "--max-tokens must be an integer from 0 (no limit) to 65536";
            }
        } else {
            return "unknown argument: " + arg;
        }
    }
    if (o.model.empty()) {
        return "--model PATH is required";
    }
    if (o.language != "auto" && whisper_lang_id(o.language.c_str()) < 0) {
        return "unknown language code: " + o.language;
    }
    return "";
}

// Only warnings and errors reach stderr: libwhisper's debug output can contain decoded text.
ggml_log_level g_last_level = GGML_LOG_LEVEL_NONE;

void log_to_stderr(ggml_log_level level, const char * text, void * /*user_data*/) {
    if (level != GGML_LOG_LEVEL_CONT) {
        g_last_level = level;
    }
    if (g_last_level == GGML_LOG_LEVEL_WARN || g_last_level == GGML_LOG_LEVEL_ERROR) {
        std::fputs(text, stderr);
    }
}

// Loads the CPU kernel libraries (GGML_BACKEND_DL builds) from our own directory only: the default
// search also looks in the current directory, which is not ours to trust.
void load_backends() {
#if defined(__linux__)
    char path[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0) {
        path[n] = '\0';
        char * slash = std::strrchr(path, '/');
        if (slash != nullptr) {
            *slash = '\0';
            ggml_backend_load_all_from_path(path);
            return;
        }
    }
#endif
    ggml_backend_load_all();
}

struct WindowState {
    int index = 0;
    int last_percent = -1;
};

void on_progress(whisper_context * /*ctx*/, whisper_state * /*state*/, int progress, void * user_data) {
    auto * w = static_cast<WindowState *>(user_data);
    const int percent = std::clamp(progress, 0, 100);  // whisper.cpp can report > 100 after fallbacks
    if (percent != w->last_percent) {
        w->last_percent = percent;
        emit(JsonObject().str("type", "progress").num("window", w->index).num("percent", percent).done());
    }
}

void on_new_segments(whisper_context * ctx, whisper_state * state, int n_new, void * user_data) {
    const auto * w = static_cast<const WindowState *>(user_data);
    const int n_segments = whisper_full_n_segments_from_state(state);
    const whisper_token eot = whisper_token_eot(ctx);
    for (int s = std::max(0, n_segments - n_new); s < n_segments; ++s) {
        std::string tokens = "[";
        const int n_tokens = whisper_full_n_tokens_from_state(state, s);
        for (int t = 0; t < n_tokens; ++t) {
            const whisper_token_data data = whisper_full_get_token_data_from_state(state, s, t);
            if (data.id >= eot) {
                continue;  // timestamp and control tokens carry no text
            }
            const char * text = whisper_full_get_token_text_from_state(ctx, state, s, t);
            if (tokens.size() > 1) {
                tokens += ',';
            }
            tokens += JsonObject()
                          .bytes("text", "hex", text != nullptr ? text : "")
                          .num("t0", data.t0 * 10)
                          .num("t1", data.t1 * 10)
                          .real("p", data.p)
                          .num("id", data.id)
                          .done();
        }
        tokens += ']';
        const char * text = whisper_full_get_segment_text_from_state(state, s);
        emit(JsonObject()
                 .str("type", "segment")
                 .num("window", w->index)
                 .num("t0", whisper_full_get_segment_t0_from_state(state, s) * 10)
                 .num("t1", whisper_full_get_segment_t1_from_state(state, s) * 10)
                 .str("text", text != nullptr ? text : "")
                 .real("noSpeechProb", whisper_full_get_segment_no_speech_prob_from_state(state, s))
                 .raw("tokens", tokens)
                 .done());
    }
}

// Reads exactly `n` bytes; returns the count actually read (short only at end of input).
size_t read_fully(void * buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        const size_t r = std::fread(static_cast<char *>(buf) + got, 1, n - got, stdin);
        if (r == 0) {
            break;
        }
        got += r;
    }
    return got;
}

whisper_full_params decode_params(const Options & o, const std::string & prompt, WindowState & window) {
    whisper_full_params p = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
    p.n_threads = o.threads;
    p.greedy.best_of = 1;
    p.temperature = 0.0f;
    p.temperature_inc = 0.0f;  // no fallback: bounded, predictable time per window
    p.no_context = o.no_context;
    p.initial_prompt = prompt.empty() ? nullptr : prompt.c_str();
    p.max_tokens = o.max_tokens;
    p.token_timestamps = true;
    p.language = o.language.c_str();
    p.detect_language = false;  // "auto" still detects; true would *only* detect and stop
    p.print_progress = false;
    p.print_realtime = false;
    p.print_timestamps = false;
    p.print_special = false;
    p.progress_callback = on_progress;
    p.progress_callback_user_data = &window;
    p.new_segment_callback = on_new_segments;
    p.new_segment_callback_user_data = &window;
    return p;
}

}  // namespace

int main(int argc, char ** argv) {
#if defined(_WIN32)
    _setmode(_fileno(stdin), _O_BINARY);  // audio is binary: no CRLF translation
#endif
    whisper_log_set(log_to_stderr, nullptr);

    Options opts;
    const std::string usage_error = parse_args(argc, argv, opts);
    if (!usage_error.empty()) {
        return fail(kExitUsage, "usage", usage_error);
    }

    const std::string model_error = callvault::check_model_file(opts.model.c_str());
    if (!model_error.empty()) {
        return fail(kExitLoad, "load", model_error);
    }

    load_backends();
    whisper_context_params cparams = whisper_context_default_params();
    cparams.use_gpu = false;
    whisper_context * ctx = whisper_init_from_file_with_params(opts.model.c_str(), cparams);
    if (ctx == nullptr) {
        return fail(kExitLoad, "load", "libwhisper could not load the model (see stderr)");
    }
    std::string prompt;
    int prompt_tokens = 0;
    if (opts.prompt_stdin) {
        uint32_t bytes = 0;
        if (read_fully(&bytes, sizeof bytes) != sizeof bytes || bytes > kMaxPromptBytes) {
            whisper_free(ctx);
            return fail(kExitInput, "input", bytes > kMaxPromptBytes ? "prompt too long" : "input ended inside the prompt header");
        }
        prompt.resize(bytes);
        if (bytes > 0 && read_fully(&prompt[0], bytes) != bytes) {
            whisper_free(ctx);
            return fail(kExitInput, "input", "input ended inside the prompt");
        }
        if (!prompt.empty()) {
            // Counted the way whisper_full will tokenize it: proof the engine got it, without echoing it.
            std::vector<whisper_token> tokens(1024);
            prompt_tokens = whisper_tokenize(ctx, prompt.c_str(), tokens.data(), static_cast<int>(tokens.size()));
            if (prompt_tokens < 0) {
                whisper_free(ctx);
                return fail(kExitInput, "input", "the prompt has too many tokens");
            }
        }
    }
    emit(JsonObject()
             .str("type", "ready")
             .str("modelType", whisper_model_type_readable(ctx))
             .boolean("multilingual", whisper_is_multilingual(ctx) != 0)
             .num("textCtx", whisper_model_n_text_ctx(ctx))
             .num("threads", opts.threads)
             .str("system", whisper_print_system_info())
             .num("promptTokens", prompt_tokens)
             .done());

    WindowState window;
    std::vector<float> samples;
    int exit_code = kExitOk;
    for (;; ++window.index) {
        uint32_t n = 0;
        const size_t header = read_fully(&n, sizeof n);
        if (header == 0) {
            break;  // clean end of input
        }
        if (header != sizeof n || n > kMaxWindowSamples) {
            exit_code = fail(kExitInput, "input", header != sizeof n ? "input ended inside a window header" : "window too long");
            break;
        }
        samples.resize(n);
        if (read_fully(samples.data(), n * sizeof(float)) != n * sizeof(float)) {
            exit_code = fail(kExitInput, "input", "input ended inside a window");
            break;
        }
        window.last_percent = -1;
        on_progress(ctx, nullptr, 0, &window);
        const whisper_full_params params = decode_params(opts, prompt, window);
        const int rc = whisper_full(ctx, params, samples.data(), static_cast<int>(n));
        if (rc != 0) {
            exit_code = fail(kExitTranscribe, "transcribe", "whisper_full failed with code " + std::to_string(rc));
            break;
        }
        on_progress(ctx, nullptr, 100, &window);
        emit(JsonObject().str("type", "window-done").num("window", window.index).done());
    }
    if (exit_code == kExitOk) {
        emit(JsonObject().str("type", "done").done());
    }
    whisper_free(ctx);
    return exit_code;
}
