/* Budget: 200k (constructor) + 300k (main) + 100k (atexit handler) + 400k (destructor) = 1,000,000. */
#include <stdlib.h>
#include "spin.h"
__attribute__((noinline)) static void budget_atexit(void) { spin(50000); }
__attribute__((constructor, noinline)) static void budget_ctor(void) { spin(100000); }
__attribute__((destructor, noinline)) static void budget_dtor(void) { spin(200000); }
int main(void) {
  atexit(budget_atexit);
  spin(150000);
  return 0;
}
