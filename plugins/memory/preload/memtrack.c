/*
 * pacer memory tracker: an LD_PRELOAD interposer for the C allocation functions.
 *
 * Every process that loads it (children inherit LD_PRELOAD) writes its allocation events into its own
 * file "<PACER_MEMTRACK_DIR>/<pid>.<ns>.events". Events are recorded only while the one-byte file
 * PACER_MEMTRACK_FLAG holds a non-zero byte; pacer flips it with pwrite on StartBenchmark/StopBenchmark
 * (Linux keeps write() and shared mappings coherent).
 *
 * C++ operator new/delete (libstdc++, libc++) and jemalloc/mimalloc built as the process's malloc all end
 * in these functions, so they are seen here once. A thread-local depth guard makes sure an allocator that
 * calls another interposed function (realloc -> malloc, mi_malloc -> malloc) produces one event.
 *
 * File layout (little-endian, native): a 192-byte header, a ring of `ring_slots` 32-byte events, then
 * the drained events in order. The allocating thread only reserves a slot of the ring (one atomic add
 * on `next`), stamps it with the CPU counter and stores it; the type last (release), so half-written
 * slots are skipped. A writer thread of the library drains the ring into the data part with pwrite
 * (`written` counts them), clears the slots and advances `drained`. The ring is mapped MAP_SHARED from
 * the file itself, so a process that crashes, _exits or execs loses nothing: the reader takes events
 * [0, written) from the data part and [written, next) from the ring. When the ring is full the
 * allocating thread waits (and drains itself): no event is dropped for speed; `waits` counts it.
 * Events past `capacity` are lost (the reader reports next - capacity, less the slots there that
 * held no event: `skipped` counts those it can no longer see); a full disk lowers capacity to what
 * was written and `storage_errno` says why.
 *
 * Timestamps are raw CPU counter ticks (rdtsc, cntvct_el0): clock_gettime costs ~30 ns in a VM (kvm-clock),
 * more than the whole budget of an event. EV_CLOCK slots pair a tick count with CLOCK_MONOTONIC ns (when
 * the file opens, twice, 50 us apart; every few milliseconds from the writer; at exit) and the reader
 * interpolates between them, so the events still carry the runner's clock.
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
  uint64_t start_ns;
  uint32_t storage_errno; /* non-zero: the file could not grow, later events were lost */
  uint32_t ring_slots;
  _Atomic uint64_t written; /* events in the data part */
  /* Slots at or past the capacity that were no event of their own (a clock pair, a realloc's second
   * slot, a failed realloc's reservation) and that the reader cannot see: never stored, or discarded
   * after a failed write. Without it a clock pair would count as a lost allocation. */
  _Atomic uint64_t skipped;
  /* Own cache lines: every allocating thread adds to `next`, the writer stores `drained`. */
  _Alignas(64) _Atomic uint64_t next;
  _Alignas(64) _Atomic uint64_t drained; /* slots below it are free for the next lap */
  _Atomic uint64_t waits;                /* times an allocating thread found the ring full */
  _Alignas(64) char end[];
};

_Static_assert(sizeof(struct event) == 32, "event layout");
_Static_assert(sizeof(struct header) == 192, "header layout");

#define TLS __thread __attribute__((tls_model("initial-exec")))

/* 2 MiB of ring: fits in L2/L3, so the allocating thread stores to cache-hot memory instead of
 * faulting in and zeroing a fresh page of file every 128 events. */
#define RING_SLOTS_DEFAULT (1u << 16)

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
static uint64_t ring_setting; /* a power of two */
static int writer_setting;    /* PACER_MEMTRACK_WRITER=0: no writer thread (tests of the ring alone) */
static uint32_t my_ppid; /* the parent when the library loaded or the process forked */
static int event_fd = -1;
static struct header *hdr;
static size_t map_bytes;
/* The event file is created on the first event, so processes that never record (a shell, a
 * package manager around the benchmark) cost nothing: 0 none, 1 opening, 2 open, 3 failed. */
