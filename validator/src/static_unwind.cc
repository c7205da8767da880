// Linked only into the static oci-lint binary (see validator/CMakeLists.txt). In a static
// executable, GCC's crtbeginT.o registers the whole .eh_frame with the unwinder's object registry
// at start-up; the first exception thrown then sorts every frame description in the binary (about
// 20M instructions, for CLI11's --help, --version and usage errors). With these two stubs in
// place of the registry calls (ld --wrap) the registry stays empty, and the unwinder finds frames
// by binary search in the PT_GNU_EH_FRAME table (ld --eh-frame-hdr) as it does in a dynamic or
// static-PIE program.

struct object;

extern "C" void __wrap___register_frame_info(const void*, struct object*) {}
extern "C" void* __wrap___deregister_frame_info(const void*) {
  return nullptr;
}
