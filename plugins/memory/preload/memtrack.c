/*
 * pacer memory tracker: an LD_PRELOAD interposer for the C allocation functions.
 *
 * Every process that loads it (children inherit LD_PRELOAD) writes its allocation events into its own
 * file "<PACER_MEMTRACK_DIR>/<pid>.<ns>.events", mapped MAP_SHARED: the events are in the page cache as
 * soon as they are written, so a process that crashes or calls _exit loses nothing. Events are recorded
 * only while the one-byte file PACER_MEMTRACK_FLAG holds a non-zero byte; pacer flips it with pwrite on
 * StartBenchmark/StopBenchmark (Linux keeps write() and shared mappings coherent).
 *
 * C++ operator new/delete (libstdc++, libc++) and jemalloc/mimalloc built as the process's malloc all end
 * in these functions, so they are seen here once. A thread-local depth guard makes sure an allocator that
 * calls another interposed function (realloc -> malloc, mi_malloc -> malloc) produces one event.
 *
 * File layout (little-endian, native): a 64-byte header, then 32-byte events. A slot is reserved with an
 * atomic add on `next`; its `type` is stored last (release), so a reader skips slots a crash left half
 * written. A realloc takes two adjacent slots (the second, EV_OLD, holds the old address).
 *
 * Timestamps are raw CPU counter ticks (rdtsc, cntvct_el0): clock_gettime costs ~30 ns in a VM (kvm-clock),
 * more than the whole budget of an event. EV_CLOCK slots pair a tick count with CLOCK_MONOTONIC ns (when
 * the file opens, twice, 50 us apart; at every storage chunk; at exit) and the reader interpolates
 * between them, so the events still carry the runner's clock. Slots past `capacity` are lost events: the reader reports next - capacity. The file's
 * storage is allocated (posix_fallocate) a chunk ahead of the writers: a full disk then stops the
 * recording (capacity is lowered to what is stored, `storage_errno` says why) instead of a SIGBUS.
 *
 * Every process also leaves "<pid>.<ns>.proc" ("pid ppid") when the library loads and after fork, so
 * pacer knows the whole process tree, including processes that record nothing. Settings are copied
 * at load: a program may clear its environment before it allocates. A process that cannot set up
 * its event file leaves "<pid>.<ns>.error" with the reason.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* EV_NONE marks a reserved slot that recorded nothing (a failed realloc): readers skip it. */
enum { EV_NONE = 0xff, EV_MALLOC = 1, EV_FREE = 2, EV_CALLOC = 3, EV_REALLOC = 4, EV_ALIGNED = 5, EV_OLD = 0x10, EV_CLOCK = 0x11 };

/* EV_CLOCK: ticks = counter, addr = CLOCK_MONOTONIC ns. EV_OLD: addr = the realloc's old address. */
struct event {
  _Atomic uint32_t type;
  uint32_t tid;
  uint64_t ticks;
  uint64_t addr;
  uint64_t size;
};

struct header {
  char magic[8]; /* "PACERMT2" */
  uint32_t version;
  uint32_t pid;
  uint32_t ppid;
  uint32_t event_size;
  uint64_t capacity;
  _Atomic uint64_t next;
  uint64_t start_ns;
  uint64_t storage_errno; /* non-zero: the file could not grow, later events were lost */
  uint64_t reserved;
};

_Static_assert(sizeof(struct event) == 32, "event layout");
_Static_assert(sizeof(struct header) == 64, "header layout");

#define TLS __thread __attribute__((tls_model("initial-exec")))

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
/* Pages are faulted in ahead of the writers, a chunk at a time: one madvise instead of one page
 * fault per 4 KiB (which cost ~10 us each on the VMs measured). */
#define POPULATE_CHUNK (2u << 20)
#define EVENTS_PER_CHUNK (POPULATE_CHUNK / sizeof(struct event))

static void *(*real_malloc)(size_t);
static void (*real_free)(void *);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_valloc)(size_t);
static void *(*real_pvalloc)(size_t);

