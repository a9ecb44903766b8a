/* spin(n) executes exactly 2·n instructions (a decrement and a branch per turn), whatever the compiler. */
static inline void spin(long n) {
#if defined(__x86_64__)
  __asm__ volatile("1: dec %0\n\tjnz 1b" : "+r"(n) : : "cc");
#elif defined(__aarch64__)
  __asm__ volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(n) : : "cc");
#else
#error "spin.h supports x86_64 and aarch64"
#endif
}
