/* argv[1] pairs of malloc(64) + free, with a 1 ms pause after every argv[2] pairs: the tracker's
 * writer records a clock pair every few milliseconds, so clock pairs sit among the events. */
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  long batch = argc > 2 ? atol(argv[2]) : 100;
  struct timespec ms = {0, 1000000};
  for (long i = 0; i < n; i++) {
    volatile char *p = malloc(64);
    p[0] = (char)i;
    free((void *)p);
    if (batch > 0 && i % batch == batch - 1) nanosleep(&ms, NULL);
  }
  return 0;
}