static volatile const unsigned char *flag;
static char out_dir[4096]; /* PACER_MEMTRACK_DIR, copied at load; empty: not tracking */
static uint64_t capacity_setting;
static uint32_t my_ppid; /* the parent when the library loaded or the process forked */
static int event_fd = -1;
static _Atomic uint64_t backed;   /* slots whose storage is allocated */
static _Atomic uint64_t limit;    /* slots that may be written: capacity, or backed once the disk is full */
static _Atomic int extending;
static struct header *hdr;
/* The event file is created on the first event, so processes that never record (a shell, a
 * package manager around the benchmark) cost nothing: 0 none, 1 opening, 2 open, 3 failed. */
static _Atomic int file_state;
static struct event *events;
static _Atomic int init_state; /* 0 none, 1 running, 2 done */
static TLS int depth;
static TLS uint32_t forking_pid;
static TLS uint32_t cached_tid;

/* dlsym may allocate before the real functions are known: serve it from a static arena. */
static _Alignas(16) unsigned char arena[65536];
static size_t arena_used;

static int in_arena(const void *p) {
  return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + sizeof arena;
}

static void *arena_alloc(size_t size) {
  size_t at = (arena_used + 15) & ~(size_t)15;
  if (at + size > sizeof arena) return NULL;
  arena_used = at + size;
  return arena + at;
}

static void resolve(void) {
  /* free first: memory dlsym allocates from the real malloc must be freeable */
  real_free = dlsym(RTLD_NEXT, "free");
  real_malloc = dlsym(RTLD_NEXT, "malloc");
  real_calloc = dlsym(RTLD_NEXT, "calloc");
  real_realloc = dlsym(RTLD_NEXT, "realloc");
  real_memalign = dlsym(RTLD_NEXT, "memalign");
  real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
  real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
  real_valloc = dlsym(RTLD_NEXT, "valloc");
  real_pvalloc = dlsym(RTLD_NEXT, "pvalloc");
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The CPU's constant-rate counter: ~12 ns in a VM where clock_gettime costs ~30. Not serializing: a
 * few cycles of skew between threads, far below the event spacing that matters (a free and the
 * malloc on another thread that reuses its block). */
static inline uint64_t ticks(void) {
#if defined(__x86_64__) || defined(__i386__)
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
#elif defined(__aarch64__)
  uint64_t v;
  __asm__ volatile("mrs %0, cntvct_el0" : "=r"(v));
  return v;
#else
  return now_ns();
#endif
}

static uint64_t env_u64(const char *name, uint64_t fallback) {
  const char *v = getenv(name);
  if (!v || !*v) return fallback;
  return strtoull(v, NULL, 10);
}

/* Writes "<dir>/<pid>.<ns>.<ext>" with `text`; no allocation (it runs inside malloc and after fork). */
static void write_note(const char *ext, const char *text) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%d.%llu.%s", out_dir, (int)getpid(), (unsigned long long)now_ns(), ext);
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return;
  ssize_t n = write(fd, text, strlen(text));
  (void)n;
  close(fd);
}

static void write_identity(uint32_t ppid) {
  if (!out_dir[0]) return;
  my_ppid = ppid;
  char text[64];
  snprintf(text, sizeof text, "%d %u\n", (int)getpid(), my_ppid);
  write_note("proc", text);
}

static void setup_failed(const char *path, const char *what, int err) {
  if (path) unlink(path);
  char text[256];
  snprintf(text, sizeof text, "%s failed: %s (capacity %llu events)\n", what, strerror(err), (unsigned long long)capacity_setting);
  write_note("error", text);
}

/* Allocates the storage of the chunk of slots from `from`, then faults its pages in (one madvise
 * instead of one page fault per 4 KiB, which cost ~10 us each on the VMs measured). On failure the
 * recording stops at `from`. Called with `extending` held. */
