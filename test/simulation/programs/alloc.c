/* Allocation-heavy: 20,000 rounds of malloc, realloc, calloc and free (the --exclude-allocations test). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  long sum = 0;
  for (int i = 0; i < 20000; i++) {
    char *p = malloc(16 + (i % 512));
    memset(p, 1, 16);
    p = realloc(p, 64 + (i % 1024));
    long *q = calloc(4, sizeof(long));
    q[i % 4] = p[0];
    sum += q[0] + q[1] + q[2] + q[3];
    free(q);
    free(p);
  }
  printf("%ld\n", sum);
  return 0;
}
