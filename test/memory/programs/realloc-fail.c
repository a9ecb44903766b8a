/* A realloc that fails (too large) leaves the block as it was. Known: 1 allocation of 10 bytes,
 * 1 free; the failed realloc is no event. */
#include <stdint.h>
#include <stdlib.h>
int main(void) {
  void *p = malloc(10);
  void *volatile huge = realloc(p, SIZE_MAX / 2);
  if (huge) return 1;
  free(p);
  return 0;
}