static void extend(struct header *h, uint64_t from) {
  uint64_t to = from + EVENTS_PER_CHUNK < h->capacity ? from + EVENTS_PER_CHUNK : h->capacity;
  if (to <= from) return;
  off_t start = (off_t)(sizeof(struct header) + from * sizeof(struct event));
  off_t end = (off_t)(sizeof(struct header) + to * sizeof(struct event));
  int err = posix_fallocate(event_fd, start, end - start);
  if (err != 0) {
    h->storage_errno = (uint64_t)err;
    atomic_store(&limit, from);
    h->capacity = from; /* the reader counts the slots past it as lost */
    return;
  }
  uintptr_t page = (uintptr_t)h + ((uintptr_t)start & ~(uintptr_t)4095);
  madvise((void *)page, (size_t)((uintptr_t)h + (uintptr_t)end - page), MADV_POPULATE_WRITE);
  atomic_store(&backed, to);
}

static void clock_sync(struct header *h);

/* Opens this process's event file; called on the first event (again in a forked child). */
static void open_event_file(void) {
  if (!out_dir[0]) return;
  uint64_t capacity = capacity_setting;
  size_t bytes = sizeof(struct header) + capacity * sizeof(struct event);
  char path[4200];
  uint64_t started = now_ns();
  snprintf(path, sizeof path, "%s/%d.%llu.events", out_dir, (int)getpid(), (unsigned long long)started);
  int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    setup_failed(NULL, "Creating the event file", errno);
    return;
  }
  if (capacity > ((uint64_t)INT64_MAX - sizeof(struct header)) / sizeof(struct event)) {
    close(fd);
    setup_failed(path, "Sizing the event file", EFBIG);
    return;
  }
  /* A sparse file: only the chunks extend() allocates take space. */
  int err = ftruncate(fd, (off_t)bytes) == 0 ? posix_fallocate(fd, 0, sizeof(struct header)) : errno;
  if (err != 0) {
    close(fd);
    setup_failed(path, "Sizing the event file", err);
    return;
  }
  void *map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    err = errno;
    close(fd);
    setup_failed(path, "Mapping the event file", err);
    return;
  }
  event_fd = fd;
  struct header *h = map;
  memcpy(h->magic, "PACERMT2", 8);
  h->version = 2;
  h->pid = (uint32_t)getpid();
  h->ppid = my_ppid;
  h->event_size = sizeof(struct event);
  h->capacity = capacity;
  h->start_ns = started;
  h->storage_errno = 0;
  atomic_store(&h->next, 0);
  events = (struct event *)(h + 1);
  atomic_store(&backed, 0);
  atomic_store(&limit, capacity);
  extend(h, 0);
  /* Two clock pairs 50 us apart give the reader a tick rate even if the process then _exits. */
  clock_sync(h);
  uint64_t t0 = now_ns();
  while (now_ns() - t0 < 50000) {
  }
  clock_sync(h);
  hdr = h;
}

/* Makes slot `i` writable; 0 when the disk is full (the event is lost). */
static int ensure_backed(struct header *h, uint64_t i) {
  while (i >= atomic_load_explicit(&backed, memory_order_acquire)) {
    if (i >= atomic_load(&limit)) return 0;
    int expected = 0;
    if (atomic_compare_exchange_strong(&extending, &expected, 1)) {
      uint64_t from = atomic_load(&backed);
      if (i >= from && from < atomic_load(&limit)) extend(h, from);
      atomic_store(&extending, 0);
    } else {
      sched_yield();
    }
  }
  return 1;
}

/* Reserves `n` adjacent slots; NULL when they are past the file's capacity or storage (lost, counted
 * by next - capacity). */
static struct event *slots(struct header *h, uint64_t n) {
  uint64_t i = atomic_fetch_add_explicit(&h->next, n, memory_order_relaxed);
  if (!ensure_backed(h, i + n - 1)) return NULL;
  return (struct event *)(h + 1) + i;
}

/* Records a (ticks, CLOCK_MONOTONIC) pair, retried until the two clock reads are close. */
static void clock_sync(struct header *h) {
  struct event *e = slots(h, 1);
  if (!e) return;
  uint64_t a = 0, t = 0, b = 0;
  for (int tries = 0; tries < 8; tries++) {
    a = now_ns();
    t = ticks();
    b = now_ns();
    if (b - a < 500) break;
  }
  e->tid = 0;
  e->ticks = t;
  e->addr = a + (b - a) / 2;
  e->size = 0;
  atomic_store_explicit(&e->type, EV_CLOCK, memory_order_release);
}

