/* argv[1] threads (default 16), each argv[2] rounds (default 20000) of malloc(24), realloc to 48,
 * free, all started at once behind a barrier so they contend for the tracker's ring. Known: per
 * thread and round one malloc and one realloc (2 allocations, 72 bytes) and one free. argv[3]
 * "exit" ends with _exit (no atexit, no destructor), "kill" with SIGKILL, else return from main. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long rounds = 20000;
static pthread_barrier_t go;

static void *work(void *arg) {
  (void)arg;
  pthread_barrier_wait(&go);
  for (long i = 0; i < rounds; i++) {
    volatile char *p = malloc(24);
    p[0] = 1;
    p = realloc((void *)p, 48);
    p[47] = 2;
    free((void *)p);
  }
  return NULL;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 16;
  if (argc > 2) rounds = atol(argv[2]);
  pthread_t t[256];
  if (n > 256) n = 256;
  pthread_barrier_init(&go, NULL, (unsigned)n);
  for (int i = 0; i < n; i++) pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
  if (argc > 3 && strcmp(argv[3], "exit") == 0) _exit(0);
  if (argc > 3 && strcmp(argv[3], "kill") == 0) raise(SIGKILL);
  return 0;
}
