/* Clears its environment before it allocates anything (as some sandboxes and test harnesses do).
 * Known: 3 allocations of 100 bytes, all live at once, then 3 frees. */
#define _GNU_SOURCE
#include <stdlib.h>
int main(void) {
  clearenv();
  void *p[3];
  for (int i = 0; i < 3; i++) p[i] = malloc(100);
  for (int i = 0; i < 3; i++) free(p[i]);
  return 0;
}