/* Called by the writer of a chunk's middle slot: allocates the next chunk before anyone needs it,
 * and records a clock pair (so the reader's tick-to-ns mapping is refreshed every chunk). */
static void extend_ahead(struct header *h) {
  int expected = 0;
  if (!atomic_compare_exchange_strong(&extending, &expected, 1)) return;
  uint64_t from = atomic_load(&backed);
  if (from < atomic_load(&limit)) extend(h, from);
  atomic_store(&extending, 0);
  clock_sync(h);
}

static void after_fork_child(void) {
  /* The parent's mapping is shared with the parent: the child must write to a file of its own. */
  hdr = NULL;
  events = NULL;
  cached_tid = 0;
  if (event_fd >= 0) close(event_fd);
  event_fd = -1;
  atomic_store(&extending, 0);
  atomic_store(&file_state, 0);
  /* Not getppid(): the parent may exit before this runs, and the child would look like init's. */
  write_identity(forking_pid);
}

static void before_fork(void) { forking_pid = (uint32_t)getpid(); }

static void init(void) {
  int expected = 0;
  if (!atomic_compare_exchange_strong(&init_state, &expected, 1)) return;
  resolve();
  const char *dir = getenv("PACER_MEMTRACK_DIR");
  if (dir && strlen(dir) < sizeof out_dir) strcpy(out_dir, dir);
  capacity_setting = env_u64("PACER_MEMTRACK_CAPACITY", 16u << 20);
  write_identity((uint32_t)getppid());
  const char *flag_path = getenv("PACER_MEMTRACK_FLAG");
  if (flag_path) {
    int fd = open(flag_path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      void *m = mmap(NULL, 1, PROT_READ, MAP_SHARED, fd, 0);
      close(fd);
      if (m != MAP_FAILED) flag = m;
    }
  }
  pthread_atfork(before_fork, NULL, after_fork_child);
  atomic_store(&init_state, 2);
}

__attribute__((constructor)) static void on_load(void) { init(); }

static inline int tracking(void) { return flag && *flag; }

static struct header *event_file(void) {
  int st = atomic_load_explicit(&file_state, memory_order_acquire);
  if (st == 2) return hdr;
  if (st == 0) {
    int expected = 0;
    if (atomic_compare_exchange_strong(&file_state, &expected, 1)) {
      open_event_file();
      atomic_store_explicit(&file_state, hdr ? 2 : 3, memory_order_release);
      return hdr;
    }
  }
  while ((st = atomic_load_explicit(&file_state, memory_order_acquire)) == 1) sched_yield();
  return st == 2 ? hdr : NULL;
}

/* Reserves `n` slots (2 for a realloc) and stamps the first; the caller fills them in and publishes
 * them with commit(). A free is stamped before the real free runs: once it has, another thread may
 * get the same address from malloc, and its event must come after this one. */
static struct event *reserve(uint64_t n) {
  struct header *h = event_file();
  if (!h) return NULL;
  uint64_t i = atomic_fetch_add_explicit(&h->next, n, memory_order_relaxed);
  if (!ensure_backed(h, i + n - 1)) return NULL; /* lost, counted by next - capacity */
  uint64_t m = i % EVENTS_PER_CHUNK;
  if (__builtin_expect(m <= EVENTS_PER_CHUNK / 2 && m + n > EVENTS_PER_CHUNK / 2, 0)) extend_ahead(h);
  if (__builtin_expect(!cached_tid, 0)) cached_tid = (uint32_t)syscall(SYS_gettid);
  struct event *e = &events[i];
  e->tid = cached_tid;
  e->ticks = ticks();
  return e;
}

/* Publishes a reserved slot (the type last, so a reader never sees half an event). */
static inline void commit(struct event *e, uint32_t type, void *addr, uint64_t size) {
  e->addr = (uint64_t)(uintptr_t)addr;
  e->size = size;
  atomic_store_explicit(&e->type, type, memory_order_release);
}

static inline void record(uint32_t type, void *addr, uint64_t size) {
  struct event *e = reserve(1);
  if (e) commit(e, type, addr, size);
}

