/* One thread allocates, another frees: a producer mallocs 1000-byte blocks and hands them over a
 * ring to a consumer that frees them. At most 64 blocks are ever allocated at once (the producer
 * waits for a slot before it calls malloc; the consumer gives the slot back after free returns), so
 * the true peak is at most 64 x 1000 = 64000 bytes. Known: argv[1] (default 200000) allocations
 * and frees of 1000 bytes. The freed address is often the next one malloc returns in the other
 * thread: a free stamped after it returned is then ordered after that malloc. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define SLOTS 64
#define SIZE 1000
static void *_Atomic ring[SLOTS];
static atomic_int outstanding;
static long count = 200000;

static void *consume(void *arg) {
  (void)arg;
  for (long i = 0; i < count; i++) {
    void *p;
    while (!(p = atomic_exchange(&ring[i % SLOTS], NULL))) {}
    free(p);
    atomic_fetch_sub(&outstanding, 1);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) count = atol(argv[1]);
  pthread_t t;
  pthread_create(&t, NULL, consume, NULL);
  for (long i = 0; i < count; i++) {
    while (atomic_load(&outstanding) >= SLOTS) {}
    atomic_fetch_add(&outstanding, 1);
    volatile char *p = malloc(SIZE);
    p[0] = 1;
    while (atomic_load(&ring[i % SLOTS])) {}
    atomic_store(&ring[i % SLOTS], (void *)p);
  }
  pthread_join(t, NULL);
  return 0;
}
