#pragma once
// WIJKSIM_VECTOR_CLONES: compile a hot loop for AVX-512, AVX2 and the x86-64 baseline; the
// loader picks the widest the CPU has. Only for loops whose results are the same on every path
// (integer arithmetic, or lane-wise float operations in a fixed order: no reassociation, and
// no contraction, which the AVX-512 target would otherwise do — the build passes
// -ffp-contract=off, see CMakeLists.txt), so that outputs do not depend on the CPU.
//
// Not under ThreadSanitizer: the loader runs the clones' resolver while it relocates the
// program, before TSan's runtime is set up, and the instrumented resolver crashes there (every
// TSan binary died at start); TSan builds take the baseline path.
#if defined(__SANITIZE_THREAD__)
#define WIJKSIM_VECTOR_CLONES
#else
#define WIJKSIM_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