/* At exit: a last clock pair, so events after the last chunk's pair are interpolated, not extrapolated. */
__attribute__((destructor)) static void on_unload(void) {
  if (atomic_load_explicit(&file_state, memory_order_acquire) == 2 && hdr) clock_sync(hdr);
}

/* Returns 1 when this call is the outermost allocation call and must be recorded. */
static inline int enter(void) {
  if (atomic_load_explicit(&init_state, memory_order_acquire) != 2) init();
  return depth++ == 0 && tracking();
}

static inline void leave(void) { depth--; }

void *malloc(size_t size) {
  if (!real_malloc) {
    init();
    if (!real_malloc) return arena_alloc(size); /* dlsym allocating while we resolve */
  }
  int rec = enter();
  void *p = real_malloc(size);
  if (rec && p) record(EV_MALLOC, p, size);
  leave();
  return p;
}

void *calloc(size_t n, size_t size) {
  if (!real_calloc) {
    init();
    if (!real_calloc) {
      if (size && n > SIZE_MAX / size) return NULL;
      return arena_alloc(n * size); /* static memory is zeroed */
    }
  }
  int rec = enter();
  void *p = real_calloc(n, size);
  if (rec && p) record(EV_CALLOC, p, (uint64_t)n * size);
  leave();
  return p;
}

void free(void *p) {
  if (!p || in_arena(p)) return;
  if (!real_free) init();
  if (!real_free) return; /* only while resolving: leak rather than crash */
  struct event *e = enter() ? reserve(1) : NULL;
  real_free(p);
  if (e) commit(e, EV_FREE, p, 0);
  leave();
}

void *realloc(void *old, size_t size) {
  if (in_arena(old)) {
    void *p = malloc(size);
    size_t room = (size_t)(arena + sizeof arena - (unsigned char *)old);
    if (p) memcpy(p, old, size < room ? size : room);
    return p;
  }
  if (!real_realloc) init();
  if (!real_realloc) return NULL;
  /* Stamped before the call, which may free `old` (see reserve). */
  struct event *e = enter() ? reserve(2) : NULL;
  void *p = real_realloc(old, size);
  if (e) {
    /* The old address first: the reader takes it when it reads the EV_REALLOC before it. */
    e[1].tid = e->tid;
    e[1].ticks = e->ticks;
    commit(&e[1], p ? EV_OLD : EV_NONE, old, 0);
    if (p) commit(e, EV_REALLOC, p, size);
    else if (old && size == 0) commit(e, EV_FREE, old, 0); /* glibc frees and returns NULL */
    else commit(e, EV_NONE, NULL, 0);
  }
  leave();
  return p;
}

static void *aligned(void *(*fn)(size_t, size_t), size_t align, size_t size) {
  if (!fn) init();
  int rec = enter();
  void *p = fn ? fn(align, size) : NULL;
  if (rec && p) record(EV_ALIGNED, p, size);
  leave();
  return p;
}

void *memalign(size_t align, size_t size) {
  if (!real_memalign) init();
  return aligned(real_memalign, align, size);
}

void *aligned_alloc(size_t align, size_t size) {
  if (!real_aligned_alloc) init();
  return aligned(real_aligned_alloc, align, size);
}

int posix_memalign(void **out, size_t align, size_t size) {
  if (!real_posix_memalign) init();
  int rec = enter();
  int rc = real_posix_memalign ? real_posix_memalign(out, align, size) : ENOMEM;
  if (rec && rc == 0) record(EV_ALIGNED, *out, size);
  leave();
  return rc;
}

void *valloc(size_t size) {
  if (!real_valloc) init();
  int rec = enter();
  void *p = real_valloc ? real_valloc(size) : NULL;
  if (rec && p) record(EV_ALIGNED, p, size);
  leave();
  return p;
}

void *pvalloc(size_t size) {
  if (!real_pvalloc) init();
  int rec = enter();
  void *p = real_pvalloc ? real_pvalloc(size) : NULL;
  if (rec && p) record(EV_ALIGNED, p, size);
  leave();
  return p;
}
