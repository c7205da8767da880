#include <malloc.h>

#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  // Every file's parse tree is freed before the next is read. Keep that memory in the heap for
  // reuse instead of returning it to the kernel: otherwise each large file pays again for
  // fresh, zeroed pages (half the time of a 1 MiB config, see reports/benchmarks.md). Peak
  // memory stays that of the largest files linted at once (one per --jobs thread).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the largest glibc accepts on 64-bit
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  ocilint::cli::RunAndExit(argc, argv, std::cout, std::cerr);
}
