/*
 * The few valgrind client requests the exec window library issues, vendored so that pacer builds
 * without valgrind's headers (and with Debian's cross compilers, which do not search
 * /usr/include). Taken from valgrind 3.19's include/valgrind.h (VALGRIND_DO_CLIENT_REQUEST_EXPR for
 * amd64-linux and arm64-linux, VG_USERREQ_TOOL_BASE, VG_USERREQ__RUNNING_ON_VALGRIND) and
 * include/callgrind.h (Vg_CallgrindClientRequest); both headers are BSD-style licensed.
 * Outside valgrind the magic sequence is a no-op and a request returns its default (0).
 */
#ifndef PACER_CLIENT_REQUEST_H
#define PACER_CLIENT_REQUEST_H

#define PACER_TOOL_BASE(a, b) ((unsigned int)(((a) & 0xff) << 24 | ((b) & 0xff) << 16))
#define PACER_REQ_RUNNING_ON_VALGRIND 0x1001
#define PACER_REQ_CALLGRIND_ZERO_STATS (PACER_TOOL_BASE('C', 'T') + 1)
#define PACER_REQ_CALLGRIND_TOGGLE_COLLECT (PACER_TOOL_BASE('C', 'T') + 2)

#if defined(__x86_64__)
static inline unsigned long pacer_client_request(unsigned long request) {
  volatile unsigned long args[6] = {request, 0, 0, 0, 0, 0};
  volatile unsigned long result;
  __asm__ volatile("rolq $3,  %%rdi ; rolq $13, %%rdi\n\t"
                   "rolq $61, %%rdi ; rolq $51, %%rdi\n\t"
                   "xchgq %%rbx,%%rbx"
                   : "=d"(result)
                   : "a"(&args[0]), "0"(0UL)
                   : "cc", "memory");
  return result;
}
#elif defined(__aarch64__)
static inline unsigned long pacer_client_request(unsigned long request) {
  volatile unsigned long args[6] = {request, 0, 0, 0, 0, 0};
  volatile unsigned long result;
  __asm__ volatile("mov x3, %1\n\t"
                   "mov x4, %2\n\t"
                   "ror x12, x12, #3  ;  ror x12, x12, #13 \n\t"
                   "ror x12, x12, #51 ;  ror x12, x12, #61 \n\t"
                   "orr x10, x10, x10\n\t"
                   "mov %0, x3"
                   : "=r"(result)
                   : "r"(0UL), "r"(&args[0])
                   : "cc", "memory", "x3", "x4");
  return result;
}
#else
#error "pacer's exec window library supports x86_64 and aarch64 only"
#endif

#endif