static _Atomic int file_state;
static struct event *ring;
static uint64_t ring_mask;
static uint64_t ring_slots;
static uint64_t data_offset;
static _Atomic int draining;
static _Atomic int writer_stop;
static pthread_t writer;
static int writer_started;
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

static void clock_sync(struct header *h);
static void *writer_main(void *arg);

/* Opens this process's event file; called on the first event (again in a forked child). */
static void open_event_file(void) {
  if (!out_dir[0]) return;
  uint64_t capacity = capacity_setting;
  uint64_t slots = ring_setting;
  char path[4200];
  uint64_t started = now_ns();
  snprintf(path, sizeof path, "%s/%d.%llu.events", out_dir, (int)getpid(), (unsigned long long)started);
  int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    setup_failed(NULL, "Creating the event file", errno);
    return;
  }
  size_t ring_bytes = sizeof(struct header) + slots * sizeof(struct event);
  if (capacity > ((uint64_t)INT64_MAX - ring_bytes) / sizeof(struct event)) {
    close(fd);
    setup_failed(path, "Sizing the event file", EFBIG);
    return;
  }
  /* Sized for the whole capacity (sparse: only what is written takes space), so a capacity the
   * file system cannot hold fails here, not in the middle of the recording. The header and ring are
   * allocated, so stores to the mapping never SIGBUS on a full disk. */
  int err = ftruncate(fd, (off_t)(ring_bytes + capacity * sizeof(struct event))) == 0 ? posix_fallocate(fd, 0, (off_t)ring_bytes) : errno;
  if (err != 0) {
    close(fd);
    setup_failed(path, "Sizing the event file", err);
    return;
  }
  void *map = mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
  if (map == MAP_FAILED) {
    err = errno;
    close(fd);
    setup_failed(path, "Mapping the event file", err);
    return;
  }
  event_fd = fd;
  map_bytes = ring_bytes;
  struct header *h = map;
  memcpy(h->magic, "PACERMT2", 8);
  h->version = 2;
  h->pid = (uint32_t)getpid();
  h->ppid = my_ppid;
  h->event_size = sizeof(struct event);
  h->capacity = capacity + 2; /* the two opening clock pairs are not the program's events */
  h->start_ns = started;
  h->storage_errno = 0;
  h->ring_slots = (uint32_t)slots;
  atomic_store(&h->written, 0);
  atomic_store(&h->skipped, 0);
  atomic_store(&h->next, 0);
  atomic_store(&h->drained, 0);
  atomic_store(&h->waits, 0);
  ring = (struct event *)(h + 1);
  ring_slots = slots;
  ring_mask = slots - 1;
  data_offset = ring_bytes;
  /* Two clock pairs 50 us apart give the reader a tick rate even if the process then _exits. */
  clock_sync(h);
  uint64_t t0 = now_ns();
  while (now_ns() - t0 < 50000) {
  }
  clock_sync(h);
  hdr = h;
  atomic_store(&writer_stop, 0);
  /* Without the writer thread nothing is lost either: allocating threads drain a full ring. */
  writer_started = writer_setting && pthread_create(&writer, NULL, writer_main, NULL) == 0;
}

/* Writes the committed slots from `drained` on into the data part, clears them and frees them for
 * the next lap, leaving the newest `keep` slots (the writer stays off the cache lines the allocating
 * threads are storing to). One thread at a time; returns the number of slots drained (0: another
 * thread is at it, or nothing is committed yet). After a failed write the slots are discarded (lost). */
