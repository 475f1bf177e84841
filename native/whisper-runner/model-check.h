// Structural check of a legacy ggml whisper model file before libwhisper loads it.
//
// Why: whisper.cpp 1.9.1 accepts a file that ends right before its first tensor as an "empty model
// for testing" (it only warns), and a file cut inside its last tensor loads with part of that
// tensor uninitialised. Both would "work" and produce garbage. Walking the tensor headers and
// checking that every tensor's data is really in the file turns that into a clear load error.
#pragma once

#include <string>

namespace callvault {

// Returns an empty string when the file is structurally complete, else a one-line reason.
std::string check_model_file(const char * path);

}  // namespace callvault