static uint64_t drain(struct header *h, uint64_t keep) {
  int expected = 0;
  if (!atomic_compare_exchange_strong(&draining, &expected, 1)) return 0;
  uint64_t d = atomic_load_explicit(&h->drained, memory_order_relaxed);
  uint64_t n = atomic_load_explicit(&h->next, memory_order_acquire);
  if (n > h->capacity) n = h->capacity;
  n = n > d + keep ? n - keep : d;
  uint64_t e = d;
  while (e < n && e - d < ring_slots && atomic_load_explicit(&ring[e & ring_mask].type, memory_order_acquire) != 0) e++;
  if (e == d) {
    atomic_store(&draining, 0);
    return 0;
  }
  uint64_t w = atomic_load_explicit(&h->written, memory_order_relaxed);
  for (uint64_t at = d; at < e && !h->storage_errno;) {
    uint64_t run = e - at;
    uint64_t to_end = ring_slots - (at & ring_mask);
    if (run > to_end) run = to_end; /* the ring wraps: two writes */
    const char *src = (const char *)&ring[at & ring_mask];
    size_t len = run * sizeof(struct event), done = 0;
    while (done < len) {
      ssize_t k = pwrite(event_fd, src + done, len - done, (off_t)(data_offset + w * sizeof(struct event) + done));
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) {
        h->storage_errno = k < 0 ? (uint32_t)errno : ENOSPC;
        break;
      }
      done += (size_t)k;
    }
    w += done / sizeof(struct event);
    atomic_store_explicit(&h->written, w, memory_order_release);
    at += run;
  }
  if (h->storage_errno) {
    h->capacity = w; /* the reader counts the slots past it as lost */
    /* ...but not the discarded ones that were no event: it can no longer see which they were. */
    uint64_t no_event = 0;
    for (uint64_t i = w > d ? w : d; i < e; i++) {
      uint32_t t = atomic_load_explicit(&ring[i & ring_mask].type, memory_order_relaxed);
      if (t == EV_CLOCK || t == EV_OLD || t == EV_NONE) no_event++;
    }
    atomic_fetch_add_explicit(&h->skipped, no_event, memory_order_relaxed);
  }
  for (uint64_t i = d; i < e; i++) atomic_store_explicit(&ring[i & ring_mask].type, 0, memory_order_relaxed);
  atomic_store_explicit(&h->drained, e, memory_order_release);
  atomic_store(&draining, 0);
  return e - d;
}

/* The writer: drains as the ring fills, sleeps when there is nothing to drain, and records a clock
 * pair every few milliseconds (the reader's tick-to-ns mapping). */
static void *writer_main(void *arg) {
  (void)arg;
  depth = 1; /* its own allocations (none expected) are not the program's */
  struct header *h = hdr;
  uint64_t last_sync = now_ns();
  while (!atomic_load(&writer_stop)) {
    /* Batches of an eighth of the ring at least: draining right behind the allocating threads
     * would bounce their cache lines (the ring's and `next`'s) between cores on every event. */
    uint64_t pending = atomic_load_explicit(&h->next, memory_order_relaxed) - atomic_load_explicit(&h->drained, memory_order_relaxed);
    if (pending >= ring_slots / 8) drain(h, 256);
    uint64_t t = now_ns();
    if (t - last_sync > 5000000) {
      clock_sync(h);
      last_sync = t;
    }
    if (pending < ring_slots / 4) {
      struct timespec ts = {0, 100000};
      nanosleep(&ts, NULL);
    }
  }
  return NULL;
}

/* Makes slots [i, i + n) writable: waits (draining itself) while the ring's previous lap is not
 * drained. 0 when they are past the capacity (the event is lost). */
static inline int claim(struct header *h, uint64_t i, uint64_t n) {
  if (__builtin_expect(i + n > h->capacity, 0)) return 0;
  if (__builtin_expect(i + n - atomic_load_explicit(&h->drained, memory_order_acquire) > ring_slots, 0)) {
    atomic_fetch_add_explicit(&h->waits, 1, memory_order_relaxed);
    while (i + n - atomic_load_explicit(&h->drained, memory_order_acquire) > ring_slots) {
      if (i + n > h->capacity) return 0;
      if (!drain(h, 0)) sched_yield();
    }
  }
  return 1;
}

/* Records a (ticks, CLOCK_MONOTONIC) pair, retried until the two clock reads are close. */
static void clock_sync(struct header *h) {
  /* Not past the capacity: a lost clock pair is not a lost event. */
  if (atomic_load_explicit(&h->next, memory_order_relaxed) >= h->capacity) return;
  uint64_t i = atomic_fetch_add_explicit(&h->next, 1, memory_order_relaxed);
  if (!claim(h, i, 1)) {
    /* Another thread took the last slots between the check above and the add. */
    atomic_fetch_add_explicit(&h->skipped, 1, memory_order_relaxed);
    return;
  }
  struct event *e = &ring[i & ring_mask];
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

static void after_fork_child(void) {
  /* The parent's mapping is shared with the parent: the child must write to a file of its own (and
   * has no writer thread). */
  if (hdr) munmap(hdr, map_bytes);
  hdr = NULL;
  ring = NULL;
  cached_tid = 0;
  writer_started = 0;
  if (event_fd >= 0) close(event_fd);
  event_fd = -1;
  atomic_store(&draining, 0);
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
  capacity_setting = env_u64("PACER_MEMTRACK_CAPACITY", 1ull << 28);
  /* PACER_MEMTRACK_RING: slots of the ring, rounded down to a power of two (tests make it tiny). */
  uint64_t r = env_u64("PACER_MEMTRACK_RING", RING_SLOTS_DEFAULT);
  writer_setting = env_u64("PACER_MEMTRACK_WRITER", 1) != 0;
  ring_setting = 2;
  while (ring_setting * 2 <= r && ring_setting < (1u << 24)) ring_setting *= 2;
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
static inline struct event *reserve(uint64_t n, struct event **second) {
  struct header *h = event_file();
  if (__builtin_expect(!h, 0)) return NULL;
  uint64_t i = atomic_fetch_add_explicit(&h->next, n, memory_order_relaxed);
  if (!claim(h, i, n)) {
    /* Lost, counted by next - capacity; a realloc is one event in two slots. Its first slot, when
     * it is still under the capacity, is never stored: the reader counts it as torn. */
    if (n == 2) atomic_fetch_add_explicit(&h->skipped, 1, memory_order_relaxed);
    return NULL;
  }
  if (__builtin_expect(!cached_tid, 0)) cached_tid = (uint32_t)syscall(SYS_gettid);
  struct event *e = &ring[i & ring_mask];
  e->tid = cached_tid;
  e->ticks = ticks();
  if (n == 2) {
    /* A realloc's second slot: the first of the ring when the first is its last. */
    struct event *o = &ring[(i + 1) & ring_mask];
    o->tid = cached_tid;
    o->ticks = e->ticks;
    *second = o;
  }
  return e;
}

/* Publishes a reserved slot (the type last, so a reader never sees half an event). */
static inline void commit(struct event *e, uint32_t type, void *addr, uint64_t size) {
  e->addr = (uint64_t)(uintptr_t)addr;
  e->size = size;
  atomic_store_explicit(&e->type, type, memory_order_release);
}

static inline void record(uint32_t type, void *addr, uint64_t size) {
  struct event *e = reserve(1, NULL);
  if (e) commit(e, type, addr, size);
}

/* At exit: a last clock pair, then the ring is drained (what threads still record after this stays in
 * the ring part of the file, where the reader finds it, as after _exit). */
__attribute__((destructor)) static void on_unload(void) {
  if (atomic_load_explicit(&file_state, memory_order_acquire) != 2 || !hdr) return;
  atomic_store(&writer_stop, 1);
  depth++; /* pthread_join frees the writer's memory: not the program's */
  if (writer_started) pthread_join(writer, NULL);
  depth--;
  writer_started = 0;
  clock_sync(hdr);
  for (int tries = 0; tries < 1000 && atomic_load(&hdr->drained) < atomic_load(&hdr->next); tries++)
    if (!drain(hdr, 0)) sched_yield();
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
  struct event *e = enter() ? reserve(1, NULL) : NULL;
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
  struct event *second = NULL;
  struct event *e = enter() ? reserve(2, &second) : NULL;
  void *p = real_realloc(old, size);
  if (e) {
    /* The old address first: the reader takes it when it reads the EV_REALLOC before it. */
    commit(second, p ? EV_OLD : EV_NONE, old, 0);
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
